"""Tijdigheid: deadlines closed and open, in time and late, net of suspensions."""

from datetime import date

import pytest
import time_machine

from caseflow.models import DeadlineKind
from caseflow.reports.registry import indicator
from tests.offices import Office
from tests.reports.helpers import (
    ask_completion,
    assert_drill_downs_match,
    at,
    completed,
    decide,
    report_filter,
    table,
    wmo,
)

TIJDIGHEID = indicator("tijdigheid")


@pytest.fixture
def march(office: Office, travel: time_machine.Traveller) -> Office:
    """Seven Wmo requests in March 2026; the legal term is two weeks."""
    anna, bram = office.anna, office.bram
    at(travel, "2026-03-02 10:00")
    decided_early, decided_late = wmo(office, anna), wmo(office, anna)
    suspended_then_decided = wmo(office, bram)
    wmo(office, bram)  # still open, and late by the 20th
    suspended_in_time, suspended_after_due = wmo(office, anna), wmo(office, bram)
    at(travel, "2026-03-04 11:00")
    ask_completion(suspended_then_decided, until="2026-03-20")
    at(travel, "2026-03-10 09:00")
    ask_completion(suspended_in_time, until="2026-03-31")
    at(travel, "2026-03-11 09:00")
    completed(suspended_then_decided)
    # Suspended 5 up to 11 March: six days on top of Monday 16 March is Sunday 22 March,
    # which the Algemene termijnenwet moves to Monday 23 March.
    assert suspended_then_decided.deadlines[0].due_date == date(2026, 3, 23)
    at(travel, "2026-03-13 15:00")
    decide(decided_early)
    at(travel, "2026-03-16 10:00")
    wmo(office, anna)  # due Monday 30 March: open and in time on the 20th
    at(travel, "2026-03-18 10:00")
    decide(decided_late)
    decide(suspended_then_decided)  # two days after the plain due date: in time thanks to 4:15
    ask_completion(suspended_after_due, until="2026-03-31")
    # Its clock stopped before its date: it stays in time however long the wait.
    assert suspended_in_time.deadlines[0].due_date == date(2026, 3, 16)
    return office


def test_closed_and_open_in_time_and_late_per_consultant(march: Office) -> None:
    result = TIJDIGHEID.run(report_filter("2026-03-20", "2026-03"), ["consulent"])
    assert table(result) == {
        ("Anna (Maastricht)",): {
            "afgehandeld_tijdig": 1,
            "afgehandeld_te_laat": 1,
            "open_tijdig": 2,
            "open_te_laat": 0,
            "percentage_tijdig": 50.0,
            "percentage_open_te_laat": 0.0,
            "percentage_tijdig_met_lopend": 75.0,
        },
        ("Bram (Maastricht)",): {
            "afgehandeld_tijdig": 1,
            "afgehandeld_te_laat": 0,
            "open_tijdig": 0,
            "open_te_laat": 2,
            "percentage_tijdig": 100.0,
            "percentage_open_te_laat": 100.0,
            "percentage_tijdig_met_lopend": 33.3,
        },
    }
    assert result.total.values == {
        "afgehandeld_tijdig": 2,
        "afgehandeld_te_laat": 1,
        "open_tijdig": 2,
        "open_te_laat": 2,
        "percentage_tijdig": 66.7,
        "percentage_open_te_laat": 50.0,
        # (2 closed in time + 2 open in time) / 7 terms
        "percentage_tijdig_met_lopend": 57.1,
    }
    assert_drill_downs_match(result)


def test_consultants_add_up_to_team_and_municipality(march: Office) -> None:
    f = report_filter("2026-03-20", "2026-03")
    per_consultant = TIJDIGHEID.run(f, ["consulent"])
    per_team = TIJDIGHEID.run(f, ["team"])
    per_municipality = TIJDIGHEID.run(f, ["gemeente"])
    for key in ("afgehandeld_tijdig", "afgehandeld_te_laat", "open_tijdig", "open_te_laat"):
        summed = sum(int(row.values[key] or 0) for row in per_consultant.rows)
        assert [row.values[key] for row in per_team.rows] == [summed]
        assert [row.values[key] for row in per_municipality.rows] == [summed]


def test_another_month_counts_no_closed_deadlines(march: Office) -> None:
    result = TIJDIGHEID.run(report_filter("2026-03-20", "2026-02"))
    assert result.total.values["afgehandeld_tijdig"] == 0
    assert result.total.values["percentage_tijdig"] is None


def test_service_norms_are_counted_apart(march: Office) -> None:
    f = report_filter("2026-03-20", "2026-03", deadline_kinds=(DeadlineKind.SERVICE_NORM,))
    # First contact within five working days (due 9 March for the cases of 2 March): only the
    # case taken up on 4 March made it; the case of 16 March is due on the 23rd.
    assert TIJDIGHEID.run(f).total.values == {
        "afgehandeld_tijdig": 1,
        "afgehandeld_te_laat": 4,
        "open_tijdig": 1,
        "open_te_laat": 1,
        "percentage_tijdig": 20.0,
        "percentage_open_te_laat": 50.0,
        "percentage_tijdig_met_lopend": 28.6,
    }
