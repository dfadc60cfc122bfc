"""closed_deadline_days: the day roll-up of stopped terms, filled from the deadlines there are

Revision ID: 4e8b1c2d9a67
Revises: 9c2f4a7d1e83
Create Date: 2026-11-30 05:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4e8b1c2d9a67'
down_revision = '9c2f4a7d1e83'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('closed_deadline_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('case_type', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('terms', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_closed_deadline_days_municipality_id_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_closed_deadline_days')),
    sa.UniqueConstraint('municipality_id', 'day', 'team_id', 'case_type', 'kind', 'outcome', name='uq_closed_deadline_days_key')
    )
    # The terms stopped before the roll-up existed, counted as the engine now counts them.
    op.execute(
        "INSERT INTO closed_deadline_days"
        " (day, municipality_id, team_id, case_type, kind, outcome, terms)"
        " SELECT d.stopped_on, c.municipality_id, COALESCE(c.team_id, 0), c.case_type,"
        " d.kind, d.outcome, COUNT(*)"
        " FROM deadlines d JOIN cases c ON c.id = d.case_id"
        " WHERE d.status = 'stopped'"
        " GROUP BY d.stopped_on, c.municipality_id, COALESCE(c.team_id, 0), c.case_type,"
        " d.kind, d.outcome"
    )


def downgrade():
    op.drop_table('closed_deadline_days')
