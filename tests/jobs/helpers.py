"""Wmo cases to watch on a travelling clock, and the signals and mail they give."""

from datetime import date, timedelta

import sqlalchemy as sa
import time_machine

from caseflow import clock, unit_of_work
from caseflow.extensions import db
from caseflow.models import Case, Deadline, MailOutbox, Signal
from caseflow.workflow.engine import assign, fire, start_case
from tests.offices import Office


def wmo_request(office: Office, *, handled: bool = True) -> Case:
    """A Wmo request received today; when handled, the consultant has taken it up, which ends
    the first-contact norm so only the legal decision term (2 weeks, warned 3 working days
    before) keeps running. Committed, as a request would, so every runner sees it."""
    case = start_case(
        "wmo_aanvraag",
        municipality=office.gemeente,
        actor=office.consulent,
        person=office.client,
        team=office.team,
    )
    if handled:
        assign(case, office.consulent, office.consulent)
        fire(case, "oppakken", office.consulent)
    unit_of_work.commit(keep_loaded=True)
    return case


def decision_term(case: Case) -> Deadline:
    db.session.refresh(case)
    return next(d for d in case.deadlines if d.code == "beschikking")


def go_to(travel: time_machine.Traveller, day: date) -> None:
    assert day >= clock.today(), "tests only move forward in time"
    travel.shift(timedelta(days=(day - clock.today()).days))


def all_signals() -> list[Signal]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Signal).order_by(Signal.id)))


def kinds(signals: list[Signal]) -> list[tuple[str, date]]:
    return [(s.kind, s.due_date) for s in signals]


def outbox() -> list[MailOutbox]:
    return list(db.session.scalars(sa.select(MailOutbox).order_by(MailOutbox.id)))
