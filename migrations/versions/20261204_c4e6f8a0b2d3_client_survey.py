"""client survey: invitations with a single-use token, contacts per period, anonymous answers

Revision ID: c4e6f8a0b2d3
Revises: b3d5e7f9a1c2
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e6f8a0b2d3'
down_revision = 'b3d5e7f9a1c2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'survey_invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('domain', sa.String(length=40), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('period', sa.Date(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('outbox_link', sa.String(length=300), nullable=True),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('used', sa.Boolean(), nullable=False),
        sa.Column('refused', sa.Boolean(), nullable=False),
        sa.CheckConstraint('NOT used OR person_id IS NULL', name=op.f('ck_survey_invitations_used_without_person')),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_survey_invitations_municipality_id_municipalities')),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_survey_invitations_person_id_persons')),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_survey_invitations_team_id_teams')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_invitations')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_survey_invitations_token_hash')),
    )
    with op.batch_alter_table('survey_invitations', schema=None) as batch_op:
        batch_op.create_index('ix_survey_invitations_municipality_period', ['municipality_id', 'period'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_invitations_person_id'), ['person_id'], unique=False)

    op.create_table(
        'survey_contacts',
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_survey_contacts_person_id_persons'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('person_id', 'period', name=op.f('pk_survey_contacts')),
    )

    op.create_table(
        'survey_responses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('domain', sa.String(length=40), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('period', sa.Date(), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('grade', sa.Integer(), nullable=False),
        sa.Column('recommendation', sa.Integer(), nullable=False),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('remark', sa.Text(), nullable=True),
        sa.CheckConstraint("channel IN ('web', 'telefoon')", name=op.f('ck_survey_responses_known_channel')),
        sa.CheckConstraint('grade BETWEEN 1 AND 10', name=op.f('ck_survey_responses_grade_one_to_ten')),
        sa.CheckConstraint('recommendation BETWEEN 0 AND 10', name=op.f('ck_survey_responses_recommendation_zero_to_ten')),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_survey_responses_municipality_id_municipalities')),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_survey_responses_team_id_teams')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses')),
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index('ix_survey_responses_municipality_period', ['municipality_id', 'period'], unique=False)


def downgrade():
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_responses_municipality_period')
    op.drop_table('survey_responses')
    op.drop_table('survey_contacts')
    with op.batch_alter_table('survey_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_invitations_person_id'))
        batch_op.drop_index('ix_survey_invitations_municipality_period')
    op.drop_table('survey_invitations')
