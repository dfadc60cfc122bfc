"""persons safety flag review

Revision ID: 4b8f2c6e1d57
Revises: 7c1e4d2a9b30
Create Date: 2026-11-29 21:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4b8f2c6e1d57'
down_revision = '7c1e4d2a9b30'
branch_labels = None
depends_on = None


def upgrade():
    # A flag set before this has no review date yet; the daily job gives it one a year on.
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('safety_flag_review_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_column('safety_flag_review_on')
