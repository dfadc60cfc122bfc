"""deadline cycles and lapsed outcome

Revision ID: d1a16354f2b7
Revises: 1e052c8c9486
Create Date: 2026-11-23 13:17:04.578111

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd1a16354f2b7'
down_revision = '1e052c8c9486'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cycle', sa.Integer(), server_default='1', nullable=False))
        batch_op.drop_constraint(batch_op.f('uq_deadlines_case_id_code'), type_='unique')
        batch_op.create_unique_constraint(
            batch_op.f('uq_deadlines_case_id_code_cycle'), ['case_id', 'code', 'cycle'])
        batch_op.drop_constraint(batch_op.f('ck_deadlines_known_outcome'), type_='check')
        batch_op.create_check_constraint(
            'known_outcome', "outcome IS NULL OR outcome IN ('in_time', 'late', 'lapsed')")


def downgrade():
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_deadlines_known_outcome'), type_='check')
        batch_op.create_check_constraint(
            'known_outcome', "outcome IS NULL OR outcome IN ('in_time', 'late')")
        batch_op.drop_constraint(batch_op.f('uq_deadlines_case_id_code_cycle'), type_='unique')
        batch_op.create_unique_constraint('uq_deadlines_case_id_code', ['case_id', 'code'])
        batch_op.drop_column('cycle')
