"""login sessions that end on the server; who granted each membership; the access record

Revision ID: a14e00000001
Revises: 7c3e2a9d41b0
Create Date: 2026-12-04 16:25:34.945317

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a14e00000001'
down_revision = '7c3e2a9d41b0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('ended_reason', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_login_session_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_session')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_login_session_secret_hash'))
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index('ix_login_session_user_open', ['user_id', 'ended_at'], unique=False)

    op.create_table('access_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_access_event_actor_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_access_event_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_access_event_school_id_school'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_id'], ['user_account.id'], name=op.f('fk_access_event_subject_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_event'))
    )
    with op.batch_alter_table('access_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_event_school_id'), ['school_id'], unique=False)

    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.add_column(sa.Column('granted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('granted_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_membership_granted_by_id_user_account'), 'user_account', ['granted_by_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_membership_granted_by_id_user_account'), type_='foreignkey')
        batch_op.drop_column('granted_at')
        batch_op.drop_column('granted_by_id')

    with op.batch_alter_table('access_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_event_school_id'))
        batch_op.drop_index(batch_op.f('ix_access_event_at'))

    op.drop_table('access_event')
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index('ix_login_session_user_open')

    op.drop_table('login_session')
