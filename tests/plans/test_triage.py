"""Triage in the area team: the right team by postcode, the casusoverleg's decision, and an
override of the routing that names its reason."""

import html

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, HouseholdDirector, MeetingDecision, TeamMeeting
from caseflow.plans.triage import send_back
from caseflow.workflow.errors import NotAuthorised
from tests.offices import Office, login
from tests.plans.helpers import meeting, register


def _decision(office: Office, case: Case, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "overleg-version": str(case.version),
        "overleg-held_on": "2026-03-02",
        "overleg-attendee_ids": [str(office.regisseur.id), str(office.teammanager.id)],
        "overleg-other_attendees": "Wijkagent",
        "overleg-notes": "Geld, gezondheid en opvoeding hangen samen.",
        "overleg-decision": "oppakken",
        "overleg-director_id": str(office.regisseur.id),
    }
    data.update({f"overleg-{k}": v for k, v in changes.items()})
    return data


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def test_each_area_team_sees_only_the_registrations_of_its_postcodes(
    client: FlaskClient, office: Office
) -> None:
    north = register(office, "Peters", "6212 AB")
    south = register(office, "Smeets", "6224 CD")
    assert (north.team_id, south.team_id) == (office.team_noordwest.id, office.team_zuidoost.id)
    login(client, office.regisseur)
    page = _text(client.get("/gebiedsteam/"))
    assert "Huishouden Peters" in page and "Huishouden Smeets" not in page
    assert "Maastricht Noordwest" in page
    assert client.get(f"/gebiedsteam/aanmeldingen/{south.id}").status_code == 403


def test_the_casusoverleg_takes_a_household_on_with_one_director(
    client: FlaskClient, office: Office
) -> None:
    case = register(office)
    login(client, office.teammanager)
    response = client.post(
        f"/gebiedsteam/aanmeldingen/{case.id}/besluit", data=_decision(office, case)
    )
    assert response.status_code == 302
    db.session.expire_all()
    case = db.session.get_one(Case, case.id)
    assert (case.state, case.assignee_id) == ("regisseur_toegewezen", office.regisseur.id)
    director = db.session.scalars(sa.select(HouseholdDirector)).one()
    assert (director.household_id, director.director_id) == (case.household_id, office.regisseur.id)
    meeting_row = db.session.scalars(sa.select(TeamMeeting)).one()
    assert {u.username for u in meeting_row.attendees} == {"regisseur", "teammanager"}
    assert meeting_row.other_attendees == "Wijkagent"
    decision = meeting_row.decisions[0]
    assert (decision.decision, decision.notes) == (
        "oppakken",
        "Geld, gezondheid en opvoeding hangen samen.",
    )
    assert [e.trigger for e in case.events][-3:] == [
        "agenderen",
        "toewijzen",
        "regisseur_toewijzen",
    ]
    page = _text(client.get(response.headers["Location"]))
    assert "Regisseur: Samira El Idrissi" in page and "Casusoverleg 02-03-2026" in page


def test_a_decision_with_missing_parts_names_them_and_saves_nothing(
    client: FlaskClient, office: Office
) -> None:
    case = register(office)
    events = len(case.events)
    login(client, office.teammanager)
    response = client.post(
        f"/gebiedsteam/aanmeldingen/{case.id}/besluit",
        data=_decision(office, case, notes="", attendee_ids=[], director_id="0"),
    )
    page = _text(response)
    assert response.status_code == 400
    assert 'id="overleg-notes-fout">Schrijf op wat is besproken en besloten.' in page
    assert "Kies wie van Gebiedsteam Noordwest er bij het casusoverleg was." in page
    assert db.session.scalar(sa.select(sa.func.count(TeamMeeting.id))) == 0
    db.session.expire_all()
    assert len(db.session.get_one(Case, case.id).events) == events


def test_a_single_question_goes_back_and_opens_the_domain_case(
    client: FlaskClient, office: Office
) -> None:
    case = register(office)
    login(client, office.regisseur)
    response = client.post(
        f"/gebiedsteam/aanmeldingen/{case.id}/besluit",
        data=_decision(office, case, decision="terugsturen", domain="wmo", reason="Alleen Wmo."),
    )
    assert response.status_code == 302
    melding = db.session.scalars(sa.select(Case).where(Case.parent_id == case.id)).one()
    assert (melding.case_type, melding.team_id, melding.intake_id) == (
        "wmo_melding",
        office.wmo.id,
        case.intake_id,
    )
    page = _text(client.get(response.headers["Location"]))
    assert f"teruggestuurd naar één domein als {melding.reference} bij Team Wmo" in page


def test_only_a_consultant_sends_back_because_they_open_the_domain_case(
    office: Office,
) -> None:
    case = register(office)
    with pytest.raises(NotAuthorised, match=r"Alleen een consulent mag dit doen\."):
        send_back(case, office.teammanager, meeting(office), "wmo", "Alleen Wmo.")
    assert db.session.scalar(sa.select(sa.func.count(MeetingDecision.id))) == 0


def test_held_registrations_share_one_meeting_with_everyone_who_was_there(
    client: FlaskClient, office: Office
) -> None:
    first, second = register(office, "Peters"), register(office, "Janssen")
    login(client, office.teammanager)
    client.post(
        f"/gebiedsteam/aanmeldingen/{first.id}/besluit",
        data=_decision(
            office, first, decision="aanhouden", attendee_ids=[str(office.regisseur.id)]
        ),
    )
    client.post(
        f"/gebiedsteam/aanmeldingen/{second.id}/besluit",
        data=_decision(office, second, decision="aanhouden"),
    )
    meeting_row = db.session.scalars(sa.select(TeamMeeting)).one()
    assert len(meeting_row.decisions) == 2
    assert {u.username for u in meeting_row.attendees} == {"regisseur", "teammanager"}
    db.session.expire_all()
    assert db.session.get_one(Case, first.id).state == "triage"
    queue = _text(client.get("/gebiedsteam/"))
    assert "Laatste casusoverleggen" in queue and "Aanhouden" in queue


def test_routing_is_overruled_only_with_a_reason_that_stays_on_the_case(
    client: FlaskClient, office: Office
) -> None:
    case = register(office)
    login(client, office.teammanager)
    url = f"/gebiedsteam/aanmeldingen/{case.id}/ander-team"
    team = {"team-team_id": str(office.team_zuidoost.id), "team-version": str(case.version)}
    without = client.post(url, data={**team, "team-reason": ""})
    assert without.status_code == 400
    assert 'id="team-reason-fout">Reden is verplicht.' in _text(without)
    response = client.post(url, data={**team, "team-reason": "Gezin al bekend bij Zuidoost."})
    assert response.status_code == 302
    db.session.expire_all()
    case = db.session.get_one(Case, case.id)
    event = case.events[-1]
    assert (case.team_id, case.state) == (office.team_zuidoost.id, "aangemeld")
    assert (event.trigger, event.reason, event.data["naar_gebiedsteam"]) == (
        "gebied_wijzigen",
        "Gezin al bekend bij Zuidoost.",
        "Gebiedsteam Zuidoost",
    )


def test_the_case_page_sends_triage_work_to_the_casusoverleg(
    client: FlaskClient, office: Office
) -> None:
    case = register(office)
    login(client, office.teammanager)
    page = _text(client.get(f"/zaken/{case.id}"))
    assert "Ander gebiedsteam kiezen</strong>: nu niet mogelijk." in page
    assert f'href="/gebiedsteam/aanmeldingen/{case.id}"' in page
    assert (
        db.session.scalar(
            sa.select(sa.func.count(CaseEvent.id)).where(CaseEvent.trigger == "gebied_wijzigen")
        )
        == 0
    )
