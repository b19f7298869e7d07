"""archive: a case filed in the school's archive (when, by whom); a school's explicit choice to purge unfiled cases

Revision ID: a19e00000007
Revises: a19e00000005
Create Date: 2026-12-05 12:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a19e00000007'
down_revision = 'a19e00000005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('filed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('filed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_case_file_filed_by_id_user_account'), 'user_account', ['filed_by_id'], ['id'], ondelete='SET NULL'
        )
    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purge_unfiled', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.drop_column('purge_unfiled')
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_case_file_filed_by_id_user_account'), type_='foreignkey')
        batch_op.drop_column('filed_by_id')
        batch_op.drop_column('filed_at')
