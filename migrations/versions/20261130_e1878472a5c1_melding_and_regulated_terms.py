"""melding and regulated terms

Revision ID: e1878472a5c1
Revises: 4b8f2c6e1d57
Create Date: 2026-11-30 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e1878472a5c1'
down_revision = '4b8f2c6e1d57'
branch_labels = None
depends_on = None


def upgrade():
    # The melding: the day a need first reached the college, carried to every follow-up case;
    # terms with starts: {from: melding} count from it.
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('melding_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('melding_via', sa.String(length=200), nullable=True))

    with op.batch_alter_table('intakes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reported_on', sa.Date(), nullable=True))

    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('counted_from', sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column('set_by_regulation', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.drop_column('set_by_regulation')
        batch_op.drop_column('counted_from')

    with op.batch_alter_table('intakes', schema=None) as batch_op:
        batch_op.drop_column('reported_on')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('melding_via')
        batch_op.drop_column('melding_date')
