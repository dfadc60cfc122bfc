"""Gezinsplan: agree, carry out, evaluate, adjust and loop back; escalate when stuck."""

from datetime import date

import pytest
import sqlalchemy as sa
import time_machine

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, Household, HouseholdPlan, PlanAction, PlanGoal
from caseflow.workflow.engine import fire
from caseflow.workflow.errors import GuardFailed, InvalidData, NotAuthorised
from tests.offices import Office
from tests.workflow.helpers import due_dates, go_to, open_case, outcomes

PLAN = "Wonen: huur op tijd betalen. Jeugd: zoon weer naar school. Werk: moeder start traject."


MUNICIPALITY = "valkenburg-aan-de-geul"  # where the conftest's office is


def _plan_content(case: Case, office: Office) -> HouseholdPlan:
    """What the plan page records before the household can agree: a goal with an action."""
    household = Household(name="Huishouden Jansen", municipality=office.gemeente)
    goal = PlanGoal(
        life_domain="huisvesting",
        wording="Huur op tijd betalen",
        start_score=2,
        target_score=4,
        current_score=2,
    )
    goal.actions.append(
        PlanAction(
            description="Betaalafspraak maken",
            owner_kind="partner",
            partner_name="Woningcorporatie",
            due_on=date(2026, 4, 1),
        )
    )
    plan = HouseholdPlan(household=household, case=case, wishes=PLAN, goals=[goal])
    plan.actions.extend(goal.actions)
    db.session.add(plan)
    db.session.commit()
    return plan


def _agreed_plan_in_progress(office: Office) -> Case:
    case = open_case("gezinsplan", office, starter=office.regisseur, handler=office.regisseur)
    _plan_content(case, office)
    fire(case, "plan_vastleggen", office.regisseur, {"plan": PLAN})
    fire(
        case, "afstemmen", office.regisseur, {"toelichting": "Besproken met beide ouders; akkoord."}
    )
    fire(case, "uitvoeren", office.regisseur)
    return case


def test_plan_is_evaluated_adjusted_and_completed(
    office: Office, travel: time_machine.Traveller
) -> None:
    regisseur = office.regisseur
    case = open_case("gezinsplan", office, starter=regisseur, handler=regisseur)
    with pytest.raises(GuardFailed) as info:
        fire(case, "afstemmen", regisseur, {"toelichting": "Akkoord."})
    assert info.value.reasons == [
        "Leg eerst het plan vast.",
        "Leg eerst minstens één doel vast in het gezinsplan.",
    ]
    plan = _plan_content(case, office)
    fire(case, "plan_vastleggen", regisseur, {"plan": PLAN})
    fire(case, "afstemmen", regisseur, {"toelichting": "Akkoord van het huishouden."})
    assert (case.state, due_dates(case)) == ("afgestemd", {})
    go_to(travel, date(2026, 3, 9))
    fire(case, "uitvoeren", regisseur)
    # Evaluation norm: 12 weeks after the start of the work, Monday 1 June.
    assert due_dates(case) == {"evaluatie": date(2026, 6, 1)}
    go_to(travel, date(2026, 5, 26))
    fire(case, "evalueren", regisseur)
    assert outcomes(case) == {"evaluatie": ("stopped", "in_time")}
    fire(
        case, "bijstellen", regisseur, {"verslag": "Schooldoel gehaald.", "plan": PLAN + " Nieuw."}
    )
    assert case.state == "bijgesteld"
    fire(case, "hervatten", regisseur, {"toelichting": "Bijgesteld plan besproken; akkoord."})
    assert case.state == "in_uitvoering"
    go_to(travel, date(2026, 8, 31))
    fire(case, "evalueren", regisseur)
    versions = len(plan.versions)
    # Finishing the case ends the plan with it, whichever door fires the transition.
    fire(
        case,
        "afronden",
        regisseur,
        {"verslag": "Alle doelen gehaald.", "resultaat": "doelen_bereikt"},
    )
    assert (case.state, case.result) == ("afgerond", "doelen_bereikt")
    assert plan.ended_at == clock.now()
    assert len(plan.versions) == versions + 1
    assert plan.versions[-1].snapshot["status"] == "Afgerond"
    assert case.events[-1].data["planversie"] == plan.versions[-1].number


def test_escalation_goes_to_the_team_manager(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = _agreed_plan_in_progress(office)
    go_to(travel, date(2026, 4, 2))
    with pytest.raises(InvalidData):
        fire(case, "escaleren", office.regisseur)
    fire(case, "escaleren", office.regisseur, {"reden": "Woningcorporatie wil niet meewerken."})
    assert case.state == "geescaleerd"
    # Five working days from Thursday 2 April, skipping Good Friday and Easter Monday.
    assert due_dates(case)["escalatie"] == date(2026, 4, 13)
    with pytest.raises(NotAuthorised):
        fire(case, "doorbraak", office.regisseur, {"motivering": "Zelf geregeld."})
    go_to(travel, date(2026, 4, 14))
    fire(case, "doorbraak", office.teammanager, {"motivering": "Huurachterstand via fonds."})
    assert case.state == "bijgesteld"
    assert outcomes(case)["escalatie"] == ("stopped", "late")
    assert outcomes(case)["evaluatie"] == ("running", None)


def test_team_manager_can_end_a_plan_with_a_reason_and_result(office: Office) -> None:
    case = _agreed_plan_in_progress(office)
    with pytest.raises(InvalidData) as info:
        fire(case, "beeindigen", office.teammanager)
    assert set(info.value.field_errors) == {"reden", "resultaat"}
    db.session.scalars(sa.select(HouseholdPlan)).one().ended_at = clock.now()
    fire(
        case,
        "beeindigen",
        office.teammanager,
        {"reden": "Gezin verhuisd.", "resultaat": "verhuisd"},
    )
    assert (case.state, case.result) == ("beeindigd", "verhuisd")
    assert outcomes(case) == {"evaluatie": ("stopped", "lapsed")}
