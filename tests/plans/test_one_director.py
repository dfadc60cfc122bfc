"""One active director per household: refused by the service with a reason, and when two people
slip past that check at once, refused by the database with a Dutch message and nothing written."""

import html

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, HouseholdDirector, MeetingDecision
from caseflow.plans import triage
from caseflow.plans.directors import hand_over
from caseflow.workflow.errors import InvalidData, NotAuthorised
from tests.offices import Office, login
from tests.plans.helpers import meeting, register, taken_on


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def _second_registration(office: Office, first: Case) -> Case:
    """The same household comes in again through the front door."""
    again = register(office, "Bakker")
    again.household = first.household
    db.session.commit()
    return again


def _take_on_form(office: Office, case: Case, director_id: int) -> dict[str, object]:
    return {
        "overleg-version": str(case.version),
        "overleg-held_on": "2026-03-02",
        "overleg-attendee_ids": [str(office.teammanager.id)],
        "overleg-notes": "Opnieuw aangemeld.",
        "overleg-decision": "oppakken",
        "overleg-director_id": str(director_id),
    }


def test_a_second_director_is_refused_with_the_name_of_the_first(
    client: FlaskClient, office: Office
) -> None:
    first = taken_on(office)
    again = _second_registration(office, first)
    login(client, office.teammanager)
    response = client.post(
        f"/gebiedsteam/aanmeldingen/{again.id}/besluit",
        data=_take_on_form(office, again, office.collega_regisseur.id),
    )
    assert response.status_code == 400
    assert "heeft al een regisseur: Samira El Idrissi" in _text(response)
    assert db.session.scalar(sa.select(sa.func.count(HouseholdDirector.id))) == 1


def test_when_the_check_is_raced_the_database_refuses_and_the_page_says_so_in_dutch(
    client: FlaskClient, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = taken_on(office)
    again = _second_registration(office, first)
    events = db.session.scalar(sa.select(sa.func.count(CaseEvent.id)))
    # As if another team manager's transaction committed between our check and our insert.
    monkeypatch.setattr(triage, "active_director", lambda household_id: None)
    login(client, office.teammanager)
    response = client.post(
        f"/gebiedsteam/aanmeldingen/{again.id}/besluit",
        data=_take_on_form(office, again, office.collega_regisseur.id),
    )
    assert response.status_code == 400
    assert "Dit huishouden heeft al een actieve regisseur. Er is niets opgeslagen." in _text(
        response
    )
    db.session.expire_all()
    assert db.session.get_one(Case, again.id).state == "aangemeld"
    assert db.session.scalar(sa.select(sa.func.count(CaseEvent.id))) == events
    assert db.session.scalar(sa.select(sa.func.count(MeetingDecision.id))) == 1
    assert db.session.scalars(sa.select(HouseholdDirector.director_id)).all() == [
        office.regisseur.id
    ]


def test_the_same_director_takes_on_a_new_registration_of_their_household(
    office: Office,
) -> None:
    first = taken_on(office)
    again = _second_registration(office, first)
    triage.take_on(again, office.teammanager, meeting(office), office.regisseur)
    assert again.state == "regisseur_toegewezen"
    assert db.session.scalar(sa.select(sa.func.count(HouseholdDirector.id))) == 1


def test_a_handover_is_an_event_with_its_reason_on_every_open_integral_case(
    client: FlaskClient, office: Office
) -> None:
    case = taken_on(office)
    login(client, office.teammanager)
    url = f"/regie/huishoudens/{case.household_id}/regisseur"
    choice = {"overdracht-director_id": str(office.collega_regisseur.id)}
    without = client.post(url, data={**choice, "overdracht-reason": " "})
    assert without.status_code == 400
    assert 'id="overdracht-reason-fout">Reden is verplicht.' in _text(without)
    response = client.post(url, data={**choice, "overdracht-reason": "Samira gaat met verlof."})
    assert response.status_code == 302
    db.session.expire_all()
    rows = db.session.scalars(sa.select(HouseholdDirector).order_by(HouseholdDirector.id)).all()
    assert [(r.director_id, r.ended_at is None) for r in rows] == [
        (office.regisseur.id, False),
        (office.collega_regisseur.id, True),
    ]
    assert rows[0].end_reason == "Overgedragen aan Daan Ramakers: Samira gaat met verlof."
    case = db.session.get_one(Case, case.id)
    event = case.events[-1]
    assert (case.assignee_id, event.trigger, event.reason) == (
        office.collega_regisseur.id,
        "toewijzen",
        "Regie overgedragen: Samira gaat met verlof.",
    )
    page = _text(client.get(response.headers["Location"]))
    assert "Daan Ramakers is nu de regisseur van Huishouden Peters." in page
    assert "Einde: Overgedragen aan Daan Ramakers" in page


def test_only_a_team_manager_hands_the_regie_over(office: Office) -> None:
    case = taken_on(office)
    assert case.household is not None
    with pytest.raises(NotAuthorised, match="Alleen een teammanager"):
        hand_over(case.household, office.collega_regisseur, office.regisseur, "Ik stop.")


def test_a_director_from_another_team_cannot_take_over(office: Office) -> None:
    case = taken_on(office)
    assert case.household is not None
    with pytest.raises(InvalidData, match="hoort niet bij Gebiedsteam Noordwest"):
        hand_over(case.household, office.zuid_regisseur, office.teammanager, "Verhuisd.")
