"""users session generation

Revision ID: 7c1e4d2a9b30
Revises: 1515978bf242
Create Date: 2026-11-29 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c1e4d2a9b30'
down_revision = '1515978bf242'
branch_labels = None
depends_on = None


def upgrade():
    # Raised at every logout: a copied session cookie ends with the session it came from.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
