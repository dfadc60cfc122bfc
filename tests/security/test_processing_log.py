"""The processing log: every view and refusal, sealed in a chain that shows tampering."""

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog, Role
from caseflow.workflow.engine import start_case
from tests.factories import Factory
from tests.offices import Office, login


def _views(client: FlaskClient, office: Office, factory: Factory) -> int:
    person = factory.person(office.maastricht, family_name="Claessens")
    case = start_case(
        "wmo_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        person=person,
        team=office.wmo,
    )
    login(client, office.consulent)
    client.get(f"/zaken/{case.id}")
    client.get(f"/clienten/{person.id}")
    client.post("/logout")
    login(client, office.vaals_consulent)
    client.get(f"/zaken/{case.id}")
    client.post("/logout")
    return person.id


def test_verify_log_passes_untouched_and_names_an_altered_row(
    app: Flask, client: FlaskClient, office: Office, factory: Factory
) -> None:
    _views(client, office, factory)
    runner = app.test_cli_runner()
    intact = runner.invoke(args=["verify-log"])
    assert intact.exit_code == 0, intact.output
    assert "Verwerkingenlog is intact (3 regels)." in intact.output

    second = db.session.scalars(sa.select(AccessLog).order_by(AccessLog.id)).all()[1]
    with db.engine.begin() as conn:  # tampering straight in the database, as an attacker would
        conn.execute(sa.update(AccessLog).where(AccessLog.id == second.id).values(purpose="niets"))
    broken = runner.invoke(args=["verify-log"])
    assert broken.exit_code == 1
    assert f"regel {second.id} klopt niet" in broken.output


def test_deleting_a_row_breaks_the_chain_at_the_next_one(
    app: Flask, client: FlaskClient, office: Office, factory: Factory
) -> None:
    _views(client, office, factory)
    rows = db.session.scalars(sa.select(AccessLog).order_by(AccessLog.id)).all()
    with db.engine.begin() as conn:
        conn.execute(sa.delete(AccessLog).where(AccessLog.id == rows[1].id))
    result = app.test_cli_runner().invoke(args=["verify-log"])
    assert f"regel {rows[2].id} klopt niet" in result.output, result.output
    assert result.exit_code == 1


def test_privacy_officer_sees_who_looked_at_a_file(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    person_id = _views(client, office, factory)
    officer = factory.user(Role.PRIVACY, municipalities=[office.maastricht])
    login(client, office.consulent)
    assert client.get(f"/verwerkingen/?persoon={person_id}").status_code == 403
    client.post("/logout")
    login(client, officer)
    found = client.get("/verwerkingen/?zoek=claes").get_data(as_text=True)
    assert f"/verwerkingen/?persoon={person_id}" in found
    page = client.get(f"/verwerkingen/?persoon={person_id}").get_data(as_text=True)
    # The case, the dossier, and the refused try to read this log: all three are on it.
    assert page.count(office.consulent.full_name) == 3
    assert office.vaals_consulent.full_name in page and "Geweigerd" in page
    last = db.session.scalars(sa.select(AccessLog).order_by(AccessLog.id.desc())).first()
    assert last is not None and (last.actor_id, last.purpose) == (
        officer.id,
        "inzage verwerkingenlog",
    )
