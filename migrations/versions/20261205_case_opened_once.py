"""cases: the phone's idempotency key for opening a case (a case opened offline is opened once)

Revision ID: a19e00000010
Revises: a19e00000009
Create Date: 2026-12-05 18:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a19e00000010'
down_revision = 'a19e00000009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_file') as batch_op:
        batch_op.add_column(sa.Column('client_key', sa.String(length=36), nullable=True))
        batch_op.create_index('uq_case_file_client_key', ['school_id', 'client_key'], unique=True)


def downgrade():
    with op.batch_alter_table('case_file') as batch_op:
        batch_op.drop_index('uq_case_file_client_key')
        batch_op.drop_column('client_key')
