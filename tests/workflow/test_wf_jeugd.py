"""Jeugd: melding or aanvraag, onderzoek, decision within 8 weeks (Awb 4:13 lid 2)."""

from datetime import date

import pytest
import time_machine

from caseflow.workflow.engine import fire
from caseflow.workflow.errors import GuardFailed
from tests.factories import granted
from tests.letters.helpers import send_drafted
from tests.offices import Office
from tests.workflow.helpers import deadline, due_dates, go_to, open_case, outcomes


def test_decision_after_a_recorded_onderzoek(
    office: Office, travel: time_machine.Traveller
) -> None:
    consulent = office.consulent
    case = open_case("jeugd", office, starter=office.toegang)
    # The onderzoek norm (6 weeks, not a statutory term) and the decision term (27 April is
    # King's Day, so Tuesday 28 April).
    assert due_dates(case) == {"onderzoek": date(2026, 4, 13), "beslissing": date(2026, 4, 28)}
    fire(case, "oppakken", consulent)
    with pytest.raises(GuardFailed, match="Leg eerst het verslag"):
        fire(case, "besluiten", consulent, {"resultaat": "toegekend", "motivering": "Nodig."})
    fire(
        case,
        "verslag_vastleggen",
        consulent,
        {
            "gespreksvorm": "gezinsgesprek",
            "verslag": "Zoon gaat weer naar school met ambulante begeleiding.",
        },
    )
    go_to(travel, date(2026, 4, 14))
    decision = {"resultaat": "toegekend", "motivering": "Past bij de vraag.", **granted(case)}
    fire(case, "besluiten", consulent, decision)
    assert (case.state, case.result) == ("besloten", "toegekend")
    assert outcomes(case) == {
        "onderzoek": ("stopped", "in_time"),
        "beslissing": ("stopped", "in_time"),
    }


def test_suspension_and_extension_and_withdrawal(
    office: Office, travel: time_machine.Traveller
) -> None:
    consulent = office.consulent
    case = open_case("jeugd", office)
    fire(case, "oppakken", consulent)
    go_to(travel, date(2026, 3, 13))
    fire(
        case,
        "vraag_aanvulling",
        consulent,
        {"reden": "Verwijsbrief huisarts ontbreekt.", "hersteltermijn_tot": "2026-03-27"},
    )
    # The suspension starts the day after the request is sent (Awb 4:15 lid 1).
    send_drafted(case, consulent, "verzoek_om_aanvulling")
    go_to(travel, date(2026, 3, 26))
    fire(case, "aanvulling_ontvangen", consulent, {"toelichting": "Brief ontvangen."})
    beslissing = deadline(case, "beslissing")
    assert [(s.start_date, s.end_date) for s in beslissing.suspensions] == [
        (date(2026, 3, 14), date(2026, 3, 26))
    ]
    # 8 weeks from 2 March is 27 April; 12 suspended days give Saturday 9 May, so Monday 11 May.
    assert beslissing.due_date == date(2026, 5, 11)
    fire(case, "verdagen", consulent, {"weken": 6, "reden": "Advies jeugdarts nodig."})
    # Now 14 weeks: over 12 weeks the Atw does not apply (art. 4), so Saturday 20 June stays.
    assert beslissing.due_date == date(2026, 6, 20)
    with pytest.raises(GuardFailed, match="nog maximaal 0"):
        fire(case, "verdagen", consulent, {"weken": 1, "reden": "Nog meer tijd."})
    go_to(travel, date(2026, 4, 1))
    fire(case, "intrekken", office.toegang, {"reden": "Ouders kiezen voor hulp via school."})
    assert (case.state, case.result) == ("ingetrokken", "ingetrokken")
    assert outcomes(case) == {
        "onderzoek": ("stopped", "lapsed"),
        "beslissing": ("stopped", "lapsed"),
    }
