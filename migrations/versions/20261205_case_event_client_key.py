"""case events: the phone's idempotency key and the time an answer was given on the phone

Revision ID: a19e00000009
Revises: a19e00000004
Create Date: 2026-12-05 13:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a19e00000009'
down_revision = 'a19e00000004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_event') as batch_op:
        batch_op.add_column(sa.Column('client_key', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('given_at', sa.DateTime(), nullable=True))
        batch_op.create_index('uq_case_event_client_key', ['case_id', 'client_key'], unique=True)


def downgrade():
    with op.batch_alter_table('case_event') as batch_op:
        batch_op.drop_index('uq_case_event_client_key')
        batch_op.drop_column('given_at')
        batch_op.drop_column('client_key')
