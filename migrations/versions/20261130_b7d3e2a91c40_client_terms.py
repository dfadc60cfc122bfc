"""client terms: a statutory term of the client's, outside tijdigheid

Revision ID: b7d3e2a91c40
Revises: e1878472a5c1
Create Date: 2026-11-30 11:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7d3e2a91c40'
down_revision = 'e1878472a5c1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_deadlines_known_kind'), type_='check')
        batch_op.create_check_constraint('known_kind', "kind IN ('legal', 'service_norm', 'client')")
    # The 7 days to hand in a personal plan (Wmo 2015 art. 2.3.2 lid 2) are the client's.
    op.execute(
        "UPDATE deadlines SET kind = 'client' WHERE code = 'persoonlijk_plan' AND case_id IN "
        "(SELECT id FROM cases WHERE case_type = 'wmo_melding')"
    )


def downgrade():
    op.execute("UPDATE deadlines SET kind = 'legal' WHERE kind = 'client'")
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_deadlines_known_kind'), type_='check')
        batch_op.create_check_constraint('known_kind', "kind IN ('legal', 'service_norm')")
