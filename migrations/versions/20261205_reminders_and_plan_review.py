"""reminders: each person's setting, the reminders found (unique per reminder and person), daily digests;
a plan's last and next review

Revision ID: a18e00000002
Revises: a18e00000001
Create Date: 2026-12-05 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a18e00000002'
down_revision = 'a18e00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reminder_setting',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_reminder_setting_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_reminder_setting'))
    )
    op.create_table('reminder_digest',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_reminder_digest_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'day', name=op.f('pk_reminder_digest'))
    )
    op.create_table('reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('field_key', sa.String(length=50), nullable=True),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('found_at', sa.DateTime(), nullable=False),
    sa.Column('claim', sa.String(length=32), nullable=True),
    sa.Column('claimed_at', sa.DateTime(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], name=op.f('fk_reminder_case_id_case_file'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_reminder_plan_id_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['checklist_run.id'], name=op.f('fk_reminder_run_id_checklist_run'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_reminder_school_id_school'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_reminder_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder')),
    sa.UniqueConstraint('key', 'user_id', name='uq_reminder_key_user')
    )
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.create_index('ix_reminder_state_user', ['state', 'user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_claim'), ['claim'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_school_id'), ['school_id'], unique=False)
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reviewed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('review_by', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_plan_review_by'), ['review_by'], unique=False)


def downgrade():
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_review_by'))
        batch_op.drop_column('review_by')
        batch_op.drop_column('reviewed_on')
    op.drop_table('reminder')
    op.drop_table('reminder_digest')
    op.drop_table('reminder_setting')
