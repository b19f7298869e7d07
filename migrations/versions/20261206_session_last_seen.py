"""auth: when a signed-in session was last used (the idle limit, kept on the server)

Revision ID: a19e00000011
Revises: a19e00000010
Create Date: 2026-12-06 03:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a19e00000011'
down_revision = 'a19e00000010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('login_session') as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE login_session SET last_seen_at = created_at")
    with op.batch_alter_table('login_session') as batch_op:
        batch_op.alter_column('last_seen_at', existing_type=sa.DateTime(), nullable=False)


def downgrade():
    with op.batch_alter_table('login_session') as batch_op:
        batch_op.drop_column('last_seen_at')
