"""plan import: a proposal kept on the server while it is reviewed

Revision ID: a19e00000008
Revises: a19e00000007
Create Date: 2026-12-05 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a19e00000008'
down_revision = 'a19e00000007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('blocks', sa.JSON(), nullable=False),
    sa.Column('proposal', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_plan_import_school_id_school'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_plan_import_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_import')),
    sa.UniqueConstraint('token', name=op.f('uq_plan_import_token'))
    )
    with op.batch_alter_table('plan_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_import_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_import_school_id'), ['school_id'], unique=False)


def downgrade():
    with op.batch_alter_table('plan_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_import_school_id'))
        batch_op.drop_index(batch_op.f('ix_plan_import_expires_at'))

    op.drop_table('plan_import')
