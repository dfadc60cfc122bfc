"""The migration that gives cases and their events a uuid fills one in for every existing row,
on SQLite and on PostgreSQL, each different and in the usual form."""

import re

import sqlalchemy as sa
from flask_migrate import upgrade

from caseflow import create_app
from caseflow.extensions import db
from tests.foundation.test_migrations import empty_database_url  # noqa: F401  (a fixture)

BEFORE = "4b8f2c6e1d57"
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def _rows(conn: sa.Connection, statement: str, count: int) -> None:
    for number in range(count):
        conn.execute(sa.text(statement), {"n": number})


def test_existing_cases_and_events_get_a_uuid_each(
    empty_database_url: str,  # noqa: F811  (the fixture imported above)
) -> None:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO service_organisations (id, name) VALUES (1, 'SZ')"))
            conn.execute(
                sa.text(
                    "INSERT INTO municipalities (id, code, name, inhabitants, organisation_id) "
                    "VALUES (1, 'maastricht', 'Maastricht', 1, 1)"
                )
            )
            _rows(
                conn,
                "INSERT INTO cases (case_type, state, municipality_id, opened_at, "
                "state_entered_at, last_event_at, version) VALUES ('wmo_aanvraag', 'ontvangen', "
                "1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)",
                50,
            )
            _rows(
                conn,
                "INSERT INTO case_events (case_id, trigger, to_state, occurred_at, "
                "seconds_in_previous_state, data) VALUES (1 + :n, 'aanmaken', 'ontvangen', "
                "CURRENT_TIMESTAMP, 0, '{}')",
                50,
            )
        upgrade()
        with db.engine.connect() as conn:
            for table in ("cases", "case_events"):
                uuids = conn.execute(sa.text(f"SELECT uuid FROM {table}")).scalars().all()
                assert len(uuids) == 50 and len(set(uuids)) == 50
                assert all(UUID4.match(u) for u in uuids), uuids[:3]
        db.session.remove()
        db.engine.dispose()
