"""cases: an index of the live cases by municipality, type and closing, for the Zaken API's lists

Revision ID: 5f2a9c7e3b10
Revises: 4e8b1c2d9a67
Create Date: 2026-11-30 06:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5f2a9c7e3b10'
down_revision = '4e8b1c2d9a67'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_live_reach', ['municipality_id', 'case_type', 'closed_at'], unique=False, sqlite_where=sa.text('destroyed_at IS NULL'), postgresql_where=sa.text('destroyed_at IS NULL'))


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_live_reach', sqlite_where=sa.text('destroyed_at IS NULL'), postgresql_where=sa.text('destroyed_at IS NULL'))
