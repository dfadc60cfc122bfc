"""Wmo cases for the reports, built only through the engine on a frozen clock, and their results."""

from datetime import date, datetime

import time_machine

from caseflow.clock import LOCAL_TZ
from caseflow.extensions import db
from caseflow.models import Case, Team, User
from caseflow.reports.base import ReportResult, Row
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import granted
from tests.letters.helpers import send_drafted
from tests.offices import Office


def at(travel: time_machine.Traveller, moment: str) -> None:
    """Freeze the clock at an Amsterdam wall-clock time, e.g. '2026-03-31 23:30'."""
    travel.move_to(datetime.fromisoformat(moment).replace(tzinfo=LOCAL_TZ))


def wmo(office: Office, handler: User | None = None, team: Team | None = None) -> Case:
    """A Wmo-aanvraag received now; `handler` (default Anna) claims it."""
    handler = handler or office.anna
    case = start_case(
        "wmo_aanvraag",
        municipality=office.gemeente,
        actor=handler,
        person=office.client,
        team=team or office.team,
    )
    assign(case, handler, handler)
    return case


def take_up(case: Case) -> None:
    handler = case.assignee
    assert handler is not None
    fire(case, "oppakken", handler)
    fire(case, "verslag_vastleggen", handler, {"verslag": "Keukentafelgesprek gevoerd."})


def decide(case: Case, resultaat: str = "toegekend") -> None:
    """Decide now; takes the case up first when that has not happened yet."""
    handler = case.assignee
    assert handler is not None
    if case.state == "ontvangen":
        take_up(case)
    data = {"resultaat": resultaat, "motivering": "Zie verslag.", **granted(case, resultaat)}
    fire(case, "besluiten", handler, data)


def ask_completion(case: Case, until: str) -> None:
    handler = case.assignee
    assert handler is not None
    if case.state == "ontvangen":
        take_up(case)
    fire(
        case,
        "vraag_aanvulling",
        handler,
        {"reden": "Stukken ontbreken.", "hersteltermijn_tot": until},
    )
    # The term stands still from the day after the request is sent: sent the same day.
    send_drafted(case, handler, "verzoek_om_aanvulling")


def completed(case: Case) -> None:
    handler = case.assignee
    assert handler is not None
    fire(case, "aanvulling_ontvangen", handler)


def report_filter(today: str, period: str = "", **extra: object) -> ReportFilter:
    return ReportFilter(today=date.fromisoformat(today), period=Period.parse(period), **extra)  # type: ignore[arg-type]


def drill_count(result: ReportResult, measure: str, row: Row | None = None) -> int:
    """How many rows the drill-down list behind one number has."""
    keys = dict(zip(result.group_by, row.keys, strict=True)) if row is not None else {}
    query = result.indicator.cases(result.report_filter, measure, keys)
    return len(db.session.execute(query).all())


def assert_drill_downs_match(result: ReportResult) -> None:
    """Every count in the table, and in its total, opens a list of exactly that length."""
    for measure in result.indicator.measures:
        if not measure.drill:
            continue
        assert drill_count(result, measure.key) == result.total.values[measure.key], measure.key
        for row in result.rows:
            assert drill_count(result, measure.key, row) == row.values[measure.key], (
                measure.key,
                row.labels,
            )


def table(result: ReportResult) -> dict[tuple[str, ...], dict[str, object]]:
    """The rows of a result by their labels, for readable expectations."""
    return {row.labels: dict(row.values) for row in result.rows}
