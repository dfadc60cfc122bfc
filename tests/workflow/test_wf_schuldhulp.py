"""Schuldhulp: first conversation within 4 weeks, or 3 working days under threat (Wgs art. 4);
admission decided as a beschikking within the decision term (Awb 4:13 when no regulation)."""

from datetime import date

import pytest
import time_machine

from caseflow.workflow.engine import fire
from caseflow.workflow.errors import InvalidData, TriggerNotAllowed
from tests.offices import Office
from tests.workflow.helpers import due_dates, go_to, open_case, outcomes

MUNICIPALITY = "gulpen-wittem"  # where the conftest's office is


def test_from_registration_through_admission_plan_and_traject(
    office: Office, travel: time_machine.Traveller
) -> None:
    consulent = office.consulent
    case = open_case("schuldhulp", office, starter=office.toegang)
    # First conversation in 4 weeks; the admission decision in 8 (27 April is King's Day).
    assert due_dates(case) == {"eerste_gesprek": date(2026, 3, 30), "toelating": date(2026, 4, 28)}
    go_to(travel, date(2026, 3, 17))
    fire(case, "eerste_gesprek_voeren", consulent, {"verslag": "Zes schuldeisers, vast inkomen."})
    assert outcomes(case)["eerste_gesprek"] == ("stopped", "in_time")
    fire(case, "toelaten", consulent, {"motivering": "Problematische schulden, wil meewerken."})
    assert outcomes(case)["toelating"] == ("stopped", "in_time")
    fire(case, "plan_vastleggen", consulent, {"plan": "Budgetbeheer, daarna schuldregeling."})
    fire(case, "traject_starten", consulent)
    assert case.state == "traject"
    go_to(travel, date(2026, 9, 1))
    fire(case, "afronden", consulent, {"resultaat": "schulden_geregeld"})
    assert (case.state, case.result) == ("afgerond", "schulden_geregeld")


def test_threat_of_eviction_starts_a_three_working_day_term(
    office: Office, travel: time_machine.Traveller
) -> None:
    go_to(travel, date(2026, 3, 31))
    case = open_case("schuldhulp", office)
    assert due_dates(case)["eerste_gesprek"] == date(2026, 4, 28)
    go_to(travel, date(2026, 4, 2))
    with pytest.raises(InvalidData) as info:
        fire(case, "dreiging_vastleggen", office.toegang, {"dreiging": "ruzie"})
    assert set(info.value.field_errors) == {"dreiging"}
    fire(case, "dreiging_vastleggen", office.toegang, {"dreiging": "huisuitzetting"})
    assert case.state == "aangemeld"
    # Opened here directly, so the term counts from the day the threat was recorded: Thursday
    # 2 April. Good Friday and Easter Monday are no working days: 7, 8 and 9 April.
    assert due_dates(case)["eerste_gesprek_dreiging"] == date(2026, 4, 9)
    go_to(travel, date(2026, 4, 10))
    fire(case, "eerste_gesprek_voeren", office.consulent, {"verslag": "Verhuurder gebeld."})
    assert outcomes(case) == {
        "eerste_gesprek": ("stopped", "in_time"),
        "eerste_gesprek_dreiging": ("stopped", "late"),
        "toelating": ("running", None),
    }


def test_advice_can_be_enough_after_admission_and_threats_belong_before_the_first_conversation(
    office: Office,
) -> None:
    case = open_case("schuldhulp", office)
    fire(
        case,
        "eerste_gesprek_voeren",
        office.consulent,
        {"verslag": "Alleen een vraag over toeslagen."},
    )
    with pytest.raises(TriggerNotAllowed):
        fire(case, "dreiging_vastleggen", office.consulent, {"dreiging": "zorgverzekering"})
    with pytest.raises(TriggerNotAllowed):
        fire(case, "afronden", office.consulent, {"resultaat": "advies_volstaat"})
    fire(case, "toelaten", office.consulent, {"motivering": "Advies en informatie volstaan."})
    fire(case, "afronden", office.consulent, {"resultaat": "advies_volstaat"})
    assert (case.state, case.result) == ("afgerond", "advies_volstaat")
    assert "eerste_gesprek_dreiging" not in due_dates(case)
