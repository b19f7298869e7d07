"""case references are never reused (a counter per school and year); who added each case member

Revision ID: a14e00000002
Revises: a14e00000001
Create Date: 2026-12-04 16:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a14e00000002'
down_revision = 'a14e00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_counter',
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_case_counter_school_id_school'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('school_id', 'year', name=op.f('pk_case_counter'))
    )
    # Each school and year starts after the highest number its cases have had so far.
    op.execute(
        'INSERT INTO case_counter (school_id, year, last_number) '
        'SELECT school_id, year, MAX(number) FROM case_file GROUP BY school_id, year'
    )
    with op.batch_alter_table('case_member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('added_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_case_member_added_by_id_user_account'), 'user_account', ['added_by_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('case_member', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_case_member_added_by_id_user_account'), type_='foreignkey')
        batch_op.drop_column('added_by_id')

    op.drop_table('case_counter')
