"""objections, complaints and their roles (jurist, klachtencoordinator)

Revision ID: b3d5e7f9a1c2
Revises: ceee7aec7cee
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3d5e7f9a1c2'
down_revision = 'ceee7aec7cee'
branch_labels = None
depends_on = None

ROLES_BEFORE = (
    "'toegang', 'consulent', 'regisseur', 'teammanager', 'kwaliteit', 'beheerder', 'gemeente', "
    "'privacy', 'partner'"
)
ROLES_AFTER = ROLES_BEFORE + ", 'jurist', 'klachtencoordinator'"


def upgrade():
    with op.batch_alter_table('user_roles', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_user_roles_known_role'), type_='check')
        batch_op.create_check_constraint('known_role', f"role IN ({ROLES_AFTER})")

    op.create_table(
        'objections',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('contested_case_id', sa.Integer(), nullable=False),
        sa.Column('contested_event_id', sa.Integer(), nullable=False),
        sa.Column('made_known_on', sa.Date(), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('posted_on', sa.Date(), nullable=True),
        sa.Column('lodging_ends_on', sa.Date(), nullable=False),
        sa.Column('in_time', sa.Boolean(), nullable=False),
        sa.Column('excused', sa.Boolean(), nullable=False),
        sa.Column('excuse', sa.Text(), nullable=True),
        sa.CheckConstraint('NOT (in_time AND excused)', name=op.f('ck_objections_excused_only_late')),
        sa.CheckConstraint('case_id != contested_case_id', name=op.f('ck_objections_not_against_itself')),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_objections_case_id_cases'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['contested_case_id'], ['cases.id'], name=op.f('fk_objections_contested_case_id_cases')),
        sa.ForeignKeyConstraint(['contested_event_id'], ['case_events.id'], name=op.f('fk_objections_contested_event_id_case_events')),
        sa.PrimaryKeyConstraint('case_id', name=op.f('pk_objections')),
    )
    with op.batch_alter_table('objections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objections_contested_case_id'), ['contested_case_id'], unique=False)

    op.create_table(
        'complaints',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('about_case_id', sa.Integer(), nullable=True),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.CheckConstraint("channel IN ('brief', 'email', 'telefoon', 'balie', 'medewerker')", name=op.f('ck_complaints_known_channel')),
        sa.ForeignKeyConstraint(['about_case_id'], ['cases.id'], name=op.f('fk_complaints_about_case_id_cases')),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_complaints_case_id_cases'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_complaints_team_id_teams')),
        sa.PrimaryKeyConstraint('case_id', name=op.f('pk_complaints')),
    )
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaints_about_case_id'), ['about_case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaints_team_id'), ['team_id'], unique=False)


def downgrade():
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaints_team_id'))
        batch_op.drop_index(batch_op.f('ix_complaints_about_case_id'))
    op.drop_table('complaints')
    with op.batch_alter_table('objections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objections_contested_case_id'))
    op.drop_table('objections')

    with op.batch_alter_table('user_roles', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_user_roles_known_role'), type_='check')
        batch_op.create_check_constraint('known_role', f"role IN ({ROLES_BEFORE})")
