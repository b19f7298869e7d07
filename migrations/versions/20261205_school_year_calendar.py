"""school years and the periods schools are closed (breaks, planning days, a school's own days)

Revision ID: a18e00000001
Revises: a14e00000003
Create Date: 2026-12-05 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a18e00000001'
down_revision = 'a14e00000003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('school_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('last_day > first_day', name=op.f('ck_school_year_first_before_last')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_school_year_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_year')),
    sa.UniqueConstraint('organisation_id', 'first_day', name=op.f('uq_school_year_organisation_id_first_day'))
    )
    with op.batch_alter_table('school_year', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_year_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('closed_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_year_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('autumn_break', 'christmas_break', 'winter_break', 'easter_break', 'planning_day', 'other', name='closedkind', native_enum=False, length=20), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('last_day >= first_day', name=op.f('ck_closed_period_first_not_after_last')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_closed_period_school_id_school'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['school_year_id'], ['school_year.id'], name=op.f('fk_closed_period_school_year_id_school_year'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_closed_period'))
    )
    with op.batch_alter_table('closed_period', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_closed_period_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_closed_period_school_year_id'), ['school_year_id'], unique=False)


def downgrade():
    with op.batch_alter_table('closed_period', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_closed_period_school_year_id'))
        batch_op.drop_index(batch_op.f('ix_closed_period_school_id'))
    op.drop_table('closed_period')

    with op.batch_alter_table('school_year', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_year_organisation_id'))
    op.drop_table('school_year')
