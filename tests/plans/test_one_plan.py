"""One active plan per household, made by its director: goals in the household's own words,
actions with an owner, and a version for every change."""

import html
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import AccessLog, Case, HouseholdPlan, PlanGoal
from caseflow.plans import content
from caseflow.plans.content import ActionInput, add_action, set_action_state
from caseflow.plans.errors import PlanError
from caseflow.workflow.errors import NotAuthorised
from tests.offices import Office, login
from tests.plans.helpers import concept_plan, running_plan, taken_on


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def _start(client: FlaskClient, case: Case) -> object:
    assert case.household is not None
    return client.post(
        f"/regie/huishoudens/{case.household_id}/plan",
        data={
            "plan-wishes": "Weer rust in huis.",
            "plan-member_ids": [str(m.person_id) for m in case.household.members],
        },
    )


def _count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def test_the_director_starts_the_households_one_plan(client: FlaskClient, office: Office) -> None:
    case = taken_on(office)
    login(client, office.regisseur)
    response = _start(client, case)
    assert response.status_code == 302
    plan = db.session.scalars(sa.select(HouseholdPlan)).one()
    assert (plan.case.case_type, plan.case.state, plan.case.assignee_id) == (
        "gezinsplan",
        "concept",
        office.regisseur.id,
    )
    assert (plan.case.parent_id, plan.case.intake_id) == (case.id, case.intake_id)
    assert [v.summary for v in plan.versions] == ["Plan gestart"]


def test_a_second_plan_is_refused_with_a_dutch_message(client: FlaskClient, office: Office) -> None:
    case = taken_on(office)
    login(client, office.regisseur)
    _start(client, case)
    again = _start(client, case)
    assert again.status_code == 400  # type: ignore[attr-defined]
    assert "Dit huishouden heeft al een actief gezinsplan." in _text(again)
    assert _count(HouseholdPlan) == 1


def test_when_the_check_is_raced_the_database_refuses_the_second_plan_and_nothing_is_written(
    client: FlaskClient, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = taken_on(office)
    login(client, office.regisseur)
    _start(client, case)
    cases = _count(Case)
    # As if a colleague's plan was committed between our check and our insert.
    monkeypatch.setattr(content, "active_plan", lambda household_id: None)
    again = _start(client, case)
    assert again.status_code == 400  # type: ignore[attr-defined]
    assert "Dit huishouden heeft al een actief gezinsplan. Er is niets opgeslagen" in _text(again)
    assert (_count(HouseholdPlan), _count(Case)) == (1, cases)


def test_goals_are_checked_and_every_change_is_a_version(
    client: FlaskClient, office: Office
) -> None:
    plan = concept_plan(office)
    login(client, office.regisseur)
    lower = client.post(
        f"/plannen/{plan.id}/doelen",
        data={
            "doel-life_domain": "huisvesting",
            "doel-wording": "Een eigen woning",
            "doel-start_score": "3",
            "doel-target_score": "2",
        },
    )
    assert lower.status_code == 400
    assert (
        'id="doel-target_score-fout">Het doel kan niet lager liggen dan de score bij de start.'
        in _text(lower)
    )
    assert _count(PlanGoal) == 2
    versions = [(v.number, v.summary) for v in plan.versions]
    assert versions[:3] == [
        (1, "Plan gestart"),
        (2, "Doel toegevoegd: Financiën"),
        (3, "Doel toegevoegd: Lichamelijke gezondheid"),
    ]
    last = plan.versions[-1].snapshot
    assert [a["wie"] for a in last["acties"]][:2] == ["Samira El Idrissi", "Humanitas"]
    assert last["doelen"][0] == {
        "id": plan.goals[0].id,
        "leefgebied": "Financiën",
        "doel": "Rekeningen op tijd betalen",
        "start": 2,
        "nu": 2,
        "streef": 4,
    }


def test_an_action_can_open_a_wmo_case_that_serves_its_goal(
    client: FlaskClient, office: Office
) -> None:
    plan = concept_plan(office)
    action = plan.actions[2]
    wmo = action.owner_case
    assert wmo is not None
    assert (wmo.case_type, wmo.team_id, wmo.parent_id) == (
        "wmo_melding",
        office.wmo.id,
        plan.case_id,
    )
    assert wmo.intake_id == plan.case.intake_id  # the household's story is not asked again
    assert plan.goals[1].cases == [wmo]
    login(client, office.wmo_consulent)
    page = _text(client.get(f"/zaken/{wmo.id}"))
    assert "Hoort bij het gezinsplan, doel Lichamelijke gezondheid: Zelf de trap op" in page
    assert "Regisseur van het huishouden: Samira El Idrissi" in page


def test_only_the_director_changes_the_plan_and_only_while_it_is_open_for_change(
    office: Office,
) -> None:
    plan = running_plan(office)
    later = clock.today() + timedelta(days=10)
    extra = ActionInput(plan.goals[0].id, "Nog iets", "partner", later, partner_name="Buurtzorg")
    with pytest.raises(NotAuthorised, match=r"Alleen de regisseur van dit huishouden"):
        add_action(plan, office.collega_regisseur, extra)
    with pytest.raises(PlanError, match="alleen in een concept of als het plan wordt bijgesteld"):
        add_action(plan, office.regisseur, extra)
    assert len(plan.actions) == 3


def test_progress_on_an_action_is_kept_by_its_owner_or_the_director(office: Office) -> None:
    plan = running_plan(office)
    own, partner = plan.actions[0], plan.actions[1]
    set_action_state(own, office.regisseur, "klaar")
    assert (own.state, own.done_on) == ("klaar", clock.today())
    with pytest.raises(NotAuthorised):
        set_action_state(partner, office.collega_regisseur, "bezig")
    assert plan.versions[-1].summary == "Actie 'Budgetcoach zoeken': Klaar"


def test_the_plan_page_is_logged_and_closed_to_other_teams(
    client: FlaskClient, office: Office
) -> None:
    plan = concept_plan(office)
    login(client, office.zuid_regisseur)
    assert client.get(f"/plannen/{plan.id}").status_code == 403
    client.post("/logout")
    login(client, office.regisseur)
    assert client.get(f"/plannen/{plan.id}").status_code == 200
    rows = db.session.scalars(sa.select(AccessLog).order_by(AccessLog.id)).all()
    assert [(r.actor_id, r.purpose, r.result) for r in rows][-2:] == [
        (office.zuid_regisseur.id, "gezinsplan bekijken", "denied"),
        (office.regisseur.id, "gezinsplan bekijken", "ok"),
    ]
