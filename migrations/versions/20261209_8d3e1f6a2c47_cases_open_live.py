"""cases: an index of the open live cases by id, for the Zaken API's list of open cases

Revision ID: 8d3e1f6a2c47
Revises: 5f2a9c7e3b10
Create Date: 2026-11-30 07:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8d3e1f6a2c47'
down_revision = '5f2a9c7e3b10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_open_live', ['id'], unique=False, sqlite_where=sa.text('closed_at IS NULL AND destroyed_at IS NULL'), postgresql_where=sa.text('closed_at IS NULL AND destroyed_at IS NULL'), postgresql_include=['municipality_id', 'case_type'])


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_open_live', sqlite_where=sa.text('closed_at IS NULL AND destroyed_at IS NULL'), postgresql_where=sa.text('closed_at IS NULL AND destroyed_at IS NULL'), postgresql_include=['municipality_id', 'case_type'])
