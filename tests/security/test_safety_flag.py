"""A safety flag is reviewed after a year: renewed by a team manager, or it ends by itself."""

from datetime import date, timedelta

import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.extensions import db
from caseflow.incidents import register_incident
from caseflow.models import AccessLog, Person
from caseflow.safety import expire_flags
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import start_case
from tests.factories import Factory
from tests.offices import Office, login


def _flagged(office: Office, factory: Factory) -> Person:
    person = factory.person(office.maastricht, family_name="Bakker")
    start_case(
        "wmo_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        person=person,
        team=office.wmo,
    )
    register_incident(
        person,
        office.consulent,
        kind="verbaal",
        occurred_at=clock.now(),
        description="Schreeuwde aan de balie.",
    )
    commit()
    return person


def test_an_incident_flags_for_a_year_and_the_flag_then_ends(
    office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    person = _flagged(office, factory)
    assert (person.safety_flag, person.safety_flag_review_on) == (True, date(2027, 3, 2))
    travel.move_to(date(2027, 3, 2).isoformat() + "T12:00:00+01:00")
    assert expire_flags().startswith("veiligheidsmarkeringen: 0 beëindigd")
    travel.move_to(date(2027, 3, 3).isoformat() + "T12:00:00+01:00")
    assert expire_flags().startswith("veiligheidsmarkeringen: 1 beëindigd")
    db.session.expire_all()
    assert not db.session.get_one(Person, person.id).safety_flag


def test_the_team_manager_is_told_and_renews_a_flag_nobody_else_may(
    client: FlaskClient, office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    person = _flagged(office, factory)
    travel.shift(timedelta(days=355))
    login(client, office.consulent)
    assert client.post(f"/clienten/{person.id}/veiligheidsmarkering").status_code == 403
    client.post("/logout")
    login(client, office.teammanager)
    signals = client.get("/signalen").get_data(as_text=True)
    assert "Veiligheidsmarkeringen die binnenkort eindigen" in signals and "Bakker" in signals
    response = client.post(f"/clienten/{person.id}/veiligheidsmarkering")
    assert response.status_code == 302
    db.session.expire_all()
    renewed = db.session.get_one(Person, person.id)
    assert renewed.safety_flag_review_on == clock.today() + timedelta(days=365)
    assert "Bakker" not in client.get("/signalen").get_data(as_text=True)


def test_renewing_a_flag_that_has_ended_is_a_dutch_400_not_a_refusal(
    client: FlaskClient, office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    person = _flagged(office, factory)
    travel.move_to(date(2027, 3, 3).isoformat() + "T12:00:00+01:00")
    expire_flags()
    login(client, office.teammanager)
    response = client.post(f"/clienten/{person.id}/veiligheidsmarkering")
    assert response.status_code == 400
    assert "geen veiligheidsmarkering om te verlengen" in response.get_data(as_text=True)
    denied = db.session.scalars(
        sa.select(AccessLog).where(
            AccessLog.actor_id == office.teammanager.id, AccessLog.result == "denied"
        )
    ).all()
    assert denied == []
