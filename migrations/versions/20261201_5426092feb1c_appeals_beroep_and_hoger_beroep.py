"""appeals: beroep and hoger beroep linked to the outcome they contest

Revision ID: 5426092feb1c
Revises: f3915705ba0b
Create Date: 2026-12-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5426092feb1c'
down_revision = 'f3915705ba0b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('appeals',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('contested_case_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('court', sa.String(length=200), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.CheckConstraint("level IN ('beroep', 'hoger_beroep')", name=op.f('ck_appeals_known_level')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_appeals_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contested_case_id'], ['cases.id'], name=op.f('fk_appeals_contested_case_id_cases')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_appeals'))
    )
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeals_contested_case_id'), ['contested_case_id'], unique=False)



def downgrade():
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeals_contested_case_id'))

    op.drop_table('appeals')
