"""the accessibility statement's feedback address and uustatus link per organisation

Revision ID: a19e00000005
Revises: a19e00000001
Create Date: 2026-12-05 12:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a19e00000005'
down_revision = 'a19e00000001'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE (no batch copy): on SQLite a copy of `organisation` cannot be dropped while
    # other tables' foreign keys point at it.
    op.add_column('organisation', sa.Column('accessibility_email', sa.String(length=254), nullable=True))
    op.add_column('organisation', sa.Column('uustatus_url', sa.String(length=500), nullable=True))


def downgrade():
    op.drop_column('organisation', 'uustatus_url')
    op.drop_column('organisation', 'accessibility_email')
