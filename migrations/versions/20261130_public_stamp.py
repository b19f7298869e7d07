"""public stamp: one row whose value changes with anything a public page shows

Revision ID: 7c3e2a9d41b0
Revises: f51fe4d34566
Create Date: 2026-11-30 17:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3e2a9d41b0'
down_revision = 'f51fe4d34566'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('public_stamp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_public_stamp'))
    )


def downgrade():
    op.drop_table('public_stamp')
