"""zaken api and single sign-on

Revision ID: 5e9a7c3d2b14
Revises: d1d5b8b54b8a
Create Date: 2026-11-29 23:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e9a7c3d2b14'
down_revision = 'd1d5b8b54b8a'
branch_labels = None
depends_on = None

RIGHTS_BEFORE = (
    "action IN ('account_aangemaakt', 'rol_toegekend', 'rol_ingetrokken', 'gemeente_toegevoegd', "
    "'gemeente_verwijderd', 'team_toegevoegd', 'team_verwijderd', 'geactiveerd', 'gedeactiveerd', "
    "'wachtwoord_reset', 'wachtwoord_gewijzigd', 'rechten_herzien', 'inzien')"
)
RIGHTS_AFTER = RIGHTS_BEFORE[:-1] + ", 'aanmelden_sso')"

# A random (version 4) uuid per row, in each database's own SQL: existing cases and events
# get theirs here, new ones from the application.
SQLITE_UUID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || "
    "substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || "
    "lower(hex(randomblob(6)))"
)
POSTGRESQL_UUID = "gen_random_uuid()::text"


def _add_uuid(table):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.add_column(sa.Column('uuid', sa.String(length=36), nullable=True))
    dialect = op.get_bind().dialect.name
    op.execute(
        f"UPDATE {table} SET uuid = {POSTGRESQL_UUID if dialect == 'postgresql' else SQLITE_UUID}"
    )
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column('uuid', existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f(f'uq_{table}_uuid'), ['uuid'])


def upgrade():
    _add_uuid('cases')
    _add_uuid('case_events')

    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rsin', sa.String(length=9), nullable=True))

    op.create_table('api_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=100), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('secret', sa.String(length=200), nullable=False),
    sa.Column('scopes', sa.JSON(), nullable=False),
    sa.Column('case_types', sa.JSON(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_applications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_applications')),
    sa.UniqueConstraint('client_id', name=op.f('uq_api_applications_client_id'))
    )
    op.create_table('api_application_municipalities',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['api_applications.id'], name=op.f('fk_api_application_municipalities_application_id_api_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_api_application_municipalities_municipality_id_municipalities')),
    sa.PrimaryKeyConstraint('application_id', 'municipality_id', name=op.f('pk_api_application_municipalities'))
    )

    with op.batch_alter_table('rights_changes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_rights_changes_known_action'), type_='check')
        batch_op.create_check_constraint('known_action', RIGHTS_AFTER)


def downgrade():
    with op.batch_alter_table('rights_changes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_rights_changes_known_action'), type_='check')
        batch_op.create_check_constraint('known_action', RIGHTS_BEFORE)

    op.drop_table('api_application_municipalities')
    op.drop_table('api_applications')

    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        batch_op.drop_column('rsin')

    for table in ('case_events', 'cases'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'uq_{table}_uuid'), type_='unique')
            batch_op.drop_column('uuid')
