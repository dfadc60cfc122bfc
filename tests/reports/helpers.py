"""A small office and its cases, built only through the engine on a frozen clock."""

from dataclasses import dataclass
from datetime import date, datetime

import time_machine

from caseflow.clock import LOCAL_TZ
from caseflow.extensions import db
from caseflow.models import Case, Municipality, Person, Role, Team, User
from caseflow.reports.base import ReportResult, Row
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import Factory


def at(travel: time_machine.Traveller, moment: str) -> None:
    """Freeze the clock at an Amsterdam wall-clock time, e.g. '2026-03-31 23:30'."""
    travel.move_to(datetime.fromisoformat(moment).replace(tzinfo=LOCAL_TZ))


@dataclass(frozen=True)
class Office:
    gemeente: Municipality
    team: Team
    client: Person
    anna: User  # consulent
    bram: User  # consulent
    manager: User


def make_office(factory: Factory, code: str = "maastricht", team_name: str | None = None) -> Office:
    gemeente = factory.municipality(code)
    team = factory.team([gemeente], name=team_name or f"Wmo {gemeente.name}")

    def consulent(name: str) -> User:
        user = factory.user(Role.CONSULENT, municipalities=[gemeente], teams=[team])
        user.full_name = name
        db.session.commit()
        return user

    return Office(
        gemeente=gemeente,
        team=team,
        client=factory.person(gemeente),
        anna=consulent(f"Anna ({gemeente.name})"),
        bram=consulent(f"Bram ({gemeente.name})"),
        manager=factory.user(Role.TEAMMANAGER, municipalities=[gemeente], teams=[team]),
    )


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
    fire(case, "besluiten", handler, {"resultaat": resultaat, "motivering": "Zie verslag."})


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
