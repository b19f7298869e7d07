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
    with op.batch_alter_table('organisation') as batch_op:
        batch_op.add_column(sa.Column('accessibility_email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('uustatus_url', sa.String(length=500), nullable=True))


def downgrade():
    with op.batch_alter_table('organisation') as batch_op:
        batch_op.drop_column('uustatus_url')
        batch_op.drop_column('accessibility_email')
