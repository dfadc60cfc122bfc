"""The 7 days to hand in a personal plan are the client's term (Wmo 2015 art. 2.3.2 lid 2): the
Algemene termijnenwet moves it like any statutory term, but the college cannot be late on it, so
it is no part of tijdigheid and raises no escalation."""

from datetime import date

import sqlalchemy as sa
import time_machine

from caseflow.extensions import db
from caseflow.models import Signal, SignalKind
from caseflow.reports.registry import indicator
from caseflow.signals.scan import scan_deadlines
from caseflow.workflow.engine import assign, start_case
from tests.offices import Office
from tests.reports.helpers import at, report_filter

TIJDIGHEID = indicator("tijdigheid")


def test_the_personal_plan_term_moves_with_the_atw_but_is_not_the_colleges_lateness(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-04-20 10:00")  # a Monday; seven days on is King's Day
    melding = start_case(
        "wmo_melding",
        municipality=office.gemeente,
        actor=office.anna,
        person=office.client,
        team=office.team,
    )
    assign(melding, office.anna, office.anna)
    plan = next(d for d in melding.deadlines if d.code == "persoonlijk_plan")
    onderzoek = next(d for d in melding.deadlines if d.code == "onderzoek")
    assert plan.kind == "client" and plan.due_date == date(2026, 4, 28)

    at(travel, "2026-05-06 10:00")  # no plan came; the onderzoek has not started
    scan_deadlines()
    escalated = db.session.scalars(
        sa.select(Signal.deadline_id).where(
            Signal.case_id == melding.id, Signal.kind == SignalKind.ESCALATION
        )
    )
    assert plan.id not in set(escalated)
    result = TIJDIGHEID.run(report_filter("2026-05-06", "2026-04-01..2026-05-31"))
    # Only the college's onderzoek term is counted, and it is not late yet.
    assert (result.total.values["open_tijdig"], result.total.values["open_te_laat"]) == (1, 0)
    assert onderzoek.due_date > date(2026, 5, 6)
