"""provisions benefits and catalogue

Revision ID: ceee7aec7cee
Revises: 84a08db4f1ab
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ceee7aec7cee'
down_revision = '84a08db4f1ab'
branch_labels = None
depends_on = None


def upgrade():
    # After the decision: the municipality's product catalogue, the provisions and benefits a
    # decision grants with their dated changes, the herindicaties signalled before a provision
    # ends, and the day a closed file may be destroyed, stored when it closes.
    op.create_table('providers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_providers')),
    sa.UniqueConstraint('name', name=op.f('uq_providers_name'))
    )
    op.create_table('catalogue_products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=30), nullable=False),
    sa.Column('allows_zin', sa.Boolean(), nullable=False),
    sa.Column('allows_pgb', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('hulp_huishouden', 'begeleiding_individueel', 'begeleiding_groep', 'kortdurend_verblijf', 'hulpmiddel', 'woningaanpassing', 'vervoer', 'beschermd_wonen', 'jeugdhulp_ambulant', 'jeugdhulp_dagbehandeling', 'jeugdhulp_verblijf')", name=op.f('ck_catalogue_products_known_kind')),
    sa.CheckConstraint("unit IN ('uur_per_week', 'dagdelen_per_week', 'etmalen_per_jaar', 'stuks', 'euro')", name=op.f('ck_catalogue_products_known_unit')),
    sa.CheckConstraint('allows_zin OR allows_pgb', name=op.f('ck_catalogue_products_some_form')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_catalogue_products_municipality_id_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_products')),
    sa.UniqueConstraint('municipality_id', 'code', name=op.f('uq_catalogue_products_municipality_id_code'))
    )
    op.create_table('catalogue_settings',
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('herindicatie_weeks', sa.Integer(), nullable=False),
    sa.Column('stacking_limit', sa.Integer(), nullable=False),
    sa.Column('wlz_hours_per_week', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('herindicatie_weeks BETWEEN 1 AND 52', name=op.f('ck_catalogue_settings_lead_time_in_weeks')),
    sa.CheckConstraint('stacking_limit BETWEEN 1 AND 20', name=op.f('ck_catalogue_settings_plausible_stacking_limit')),
    sa.CheckConstraint('wlz_hours_per_week BETWEEN 1 AND 168', name=op.f('ck_catalogue_settings_hours_in_a_week')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_catalogue_settings_municipality_id_municipalities')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_catalogue_settings_updated_by_id_users')),
    sa.PrimaryKeyConstraint('municipality_id', name=op.f('pk_catalogue_settings'))
    )
    op.create_table('product_providers',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['catalogue_products.id'], name=op.f('fk_product_providers_product_id_catalogue_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_product_providers_provider_id_providers')),
    sa.PrimaryKeyConstraint('product_id', 'provider_id', name=op.f('pk_product_providers'))
    )
    op.create_table('benefits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('scheme', sa.String(length=20), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=20), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("end_reason IS NULL OR end_reason IN ('werk', 'studie', 'verhuizing', 'overig')", name=op.f('ck_benefits_known_end_reason')),
    sa.CheckConstraint('(end_date IS NULL) = (end_reason IS NULL)', name=op.f('ck_benefits_end_with_reason')),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_benefits_ends_after_start')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_benefits_case_id_cases')),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_benefits_household_id_households')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_benefits_municipality_id_municipalities')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_benefits_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_benefits'))
    )
    with op.batch_alter_table('benefits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_benefits_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_benefits_ended', ['municipality_id', 'end_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_benefits_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_benefits_running', ['municipality_id', 'scheme', 'start_date', 'end_date'], unique=False)

    op.create_table('provisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('product_code', sa.String(length=20), nullable=False),
    sa.Column('product_label', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=30), nullable=False),
    sa.Column('form', sa.String(length=3), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('decided_end_date', sa.Date(), nullable=True),
    sa.Column('ended_reason', sa.String(length=30), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("ended_reason IS NULL OR ended_reason IN ('niet_meer_nodig', 'verhuisd', 'overleden', 'wlz', 'andere_voorziening', 'overig')", name=op.f('ck_provisions_known_end_reason')),
    sa.CheckConstraint("form = 'pgb' OR provider_id IS NOT NULL", name=op.f('ck_provisions_zin_has_provider')),
    sa.CheckConstraint("form IN ('zin', 'pgb')", name=op.f('ck_provisions_known_form')),
    sa.CheckConstraint("kind IN ('hulp_huishouden', 'begeleiding_individueel', 'begeleiding_groep', 'kortdurend_verblijf', 'hulpmiddel', 'woningaanpassing', 'vervoer', 'beschermd_wonen', 'jeugdhulp_ambulant', 'jeugdhulp_dagbehandeling', 'jeugdhulp_verblijf')", name=op.f('ck_provisions_known_kind')),
    sa.CheckConstraint("unit IN ('uur_per_week', 'dagdelen_per_week', 'etmalen_per_jaar', 'stuks', 'euro')", name=op.f('ck_provisions_known_unit')),
    sa.CheckConstraint('amount > 0', name=op.f('ck_provisions_amount_positive')),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_provisions_ends_after_start')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_provisions_case_id_cases')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_provisions_municipality_id_municipalities')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_provisions_person_id_persons')),
    sa.ForeignKeyConstraint(['product_id'], ['catalogue_products.id'], name=op.f('fk_provisions_product_id_catalogue_products')),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_provisions_provider_id_providers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provisions'))
    )
    with op.batch_alter_table('provisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provisions_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_provisions_end_date', ['end_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_provisions_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_provisions_running', ['municipality_id', 'kind', 'start_date', 'end_date'], unique=False)

    op.create_table('benefit_mutations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('benefit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=True),
    sa.Column('explanation', sa.Text(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('start', 'deeltijdinkomen', 'arbeidsvermogen', 'beeindiging')", name=op.f('ck_benefit_mutations_known_kind')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_benefit_mutations_actor_id_users')),
    sa.ForeignKeyConstraint(['benefit_id'], ['benefits.id'], name=op.f('fk_benefit_mutations_benefit_id_benefits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_benefit_mutations'))
    )
    with op.batch_alter_table('benefit_mutations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_benefit_mutations_benefit_id'), ['benefit_id'], unique=False)

    op.create_table('herindicaties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provision_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('signalled_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.CheckConstraint('started_at IS NULL OR case_id IS NOT NULL', name=op.f('ck_herindicaties_started_has_case')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_herindicaties_case_id_cases')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_herindicaties_municipality_id_municipalities')),
    sa.ForeignKeyConstraint(['provision_id'], ['provisions.id'], name=op.f('fk_herindicaties_provision_id_provisions')),
    sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_herindicaties_started_by_id_users')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_herindicaties_team_id_teams')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_herindicaties_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_herindicaties')),
    sa.UniqueConstraint('provision_id', 'due_on', name=op.f('uq_herindicaties_provision_id_due_on'))
    )
    with op.batch_alter_table('herindicaties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_herindicaties_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_herindicaties_team_open', ['team_id', 'case_id'], unique=False)

    op.create_table('provision_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provision_id', sa.Integer(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('previous_end', sa.Date(), nullable=True),
    sa.Column('reason', sa.String(length=30), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("reason IN ('niet_meer_nodig', 'verhuisd', 'overleden', 'wlz', 'andere_voorziening', 'overig')", name=op.f('ck_provision_changes_known_reason')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_provision_changes_actor_id_users')),
    sa.ForeignKeyConstraint(['provision_id'], ['provisions.id'], name=op.f('fk_provision_changes_provision_id_provisions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provision_changes'))
    )
    with op.batch_alter_table('provision_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provision_changes_provision_id'), ['provision_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('destroy_from', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_destroy_from'), ['destroy_from'], unique=False)



def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_destroy_from'))
        batch_op.drop_column('destroy_from')

    with op.batch_alter_table('provision_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provision_changes_provision_id'))

    op.drop_table('provision_changes')
    with op.batch_alter_table('herindicaties', schema=None) as batch_op:
        batch_op.drop_index('ix_herindicaties_team_open')
        batch_op.drop_index(batch_op.f('ix_herindicaties_case_id'))

    op.drop_table('herindicaties')
    with op.batch_alter_table('benefit_mutations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_benefit_mutations_benefit_id'))

    op.drop_table('benefit_mutations')
    with op.batch_alter_table('provisions', schema=None) as batch_op:
        batch_op.drop_index('ix_provisions_running')
        batch_op.drop_index(batch_op.f('ix_provisions_person_id'))
        batch_op.drop_index('ix_provisions_end_date')
        batch_op.drop_index(batch_op.f('ix_provisions_case_id'))

    op.drop_table('provisions')
    with op.batch_alter_table('benefits', schema=None) as batch_op:
        batch_op.drop_index('ix_benefits_running')
        batch_op.drop_index(batch_op.f('ix_benefits_person_id'))
        batch_op.drop_index('ix_benefits_ended')
        batch_op.drop_index(batch_op.f('ix_benefits_case_id'))

    op.drop_table('benefits')
    op.drop_table('product_providers')
    op.drop_table('catalogue_settings')
    op.drop_table('catalogue_products')
    op.drop_table('providers')
