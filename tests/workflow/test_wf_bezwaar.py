"""Bezwaar: 6 weeks, 12 with an advisory committee, one extension of at most 6 (Awb 7:10)."""

from datetime import date

import pytest
import time_machine

from caseflow.workflow.engine import fire
from caseflow.workflow.errors import GuardFailed, NotAuthorised
from tests.offices import Office
from tests.workflow.helpers import deadline, due_dates, go_to, open_case, outcomes

MUNICIPALITY = "eijsden-margraten"  # where the conftest's office is


def test_hearing_and_one_extension_then_a_decision(
    office: Office, travel: time_machine.Traveller
) -> None:
    consulent = office.consulent
    case = open_case("bezwaar", office)
    assert due_dates(case) == {"beslissing": date(2026, 4, 13)}
    fire(case, "oppakken", consulent)
    fire(case, "hoorzitting_plannen", consulent, {"hoorzitting_op": "2026-03-25"})
    assert case.state == "hoorzitting"
    go_to(travel, date(2026, 3, 25))
    fire(case, "hoorzitting_gehouden", consulent, {"verslag": "Bezwaarmaker gehoord."})
    assert case.state == "in_behandeling"
    fire(case, "verdagen", consulent, {"weken": 2, "reden": "Nadere stukken opgevraagd."})
    # 8 weeks from 2 March is King's Day 27 April: Tuesday 28 April.
    assert deadline(case, "beslissing").due_date == date(2026, 4, 28)
    # Awb 7:10 lid 3 allows one extension, even though 4 of the 6 weeks are left.
    with pytest.raises(GuardFailed) as info:
        fire(case, "verdagen", consulent, {"weken": 2, "reden": "Nog een keer."})
    assert info.value.reasons == ["De beslissing is al eens verdaagd; verdagen kan maar één keer."]
    go_to(travel, date(2026, 4, 21))
    fire(
        case,
        "besluiten",
        consulent,
        {"resultaat": "ongegrond", "motivering": "Besluit blijft staan."},
    )
    assert (case.state, case.result) == ("besloten", "ongegrond")
    assert outcomes(case) == {"beslissing": ("stopped", "in_time")}


def test_advisory_committee_replaces_the_six_weeks_by_twelve(
    office: Office, travel: time_machine.Traveller
) -> None:
    consulent = office.consulent
    case = open_case("bezwaar", office)
    fire(case, "naar_adviescommissie", consulent, {"toelichting": "Vaste commissie voor Pw-zaken."})
    assert case.state == "adviescommissie"
    # Referred on the day of receipt, Monday 2 March: 12 weeks is Whit Monday 25 May. Twelve
    # weeks is still within the Atw (art. 4), so the term moves to Tuesday 26 May.
    assert {d.code: d.status for d in case.deadlines} == {
        "beslissing": "stopped",
        "beslissing_adviescommissie": "running",
    }
    assert deadline(case, "beslissing_adviescommissie").due_date == date(2026, 5, 26)
    fire(case, "verdagen", consulent, {"weken": 6, "reden": "Commissie vergadert pas in juni."})
    assert deadline(case, "beslissing_adviescommissie").due_date == date(2026, 7, 6)
    go_to(travel, date(2026, 6, 24))
    fire(case, "advies_vastleggen", consulent, {"verslag": "Commissie adviseert gegrond."})
    assert case.state == "advies_ontvangen"
    go_to(travel, date(2026, 7, 7))
    fire(case, "besluiten", consulent, {"resultaat": "gegrond", "motivering": "Advies gevolgd."})
    assert case.result == "gegrond"
    assert outcomes(case)["beslissing_adviescommissie"] == ("stopped", "late")


def test_withdrawal_during_the_hearing_stage_and_who_decides(office: Office) -> None:
    case = open_case("bezwaar", office)
    fire(case, "oppakken", office.consulent)
    with pytest.raises(NotAuthorised):
        fire(case, "besluiten", office.toegang, {"resultaat": "gegrond", "motivering": "Ja."})
    fire(case, "hoorzitting_plannen", office.consulent, {"hoorzitting_op": "2026-03-20"})
    fire(
        case, "intrekken", office.consulent, {"reden": "Bezwaarmaker trekt in na telefoongesprek."}
    )
    assert (case.state, case.result) == ("ingetrokken", "ingetrokken")
    assert outcomes(case) == {"beslissing": ("stopped", "lapsed")}
