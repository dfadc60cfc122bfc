"""Bijzondere bijstand: 8 weeks (Awb 4:13 lid 2) next to a 4-week service norm."""

from datetime import date

import pytest
import time_machine

from caseflow.workflow.engine import fire
from caseflow.workflow.errors import GuardFailed, NotAuthorised
from tests.letters.helpers import send_drafted
from tests.offices import Office
from tests.workflow.helpers import deadline, due_dates, go_to, open_case, outcomes

MUNICIPALITY = "vaals"  # where the conftest's office is


def test_decision_within_both_terms(office: Office, travel: time_machine.Traveller) -> None:
    case = open_case("bijzondere_bijstand", office)
    # 8 weeks from Monday 2 March is King's Day 27 April, so Tuesday 28 April (Atw art. 1);
    # the service norm of 4 weeks is Monday 30 March.
    assert due_dates(case) == {"beslissing": date(2026, 4, 28), "servicenorm": date(2026, 3, 30)}
    fire(case, "oppakken", office.consulent)
    go_to(travel, date(2026, 3, 20))
    fire(
        case,
        "besluiten",
        office.consulent,
        {"resultaat": "deels_toegekend", "motivering": "Wasmachine ja, droger niet noodzakelijk."},
    )
    assert (case.state, case.result) == ("besloten", "deels_toegekend")
    assert outcomes(case) == {
        "beslissing": ("stopped", "in_time"),
        "servicenorm": ("stopped", "in_time"),
    }


def test_request_to_complete_suspends_both_terms(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = open_case("bijzondere_bijstand", office)
    fire(case, "oppakken", office.consulent)
    go_to(travel, date(2026, 3, 9))
    fire(
        case,
        "vraag_aanvulling",
        office.consulent,
        {"reden": "Offerte ontbreekt.", "hersteltermijn_tot": "2026-03-23"},
    )
    # Both terms stand still from the day after the request is sent (Awb 4:15 lid 1).
    send_drafted(case, office.consulent, "verzoek_om_aanvulling")
    assert {d.code: d.status for d in case.deadlines} == {
        "beslissing": "suspended",
        "servicenorm": "suspended",
    }
    assert deadline(case, "beslissing").suspensions[0].start_date == date(2026, 3, 10)
    go_to(travel, date(2026, 3, 16))
    fire(case, "aanvulling_ontvangen", office.consulent)
    # 6 days suspended (10 to 16 March). The legal term lands on Sunday 3 May and moves to
    # Monday 4 May; the service norm is no statutory term and stays on Sunday 5 April.
    assert due_dates(case) == {"beslissing": date(2026, 5, 4), "servicenorm": date(2026, 4, 5)}
    go_to(travel, date(2026, 4, 7))
    fire(
        case,
        "besluiten",
        office.consulent,
        {"resultaat": "afgewezen", "motivering": "Voorliggend."},
    )
    assert outcomes(case) == {
        "beslissing": ("stopped", "in_time"),
        "servicenorm": ("stopped", "late"),
    }


def test_completion_date_must_lie_ahead_and_front_door_may_withdraw_not_decide(
    office: Office,
) -> None:
    case = open_case("bijzondere_bijstand", office)
    fire(case, "oppakken", office.consulent)
    with pytest.raises(GuardFailed, match="na vandaag"):
        fire(
            case,
            "vraag_aanvulling",
            office.consulent,
            {"reden": "Nota ontbreekt.", "hersteltermijn_tot": "2026-03-02"},
        )
    with pytest.raises(NotAuthorised):
        fire(
            case, "besluiten", office.toegang, {"resultaat": "toegekend", "motivering": "Akkoord."}
        )
    fire(case, "intrekken", office.toegang, {"reden": "Kosten vergoed door de zorgverzekeraar."})
    assert case.state == "ingetrokken"
    assert {d.status for d in case.deadlines} == {"stopped"}
