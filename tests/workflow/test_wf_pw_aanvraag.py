"""Participatiewet: search period for under-27s, 8-week decision, 4-week advance payment."""

from datetime import date

import pytest
import time_machine

from caseflow.workflow.engine import fire
from caseflow.workflow.errors import GuardFailed, TriggerNotAllowed
from tests.factories import granted
from tests.letters.helpers import send_drafted
from tests.offices import Office
from tests.workflow.helpers import deadline, due_dates, go_to, open_case, outcomes

MUNICIPALITY = "meerssen"  # where the conftest's office is


def test_young_applicant_waits_four_weeks_then_gets_an_advance_and_a_decision(
    office: Office, travel: time_machine.Traveller
) -> None:
    consulent = office.consulent
    case = open_case("pw_aanvraag", office, starter=office.toegang)
    assert (case.state, due_dates(case)) == ("gemeld", {})
    fire(case, "zoektermijn_starten", office.toegang, {"toelichting": "Aanvrager is 22 jaar."})
    assert due_dates(case) == {"zoektermijn": date(2026, 3, 30)}
    # The aanvraag can only be submitted once the search period is over.
    with pytest.raises(TriggerNotAllowed):
        fire(case, "oppakken", consulent)
    go_to(travel, date(2026, 3, 30))
    fire(case, "aanvraag_ontvangen", consulent, {"zoekinspanningen": "Twaalf sollicitaties."})
    assert deadline(case, "zoektermijn").outcome == "in_time"
    # Aanvraag Monday 30 March: 8 weeks is Whit Monday 25 May, 4 weeks is King's Day 27 April;
    # both legal terms move to the next working day (Atw art. 1).
    assert due_dates(case)["beslissing"] == date(2026, 5, 26)
    assert due_dates(case)["voorschot"] == date(2026, 4, 28)
    fire(case, "oppakken", consulent)
    go_to(travel, date(2026, 4, 24))
    fire(case, "voorschot_verstrekken", consulent, {"voorschot_bedrag": 850})
    assert case.state == "voorschot_verstrekt"
    assert outcomes(case)["voorschot"] == ("stopped", "in_time")
    assert outcomes(case)["beslissing"] == ("running", None)
    fire(case, "verslag_vastleggen", consulent, {"verslag": "Huisbezoek: woont zelfstandig."})
    go_to(travel, date(2026, 5, 18))
    decision = {"resultaat": "toegekend", "motivering": "Geen middelen.", **granted(case)}
    fire(case, "besluiten", consulent, decision)
    assert (case.state, case.result) == ("besloten", "toegekend")
    assert outcomes(case)["beslissing"] == ("stopped", "in_time")


def test_incomplete_request_suspends_the_decision_but_not_the_advance(
    office: Office, travel: time_machine.Traveller
) -> None:
    consulent = office.consulent
    case = open_case("pw_aanvraag", office)
    fire(case, "aanvraag_ontvangen", consulent)  # 27 or older: no search period
    assert due_dates(case) == {"beslissing": date(2026, 4, 28), "voorschot": date(2026, 3, 30)}
    fire(case, "oppakken", consulent)
    go_to(travel, date(2026, 3, 4))
    fire(
        case,
        "vraag_aanvulling",
        consulent,
        {"reden": "Bankafschriften ontbreken.", "hersteltermijn_tot": "2026-03-18"},
    )
    # The request suspends from the day after it is sent (Awb 4:15 lid 1).
    assert outcomes(case)["beslissing"] == ("running", None)
    send_drafted(case, consulent, "verzoek_om_aanvulling")
    assert outcomes(case)["beslissing"] == ("suspended", None)
    assert outcomes(case)["voorschot"] == ("running", None)
    go_to(travel, date(2026, 3, 18))
    fire(case, "hersteltermijn_verstreken", consulent, {"toelichting": "Niets ontvangen."})
    assert case.state == "onderzoek"
    # Suspended 5 to 18 March, 13 days: 28 April becomes Sunday 10 May, so Monday 11 May.
    assert deadline(case, "beslissing").due_date == date(2026, 5, 11)
    fire(case, "verdagen", consulent, {"weken": 4, "reden": "Inlichtingen UWV nodig."})
    # 8 + 4 weeks + 13 days from 2 March is Sunday 7 June: Monday 8 June.
    assert deadline(case, "beslissing").due_date == date(2026, 6, 8)
    with pytest.raises(GuardFailed, match="nog maximaal 2"):
        fire(case, "verdagen", consulent, {"weken": 3, "reden": "Nog langer."})
    go_to(travel, date(2026, 4, 2))
    fire(
        case, "besluiten", consulent, {"resultaat": "buiten_behandeling", "motivering": "Awb 4:5."}
    )
    # No advance was paid within 4 weeks: that term was missed.
    assert outcomes(case) == {
        "beslissing": ("stopped", "in_time"),
        "voorschot": ("stopped", "late"),
    }


def test_young_person_who_finds_work_withdraws_before_any_decision_term_starts(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = open_case("pw_aanvraag", office)
    fire(case, "zoektermijn_starten", office.consulent)
    go_to(travel, date(2026, 3, 20))
    fire(case, "intrekken", office.consulent, {"reden": "Werk gevonden."})
    assert case.state == "ingetrokken" and case.closed_at is not None
    assert outcomes(case) == {"zoektermijn": ("stopped", "lapsed")}
