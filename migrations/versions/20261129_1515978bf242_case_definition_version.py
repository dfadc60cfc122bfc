"""case definition version

Revision ID: 1515978bf242
Revises: 3d26682d1b8c
Create Date: 2026-11-29 20:07:18.735627

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1515978bf242'
down_revision = '3d26682d1b8c'
branch_labels = None
depends_on = None


def upgrade():
    # Cases opened before this keep NULL: which version of their file they started under is not
    # known, and check-workflows counts them as running under an older version.
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('definition_version', sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('definition_version')
