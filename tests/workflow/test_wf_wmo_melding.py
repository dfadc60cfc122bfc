"""Wmo-melding: onderzoek in 6 weeks, personal plan in 7 days, urgent path, couleur locale."""

from datetime import date

import pytest
import time_machine

from caseflow.workflow.engine import available_triggers, fire
from caseflow.workflow.errors import GuardFailed, InvalidData, NotAuthorised, UnknownTrigger
from tests.offices import MakeOffice, Office
from tests.workflow.helpers import (
    confirm_melding,
    deadline,
    due_dates,
    go_to,
    hand_over_report,
    open_case,
)


def test_melding_with_plan_and_kitchen_table_talk_in_maastricht(
    office: Office, travel: time_machine.Traveller
) -> None:
    consulent = office.consulent
    case = open_case("wmo_melding", office, starter=office.toegang)
    assert case.state == "melding_ontvangen"
    # Melding Monday 2 March: 6 weeks is Monday 13 April, 7 days Monday 9 March; Maastricht's
    # own service norm is 3 weeks instead of 4, so Monday 23 March.
    assert due_dates(case) == {
        "onderzoek": date(2026, 4, 13),
        "persoonlijk_plan": date(2026, 3, 9),
        "onderzoek_norm": date(2026, 3, 23),
    }
    confirm_melding(case, office.toegang)
    go_to(travel, date(2026, 3, 6))
    fire(case, "plan_ontvangen", office.toegang, {"toelichting": "Plan door dochter opgesteld."})
    assert deadline(case, "persoonlijk_plan").outcome == "in_time"
    go_to(travel, date(2026, 3, 9))
    fire(case, "onderzoek_starten", consulent)
    fire(case, "keukentafelgesprek_plannen", consulent, {"gesprek_op": "2026-03-12"})
    assert case.state == "keukentafelgesprek"
    go_to(travel, date(2026, 3, 12))
    fire(case, "keukentafelgesprek_voeren", consulent, {"verslag": "Trap is het probleem."})
    assert case.state == "onderzoek"
    go_to(travel, date(2026, 3, 26))
    hand_over_report(case, consulent)
    fire(case, "onderzoek_afronden", consulent, {"resultaat": "aanvraag_volgt"})
    assert (case.state, case.result) == ("onderzoek_afgerond", "aanvraag_volgt")
    # Within the legal 6 weeks, but after Maastricht's own 3-week norm.
    assert deadline(case, "onderzoek").outcome == "in_time"
    assert deadline(case, "onderzoek_norm").outcome == "late"


def test_plan_term_ending_on_liberation_day_moves_to_the_next_working_day(
    office: Office, travel: time_machine.Traveller
) -> None:
    go_to(travel, date(2026, 4, 28))
    case = open_case("wmo_melding", office)
    # Tuesday 28 April + 7 days is Tuesday 5 May, Bevrijdingsdag: Atw art. 1 gives Wednesday 6 May.
    assert due_dates(case)["persoonlijk_plan"] == date(2026, 5, 6)
    assert due_dates(case)["onderzoek"] == date(2026, 6, 9)
    go_to(travel, date(2026, 5, 6))
    fire(case, "onderzoek_starten", office.consulent)
    plan = deadline(case, "persoonlijk_plan")
    assert (plan.status, plan.stopped_on, plan.outcome) == ("stopped", date(2026, 5, 6), "in_time")
    assert deadline(case, "onderzoek").status == "running"


def test_onderzoek_cannot_be_closed_without_a_report(office: Office) -> None:
    case = open_case("wmo_melding", office)
    fire(case, "onderzoek_starten", office.consulent)
    with pytest.raises(GuardFailed, match="Leg eerst het verslag"):
        fire(case, "onderzoek_afronden", office.consulent, {"resultaat": "geen_aanvraag"})
    with pytest.raises(InvalidData) as info:
        fire(case, "verslag_vastleggen", office.consulent, {"verslag": "Huisbezoek gedaan."})
    assert set(info.value.field_errors) == {"gespreksvorm"}
    fire(
        case,
        "verslag_vastleggen",
        office.consulent,
        {"gespreksvorm": "huisbezoek", "verslag": "Huisbezoek gedaan."},
    )
    confirm_melding(case, office.consulent)
    hand_over_report(case, office.consulent)
    fire(case, "onderzoek_afronden", office.consulent, {"resultaat": "opgelost_voorliggend_veld"})
    assert case.result == "opgelost_voorliggend_veld"


def test_valkenburg_has_no_separate_kitchen_table_step_and_the_standard_norm(
    make_office: MakeOffice, travel: time_machine.Traveller
) -> None:
    valkenburg = make_office("valkenburg-aan-de-geul")
    case = open_case("wmo_melding", valkenburg)
    assert due_dates(case)["onderzoek_norm"] == date(2026, 3, 30)  # 4 weeks, not Maastricht's 3
    fire(case, "onderzoek_starten", valkenburg.consulent)
    offered = {o.trigger for o in available_triggers(case, valkenburg.consulent)}
    assert "keukentafelgesprek_plannen" not in offered
    assert "verslag_vastleggen" in offered
    with pytest.raises(UnknownTrigger):
        fire(case, "keukentafelgesprek_plannen", valkenburg.consulent, {"gesprek_op": "2026-03-05"})


def test_urgent_path_decides_on_a_temporary_provision_within_one_working_day(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = open_case("wmo_melding", office)
    fire(case, "onderzoek_starten", office.consulent)
    go_to(travel, date(2026, 4, 2))  # Thursday before Easter
    fire(case, "spoed_melden", office.toegang, {"reden": "Mantelzorger valt acuut weg."})
    assert case.state == "spoed"
    # One working day after Thursday 2 April: Good Friday and Easter Monday do not count.
    assert due_dates(case)["spoedbesluit"] == date(2026, 4, 7)
    with pytest.raises(NotAuthorised):
        fire(case, "tijdelijke_voorziening_treffen", office.toegang, {"motivering": "Thuiszorg."})
    go_to(travel, date(2026, 4, 7))
    fire(
        case, "tijdelijke_voorziening_treffen", office.consulent, {"motivering": "Tijdelijke zorg."}
    )
    assert case.state == "onderzoek"
    assert deadline(case, "spoedbesluit").outcome == "in_time"
    assert deadline(case, "onderzoek").status == "running"  # the onderzoek goes on


def test_withdrawal_needs_a_reason_and_stops_every_term(office: Office) -> None:
    case = open_case("wmo_melding", office)
    with pytest.raises(InvalidData):
        fire(case, "intrekken", office.toegang)
    fire(case, "intrekken", office.toegang, {"reden": "Hulp via de buren geregeld."})
    assert case.state == "ingetrokken" and case.closed_at is not None
    assert {d.code: d.status for d in case.deadlines} == {
        "onderzoek": "stopped",
        "persoonlijk_plan": "stopped",
        "onderzoek_norm": "stopped",
    }
