"""One door: a transition carries its effects from every door, and nothing else writes a case."""

import html

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, HouseholdPlan, PlanVersion
from caseflow.reports.registry import indicator
from caseflow.unit_of_work import commit
from caseflow.workflow.door import DoorViolation
from caseflow.workflow.engine import fire, start_case
from tests.factories import Factory
from tests.offices import Office, area_office, login
from tests.plans.helpers import register, running_plan
from tests.reports.helpers import report_filter

CONTROL_FIELDS = {
    "expected_version": "1",
    "actor": "1",
    "case": "1",
    "trigger": "intrekken",
    "commit": "",
}


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    return area_office(factory)


def _events(case_id: int, trigger: str) -> list[CaseEvent]:
    return list(
        db.session.scalars(
            sa.select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.trigger == trigger)
        )
    )


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def test_control_words_in_a_form_are_data_the_transition_does_not_ask_for(
    client: FlaskClient, office: Office
) -> None:
    case = start_case(
        "wmo_aanvraag", municipality=office.maastricht, actor=office.wmo_consulent, team=office.wmo
    )
    commit()
    login(client, office.wmo_consulent)
    url = f"/zaken/{case.id}/acties/intrekken"
    # Without its required reason the step is refused beside the field, whatever else is sent.
    refused = client.post(url, data={**CONTROL_FIELDS, "version": str(case.version)})
    assert refused.status_code == 400
    assert "Reden is verplicht." in _text(refused)
    db.session.expire_all()
    assert db.session.get_one(Case, case.id).state == "ontvangen"
    # With it, the step is taken and saved; the control words change nothing about how.
    done = client.post(
        url, data={**CONTROL_FIELDS, "reden": "Dubbel ingediend", "version": str(case.version)}
    )
    assert done.status_code == 302
    db.session.expire_all()
    saved = db.session.get_one(Case, case.id)
    assert (saved.state, saved.is_closed) == ("ingetrokken", True)
    [event] = _events(case.id, "intrekken")
    assert event.actor_id == office.wmo_consulent.id
    assert event.data == {"reden": "Dubbel ingediend"}


def test_another_area_team_through_the_generic_form_moves_the_case_and_counts_as_a_handover(
    client: FlaskClient, office: Office
) -> None:
    registration = register(office)
    commit()
    assert registration.team_id == office.team_noordwest.id
    login(client, office.regisseur)
    response = client.post(
        f"/zaken/{registration.id}/acties/gebied_wijzigen",
        data={
            "reden": "Gezin woont feitelijk bij de oma in Zuidoost.",
            "naar_gebiedsteam": office.team_zuidoost.name,
            "version": str(registration.version),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    moved = db.session.get_one(Case, registration.id)
    assert moved.team_id == office.team_zuidoost.id
    [event] = _events(moved.id, "gebied_wijzigen")
    assert (event.data["team_van"], event.data["team_naar"]) == (
        office.team_noordwest.id,
        office.team_zuidoost.id,
    )
    fire(moved, "terugsturen", office.wmo_consulent, {"reden": "Alleen Wmo.", "domein": "wmo"})
    result = indicator("overdrachten").run(report_filter("2026-03-31", "2026-03"), [])
    # The front door handing the registration to the area team, then the move to another one.
    assert (result.total.values["naar_vervolgzaak"], result.total.values["binnen_zaak"]) == (1, 1)


def test_evaluation_started_from_any_door_writes_a_plan_version(
    client: FlaskClient, office: Office
) -> None:
    plan = running_plan(office)
    commit()
    versions = len(plan.versions)
    login(client, office.regisseur)
    # The generic form sends the director to the plan page, and changes nothing.
    generic = client.post(
        f"/zaken/{plan.case_id}/acties/evalueren", data={"version": str(plan.case.version)}
    )
    assert generic.status_code == 400
    assert f'Ga naar <a class="utrecht-link" href="/plannen/{plan.id}">het gezinsplan</a>' in _text(
        generic
    )
    db.session.expire_all()
    assert db.session.get_one(Case, plan.case_id).state == "in_uitvoering"
    # The plan page takes the step, and the step records the plan as it then stands.
    page = client.post(f"/plannen/{plan.id}/evaluatie-starten")
    assert page.status_code == 302
    db.session.expire_all()
    plan = db.session.get_one(HouseholdPlan, plan.id)
    assert plan.case.state == "evaluatie"
    assert len(plan.versions) == versions + 1
    assert plan.versions[-1].snapshot["status"] == "Evaluatie"
    [event] = _events(plan.case_id, "evalueren")
    assert event.data["planversie"] == plan.versions[-1].number


def test_the_engine_itself_records_the_version_for_a_job_or_command(office: Office) -> None:
    plan = running_plan(office)
    before = db.session.scalar(sa.select(sa.func.count(PlanVersion.id)))
    fire(plan.case, "evalueren", office.regisseur)
    after = db.session.scalar(sa.select(sa.func.count(PlanVersion.id)))
    assert (before or 0) + 1 == after


@pytest.mark.parametrize(
    "attribute",
    ["state", "result", "closed_at", "destroyed_at", "team", "team_id", "assignee", "assignee_id"],
)
def test_writing_a_case_fact_outside_the_engine_is_refused(office: Office, attribute: str) -> None:
    case = start_case(
        "wmo_aanvraag", municipality=office.maastricht, actor=office.wmo_consulent, team=office.wmo
    )
    commit()
    values = {
        "state": "besloten",
        "result": "toegekend",
        "closed_at": case.opened_at,
        "destroyed_at": case.opened_at,
        "team": office.team_zuidoost,
        "team_id": office.team_zuidoost.id,
        "assignee": office.wmo_consulent,
        "assignee_id": office.wmo_consulent.id,
    }
    setattr(case, attribute, values[attribute])
    with pytest.raises(DoorViolation, match="outside the workflow engine"):
        db.session.flush()
    db.session.rollback()
    assert db.session.get_one(Case, case.id).state == "ontvangen"


def test_a_write_next_to_fire_is_refused_before_the_engine_carries_it(
    office: Office,
) -> None:
    case = start_case(
        "wmo_aanvraag", municipality=office.maastricht, actor=office.wmo_consulent, team=office.wmo
    )
    case.team = office.team_zuidoost
    with pytest.raises(DoorViolation):
        fire(case, "intrekken", office.wmo_consulent, {"reden": "Dubbel"})


def test_a_case_is_opened_by_the_engine_only(office: Office) -> None:
    case = start_case(
        "wmo_aanvraag", municipality=office.maastricht, actor=office.wmo_consulent, team=office.wmo
    )
    db.session.add(
        Case(
            case_type="wmo_aanvraag",
            state="besloten",
            municipality=office.maastricht,
            opened_at=case.opened_at,
            state_entered_at=case.opened_at,
            last_event_at=case.opened_at,
        )
    )
    with pytest.raises(DoorViolation, match="opened by the workflow engine"):
        db.session.flush()
