"""Gezinsplan: agree, carry out, evaluate, adjust and loop back; escalate when stuck."""

from datetime import date

import pytest
import time_machine

from caseflow.models import Case
from caseflow.workflow.engine import fire
from caseflow.workflow.errors import GuardFailed, InvalidData, NotAuthorised
from tests.factories import Factory
from tests.workflow.helpers import Office, due_dates, go_to, make_office, open_case, outcomes

PLAN = "Wonen: huur op tijd betalen. Jeugd: zoon weer naar school. Werk: moeder start traject."


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    return make_office(factory, "valkenburg-aan-de-geul")


def _agreed_plan_in_progress(office: Office) -> Case:
    case = open_case("gezinsplan", office, starter=office.regisseur, handler=office.regisseur)
    fire(case, "plan_vastleggen", office.regisseur, plan=PLAN)
    fire(case, "afstemmen", office.regisseur, toelichting="Besproken met beide ouders; akkoord.")
    fire(case, "uitvoeren", office.regisseur)
    return case


def test_plan_is_evaluated_adjusted_and_completed(
    office: Office, travel: time_machine.Traveller
) -> None:
    regisseur = office.regisseur
    case = open_case("gezinsplan", office, starter=regisseur, handler=regisseur)
    with pytest.raises(GuardFailed, match="Leg eerst het plan vast"):
        fire(case, "afstemmen", regisseur, toelichting="Akkoord.")
    fire(case, "plan_vastleggen", regisseur, plan=PLAN)
    fire(case, "afstemmen", regisseur, toelichting="Akkoord van het huishouden.")
    assert (case.state, due_dates(case)) == ("afgestemd", {})
    go_to(travel, date(2026, 3, 9))
    fire(case, "uitvoeren", regisseur)
    # Evaluation norm: 12 weeks after the start of the work, Monday 1 June.
    assert due_dates(case) == {"evaluatie": date(2026, 6, 1)}
    go_to(travel, date(2026, 5, 26))
    fire(case, "evalueren", regisseur)
    assert outcomes(case) == {"evaluatie": ("stopped", "in_time")}
    fire(case, "bijstellen", regisseur, verslag="Schooldoel gehaald.", plan=PLAN + " Nieuw.")
    assert case.state == "bijgesteld"
    fire(case, "hervatten", regisseur, toelichting="Bijgesteld plan besproken; akkoord.")
    assert case.state == "in_uitvoering"
    go_to(travel, date(2026, 8, 31))
    fire(case, "evalueren", regisseur)
    fire(case, "afronden", regisseur, verslag="Alle doelen gehaald.", resultaat="doelen_bereikt")
    assert (case.state, case.result) == ("afgerond", "doelen_bereikt")


def test_escalation_goes_to_the_team_manager(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = _agreed_plan_in_progress(office)
    go_to(travel, date(2026, 4, 2))
    with pytest.raises(InvalidData):
        fire(case, "escaleren", office.regisseur)
    fire(case, "escaleren", office.regisseur, reden="Woningcorporatie wil niet meewerken.")
    assert case.state == "geescaleerd"
    # Five working days from Thursday 2 April, skipping Good Friday and Easter Monday.
    assert due_dates(case)["escalatie"] == date(2026, 4, 13)
    with pytest.raises(NotAuthorised):
        fire(case, "doorbraak", office.regisseur, motivering="Zelf geregeld.")
    go_to(travel, date(2026, 4, 14))
    fire(case, "doorbraak", office.teammanager, motivering="Huurachterstand via fonds.")
    assert case.state == "bijgesteld"
    assert outcomes(case)["escalatie"] == ("stopped", "late")
    assert outcomes(case)["evaluatie"] == ("running", None)


def test_team_manager_can_end_a_plan_with_a_reason_and_result(office: Office) -> None:
    case = _agreed_plan_in_progress(office)
    with pytest.raises(InvalidData) as info:
        fire(case, "beeindigen", office.teammanager)
    assert set(info.value.field_errors) == {"reden", "resultaat"}
    fire(case, "beeindigen", office.teammanager, reden="Gezin verhuisd.", resultaat="verhuisd")
    assert (case.state, case.result) == ("beeindigd", "verhuisd")
    assert outcomes(case) == {"evaluatie": ("stopped", "lapsed")}
