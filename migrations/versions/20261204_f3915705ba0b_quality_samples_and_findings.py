"""quality samples and findings

Revision ID: f3915705ba0b
Revises: c4e6f8a0b2d3
Create Date: 2026-12-01 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f3915705ba0b'
down_revision = 'c4e6f8a0b2d3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('quality_samples',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=40), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('drawn_by_id', sa.Integer(), nullable=False),
    sa.Column('drawn_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('replaced_by_id', sa.Integer(), nullable=True),
    sa.Column('replaced_because', sa.String(length=500), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('period_start <= period_end', name=op.f('ck_quality_samples_period_in_order')),
    sa.CheckConstraint('size >= 1', name=op.f('ck_quality_samples_size_positive')),
    sa.ForeignKeyConstraint(['drawn_by_id'], ['users.id'], name=op.f('fk_quality_samples_drawn_by_id_users')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_quality_samples_municipality_id_municipalities')),
    sa.ForeignKeyConstraint(['replaced_by_id'], ['quality_samples.id'], name=op.f('fk_quality_samples_replaced_by_id_quality_samples')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_quality_samples_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_samples'))
    )
    with op.batch_alter_table('quality_samples', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_samples_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('quality_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sample_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=60), nullable=False),
    sa.Column('verdict', sa.String(length=20), nullable=False),
    sa.Column('cause', sa.String(length=20), nullable=True),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(verdict = 'voldoet_niet') = (cause IS NOT NULL)", name=op.f('ck_quality_findings_cause_only_for_errors')),
    sa.CheckConstraint("cause IS NULL OR cause IN ('proces', 'kennis', 'systeem', 'client', 'anders')", name=op.f('ck_quality_findings_known_cause')),
    sa.CheckConstraint("verdict IN ('voldoet', 'voldoet_niet', 'nvt')", name=op.f('ck_quality_findings_known_verdict')),
    sa.CheckConstraint('points >= 0 AND points <= weight', name=op.f('ck_quality_findings_points_within_weight')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_quality_findings_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_quality_findings_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['sample_id'], ['quality_samples.id'], name=op.f('fk_quality_findings_sample_id_quality_samples'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_findings')),
    sa.UniqueConstraint('sample_id', 'case_id', 'item', name=op.f('uq_quality_findings_sample_id_case_id_item'))
    )
    with op.batch_alter_table('quality_findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_findings_case_id'), ['case_id'], unique=False)

    op.create_table('quality_sample_cases',
    sa.Column('sample_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_quality_sample_cases_case_id_cases')),
    sa.ForeignKeyConstraint(['sample_id'], ['quality_samples.id'], name=op.f('fk_quality_sample_cases_sample_id_quality_samples'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sample_id', 'case_id', name=op.f('pk_quality_sample_cases'))
    )
    with op.batch_alter_table('quality_sample_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_sample_cases_case_id'), ['case_id'], unique=False)



def downgrade():
    with op.batch_alter_table('quality_sample_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_sample_cases_case_id'))

    op.drop_table('quality_sample_cases')
    with op.batch_alter_table('quality_findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_findings_case_id'))

    op.drop_table('quality_findings')
    with op.batch_alter_table('quality_samples', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_samples_municipality_id'))

    op.drop_table('quality_samples')
