"""The plan's course: agreed with the household, evaluated with new scores, adjusted and agreed
again, escalated to the team manager, finished; each step moves the gezinsplan case."""

import html
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, HouseholdDirector, HouseholdPlan
from caseflow.plans.content import ActionInput, GoalInput, add_action, add_goal
from caseflow.plans.lifecycle import (
    Agreement,
    EvaluationInput,
    agree,
    break_through,
    escalate,
    evaluate,
)
from caseflow.workflow.errors import GuardFailed, NotAuthorised
from tests.markup import LINK
from tests.offices import Office, login
from tests.plans.helpers import concept_plan, running_plan


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def _outcomes(case: Case) -> dict[str, list[tuple[str, str | None]]]:
    found: dict[str, list[tuple[str, str | None]]] = {}
    for deadline in case.deadlines:
        found.setdefault(deadline.code, []).append((str(deadline.status), deadline.outcome))
    return found


def _agree(client: FlaskClient, plan: HouseholdPlan, **changes: object) -> object:
    data: dict[str, object] = {
        "akkoord-agreed_on": "2026-03-02",
        "akkoord-how": "gesprek_thuis",
        "akkoord-agreed_by_ids": [str(p.id) for p in plan.members],
        "akkoord-next_evaluation_on": "2026-05-25",
    }
    data.update({f"akkoord-{k}": v for k, v in changes.items()})
    return client.post(f"/plannen/{plan.id}/afstemmen", data=data)


def _evaluation(plan: HouseholdPlan, decision: str, **extra: object) -> EvaluationInput:
    values: dict[str, object] = {
        "held_on": clock.today(),
        "scores": {plan.goals[0].id: 3, plan.goals[1].id: 3},
        "what_changed": "Budgetplan staat.",
        "household_view": "Het gaat beter.",
        "decision": decision,
        "next_evaluation_on": clock.today() + timedelta(weeks=8),
    }
    values.update(extra)
    return EvaluationInput(**values)  # type: ignore[arg-type]


def test_agreeing_the_plan_closes_the_area_team_registration_in_time(
    client: FlaskClient, office: Office
) -> None:
    plan = concept_plan(office)
    login(client, office.regisseur)
    missing = _agree(client, plan, agreed_by_ids=[], next_evaluation_on="")
    assert missing.status_code == 400  # type: ignore[attr-defined]
    page = _text(missing)
    assert 'id="akkoord-agreed_by_ids-fout">Kies wie van het huishouden akkoord gaf.' in page
    assert 'id="akkoord-next_evaluation_on-fout">Plan de eerste evaluatie.' in page
    assert _agree(client, plan).status_code == 302  # type: ignore[attr-defined]
    db.session.expire_all()
    plan = db.session.get_one(HouseholdPlan, plan.id)
    assert (plan.case.state, plan.agreed_by, plan.next_evaluation_on) == (
        "afgestemd",
        "Anna Peters",
        date(2026, 5, 25),
    )
    assert [p.full_name for p in plan.agreed_members] == ["Anna Peters"]
    registration = plan.origin_case
    assert registration is not None
    assert (registration.state, registration.result) == ("afgesloten", "gezinsplan")
    assert _outcomes(registration)["plan"] == [("stopped", "in_time")]


def test_a_plan_without_an_action_per_goal_cannot_be_agreed(office: Office) -> None:
    plan = concept_plan(office)
    add_goal(plan, office.regisseur, GoalInput("huisvesting", "Eigen woning", 2, 3))
    agreement = Agreement(
        clock.today(), "telefonisch", [p.id for p in plan.members], None, date(2026, 5, 1)
    )
    with pytest.raises(GuardFailed, match=r"Het doel 'Eigen woning' heeft nog geen actie\."):
        agree(plan, office.regisseur, agreement)
    assert plan.case.state == "concept"


def test_an_evaluation_rescores_the_goals_and_shows_the_progress(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    plan = running_plan(office)
    travel.shift(timedelta(weeks=10))
    login(client, office.regisseur)
    money, health = plan.goals
    form = {
        "evaluatie-held_on": clock.today().isoformat(),
        f"evaluatie-score_{money.id}": "3",
        "evaluatie-what_changed": "De budgetcoach helpt; traplift aangevraagd.",
        "evaluatie-decision": "voortzetten",
        "evaluatie-next_evaluation_on": (clock.today() + timedelta(weeks=8)).isoformat(),
    }
    missing = client.post(f"/plannen/{plan.id}/evaluaties", data=form)
    assert missing.status_code == 400
    assert (
        f'id="evaluatie-score_{health.id}-fout">Geef een nieuwe score voor Lichamelijke gezondheid.'
        in _text(missing)
    )
    response = client.post(
        f"/plannen/{plan.id}/evaluaties", data={**form, f"evaluatie-score_{health.id}": "3"}
    )
    assert response.status_code == 302
    page = _text(client.get(f"/plannen/{plan.id}"))
    assert "2 → 3 (doel 4)" in page and "50% van de weg" in page and "100% van de weg" in page
    db.session.expire_all()
    plan = db.session.get_one(HouseholdPlan, plan.id)
    assert plan.case.state == "in_uitvoering"
    assert [s.score for s in plan.evaluations[0].scores] == [3, 3]
    # The first evaluation came in time; a new 12-week term runs for the next one.
    assert _outcomes(plan.case)["evaluatie"] == [("stopped", "in_time"), ("running", None)]


def test_an_adjusted_plan_is_agreed_again_before_the_work_resumes(office: Office) -> None:
    plan = running_plan(office)
    evaluate(plan, office.regisseur, _evaluation(plan, "bijstellen"))
    assert plan.case.state == "bijgesteld"
    goal = add_goal(plan, office.regisseur, GoalInput("sociaal_netwerk", "Een maatje", 2, 3))
    again = Agreement(
        clock.today(), "telefonisch", [p.id for p in plan.members], None, date(2026, 6, 1)
    )
    with pytest.raises(GuardFailed, match="heeft nog geen actie"):
        agree(plan, office.regisseur, again)
    assert plan.case.state == "bijgesteld"
    later = clock.today() + timedelta(days=14)
    add_action(plan, office.regisseur, ActionInput(goal.id, "Buurthuis", "huishouden", later))
    agree(plan, office.regisseur, again)
    assert (plan.case.state, plan.next_evaluation_on) == ("in_uitvoering", date(2026, 6, 1))
    assert plan.case.events[-1].trigger == "hervatten"


def test_escalation_reaches_the_team_manager_who_decides(
    client: FlaskClient, office: Office
) -> None:
    plan = running_plan(office)
    escalate(plan, office.regisseur, "Woningcorporatie werkt niet mee.")
    login(client, office.teammanager)
    overview = _text(client.get("/regie/"))
    assert "Vastgelopen plannen" in overview and "Woningcorporatie werkt niet mee." in overview
    with pytest.raises(NotAuthorised):
        break_through(plan, office.regisseur, "Zelf opgelost.")
    response = client.post(
        f"/plannen/{plan.id}/doorbraak", data={"doorbraak-motivation": "Fonds betaalt de huur."}
    )
    assert response.status_code == 302
    db.session.expire_all()
    plan = db.session.get_one(HouseholdPlan, plan.id)
    assert plan.case.state == "bijgesteld"
    assert plan.case.events[-1].data["motivering"] == "Fonds betaalt de huur."


def test_a_finished_plan_ends_the_regie_and_leaves_room_for_a_new_one(office: Office) -> None:
    plan = running_plan(office)
    evaluate(plan, office.regisseur, _evaluation(plan, "afronden", result="doelen_bereikt"))
    assert (plan.case.state, plan.case.result) == ("afgerond", "doelen_bereikt")
    assert plan.ended_at is not None
    director = db.session.scalars(sa.select(HouseholdDirector)).one()
    assert director.end_reason == "Afgerond"


def test_the_case_page_leaves_finishing_to_the_plan_page(
    client: FlaskClient, office: Office
) -> None:
    plan = running_plan(office)
    login(client, office.teammanager)
    page = _text(client.get(f"/zaken/{plan.case_id}"))
    assert (
        f'Plan beëindigen</strong>: via <a {LINK} href="/plannen/{plan.id}">het gezinsplan</a>'
        in page
    )
    response = client.post(
        f"/plannen/{plan.id}/beeindigen",
        data={"einde-reason": "Gezin verhuist.", "einde-result": "verhuisd"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    plan = db.session.get_one(HouseholdPlan, plan.id)
    assert (plan.case.state, plan.case.result, plan.is_active) == ("beeindigd", "verhuisd", False)
