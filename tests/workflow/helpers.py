"""Shared set-up for the walk-throughs of the workflow definitions in workflows/*.yaml."""

from datetime import date, timedelta

import time_machine

from caseflow import clock
from caseflow.models import Case, Deadline, User
from caseflow.workflow.engine import assign, fire, start_case
from tests.letters.helpers import send_drafted
from tests.offices import Office


def open_case(
    case_type: str, office: Office, *, starter: User | None = None, handler: User | None = None
) -> Case:
    """Start a case for the office's client; `handler` (default: the consulent) claims it."""
    case = start_case(
        case_type,
        municipality=office.gemeente,
        actor=starter or office.consulent,
        person=office.client,
    )
    handler = handler or office.consulent
    assign(case, handler, handler)
    return case


def go_to(travel: time_machine.Traveller, day: date) -> None:
    """Move the frozen clock forward to the same time of day on `day`."""
    assert day >= clock.today(), "tests only move forward in time"
    travel.shift(timedelta(days=(day - clock.today()).days))


def deadline(case: Case, code: str) -> Deadline:
    return next(d for d in case.deadlines if d.code == code)


def due_dates(case: Case) -> dict[str, date]:
    return {d.code: d.due_date for d in case.deadlines}


def outcomes(case: Case) -> dict[str, tuple[str, str | None]]:
    """Per deadline: status (running/suspended/stopped) and outcome (in_time/late or None)."""
    return {d.code: (str(d.status), d.outcome) for d in case.deadlines}


def confirm_melding(case: Case, actor: User) -> None:
    """Wmo 2015 art. 2.3.2: the receipt confirmed today in a letter that also tells the client
    about the personal plan and free client support: drafted, then sent."""
    fire(case, "ontvangst_bevestigen", actor)
    send_drafted(case, actor, "ontvangstbevestiging_melding")


def hand_over_report(case: Case, actor: User) -> None:
    """Wmo 2015 art. 2.3.2 lid 8: the report of the onderzoek drafted as a letter and sent."""
    fire(case, "verslag_verstrekken", actor)
    send_drafted(case, actor, "verslag_onderzoek")
