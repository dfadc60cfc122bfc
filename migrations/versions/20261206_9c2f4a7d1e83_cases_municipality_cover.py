"""cases: an index the registers' reports join their cases from

Revision ID: 9c2f4a7d1e83
Revises: 7c9b78bfc6db
Create Date: 2026-11-30 02:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9c2f4a7d1e83'
down_revision = '7c9b78bfc6db'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_municipality_cover', ['municipality_id', 'id'], unique=False, postgresql_include=['case_type', 'team_id'])


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_municipality_cover', postgresql_include=['case_type', 'team_id'])
