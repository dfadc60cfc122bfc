"""Aggression incidents put a safety flag on the client that every worklist and case shows."""

import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.extensions import db
from caseflow.incidents import register_incident
from caseflow.models import Incident, Person
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, start_case
from tests.factories import Factory
from tests.offices import Office, login


def test_registering_an_incident_flags_the_client_everywhere(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    person = factory.person(office.maastricht, family_name="Bakker")
    case = start_case(
        "wmo_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        person=person,
        team=office.wmo,
    )
    assign(case, office.consulent, office.consulent)
    login(client, office.consulent)
    bad = client.post(
        f"/clienten/{person.id}/incidenten",
        data={"kind": "", "occurred_on": "02-03-2026", "description": ""},
    )
    assert bad.status_code == 400
    assert "Beschrijf kort wat er gebeurde." in bad.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Incident.id))) == 0

    ok = client.post(
        f"/clienten/{person.id}/incidenten",
        data={
            "kind": "verbaal",
            "occurred_on": "01-03-2026",
            "description": "Dreigde aan de balie.",
        },
    )
    assert ok.status_code == 302
    db.session.expire_all()
    assert db.session.get_one(Person, person.id).safety_flag
    assert "Veiligheid</span>" in client.get("/").get_data(as_text=True)
    dossier = client.get(f"/clienten/{person.id}").get_data(as_text=True)
    assert "<title>Klantbeeld Anna Bakker – Caseflow</title>" in dossier
    assert dossier.count("Agressie-incident registreren</summary>") == 1
    assert "veiligheidsmarkering" in client.get(f"/zaken/{case.id}").get_data(as_text=True)


def test_an_incident_in_the_future_is_refused(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    person = factory.person(office.maastricht)
    login(client, office.toegang)
    response = client.post(
        f"/clienten/{person.id}/incidenten",
        data={"kind": "fysiek", "occurred_on": "2026-12-31", "description": "Test"},
    )
    assert response.status_code == 400
    assert "niet in de toekomst" in response.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get_one(Person, person.id).safety_flag


def test_what_happened_is_shown_only_to_those_with_a_case_and_the_team_manager(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    person = factory.person(office.maastricht, family_name="Bakker")
    case = start_case(
        "wmo_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        person=person,
        team=office.wmo,
    )
    assign(case, office.consulent, office.consulent)
    register_incident(
        person,
        office.consulent,
        kind="verbaal",
        occurred_at=clock.now(),
        description="Dreigde met een mes aan de balie.",
    )
    commit()
    for user, sees in (
        (office.consulent, True),
        (office.teammanager, True),
        (office.toegang, False),
    ):
        login(client, user)
        dossier = client.get(f"/clienten/{person.id}").get_data(as_text=True)
        assert "Verbale agressie" in dossier and "Veiligheidsmarkering" in dossier
        assert ("Dreigde met een mes" in dossier) is sees, user.username
        client.post("/logout")
