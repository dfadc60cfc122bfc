"""retention and destruction

Revision ID: 12c01b1d68b9
Revises: fa0718cc8dc0
Create Date: 2026-11-23 15:51:26.371436

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '12c01b1d68b9'
down_revision = 'fa0718cc8dc0'
branch_labels = None
depends_on = None

ACTIONS_BEFORE = "action IN ('view', 'change', 'export')"
ACTIONS_AFTER = "action IN ('view', 'change', 'export', 'destroy')"


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('destroyed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_check_constraint(
            'destroyed_only_closed', "destroyed_at IS NULL OR closed_at IS NOT NULL")

    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('destroyed_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_access_log_known_action'), type_='check')
        batch_op.create_check_constraint('known_action', ACTIONS_AFTER)


def downgrade():
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_access_log_known_action'), type_='check')
        batch_op.create_check_constraint('known_action', ACTIONS_BEFORE)

    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_column('destroyed_at')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_cases_destroyed_only_closed'), type_='check')
        batch_op.drop_column('destroyed_at')
