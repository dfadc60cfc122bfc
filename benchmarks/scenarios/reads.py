"""Server time of the worklist pages, the team manager dashboard and the tijdigheid report.

Pages are requested with Flask's test client as a logged-in user (the full view: queries,
template, response), so the numbers are server time without the network. Each request gets its
own app context, as under a real server: callers must not hold one open. The tijdigheid report
is timed by calling its public indicator the way the report page does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Flask

from benchmarks.common import Stopwatch, latency_summary, session_user_id
from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, Role, Team, User, UserRole
from caseflow.models.organisation import team_members


@dataclass(frozen=True)
class Who:
    consultant_id: int
    consultant_open: int
    team_id: int
    team_open: int
    manager_id: int


def pick_users(app: Flask) -> Who:
    """The consultant with the most open cases, and the team with the most open cases."""
    with app.app_context():
        return _pick_users()


def _pick_users() -> Who:
    consultant_id, consultant_open = db.session.execute(
        sa.select(Case.assignee_id, sa.func.count())
        .where(Case.closed_at.is_(None), Case.assignee_id.is_not(None))
        .group_by(Case.assignee_id)
        .order_by(sa.func.count().desc())
        .limit(1)
    ).one()
    team_id, team_open = db.session.execute(
        sa.select(Case.team_id, sa.func.count())
        .where(Case.closed_at.is_(None), Case.team_id.is_not(None))
        .group_by(Case.team_id)
        .order_by(sa.func.count().desc())
        .limit(1)
    ).one()
    manager_id = db.session.scalars(
        sa.select(User.id)
        .join(team_members, team_members.c.user_id == User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(team_members.c.team_id == team_id, UserRole.role == Role.TEAMMANAGER)
    ).first()
    assert manager_id is not None and consultant_id is not None and team_id is not None
    db.session.rollback()
    return Who(consultant_id, consultant_open, team_id, team_open, manager_id)


def page_timing(app: Flask, user_id: int, path: str, watch: Stopwatch) -> dict[str, Any]:
    client = app.test_client()
    login = session_user_id(app, user_id)
    with client.session_transaction() as session:
        session["_user_id"] = login
        session["_fresh"] = True
    response = client.get(path)
    if response.status_code != 200:
        return {"failed": f"GET {path} answered {response.status_code}"}
    size = len(response.data)
    watch.restart()
    while watch.running():
        with watch.sample():
            response = client.get(path)
        assert response.status_code == 200
    return {"path": path, "bytes": size, **latency_summary(watch.samples)}


def worklist_pages(app: Flask, who: Who, count: int, seconds: float) -> dict[str, Any]:
    mine = page_timing(app, who.consultant_id, "/", Stopwatch(count, seconds))
    team = page_timing(app, who.manager_id, f"/team?team={who.team_id}", Stopwatch(count, seconds))
    return {
        "method": "Flask test client, logged in, full page",
        "consultant": {"user_id": who.consultant_id, "open_cases": who.consultant_open, **mine},
        "team": {"team_id": who.team_id, "open_cases": who.team_open, **team},
    }


def worklist_queries(app: Flask, who: Who, count: int, seconds: float) -> dict[str, Any]:
    """The two query functions alone, without the template: what the database part costs."""
    with app.app_context():
        return _worklist_queries(who, count, seconds)


def _worklist_queries(who: Who, count: int, seconds: float) -> dict[str, Any]:
    from caseflow.worklist import Filters, my_worklist, team_worklist

    def timed(call: Callable[[], object]) -> dict[str, Any]:
        watch = Stopwatch(count, seconds)
        while watch.running():
            with watch.sample():
                call()
            db.session.rollback()
        return latency_summary(watch.samples)

    consultant = db.session.get(User, who.consultant_id)
    manager = db.session.get(User, who.manager_id)
    team = db.session.get(Team, who.team_id)
    assert consultant is not None and manager is not None and team is not None
    return {
        "method": "caseflow.worklist.my_worklist / team_worklist, page 1",
        "my_worklist": timed(lambda: my_worklist(consultant, Filters())),
        "team_worklist": timed(lambda: team_worklist(manager, team, Filters())),
    }


def dashboard_page(app: Flask, who: Who, count: int, seconds: float) -> dict[str, Any]:
    result = page_timing(app, who.manager_id, "/rapportages/", Stopwatch(count, seconds))
    return {"method": "Flask test client as the team's manager", **result}


def tijdigheid(app: Flask, who: Who, count: int, seconds: float) -> dict[str, Any]:
    """The tijdigheid indicator for the team manager's scope and for whole municipalities."""
    with app.app_context():
        return _tijdigheid(who, count, seconds)


def _tijdigheid(who: Who, count: int, seconds: float) -> dict[str, Any]:
    try:
        from caseflow.reports.filters import ReportFilter
        from caseflow.reports.periods import Period
        from caseflow.reports.registry import indicator
        from caseflow.scope.reports import scope_for
    except ImportError as exc:
        return {"skipped": f"caseflow.reports is not importable yet ({exc})"}
    manager = db.session.get(User, who.manager_id)
    assert manager is not None
    report = indicator("tijdigheid")
    today = clock.today()
    # The report page opens on the current month; "everything" is the worst case there is.
    month = Period.month(today.year, today.month)
    municipalities = tuple(m.id for m in manager.municipalities)
    manager_filter = scope_for(manager).apply(ReportFilter(today=today, period=month))
    month_filter = ReportFilter(today=today, period=month, municipality_ids=municipalities)
    all_time = ReportFilter(today=today, municipality_ids=municipalities)
    results: dict[str, Any] = {"method": "caseflow.reports indicator('tijdigheid').run"}
    for label, report_filter, group in (
        ("team_manager", manager_filter, ["zaaktype"]),
        ("municipalities", month_filter, ["gemeente", "zaaktype"]),
        ("municipalities_all_time", all_time, ["gemeente", "zaaktype"]),
    ):
        watch = Stopwatch(count, seconds)
        while watch.running():
            with watch.sample():
                outcome = report.run(report_filter, group)
            db.session.rollback()
        results[label] = {
            "period": report_filter.period.label,
            "group_by": group,
            "deadlines_counted": sum(
                int(v or 0) for k, v in outcome.total.values.items() if k != "percentage_tijdig"
            ),
            **latency_summary(watch.samples),
        }
    return results


def register_stands(app: Flask, who: Who, count: int, seconds: float) -> dict[str, Any]:
    """The registers' reports as the MER table and the municipal report ask them: provisions per
    kind and benefits per scheme today, the year-end stand of hulp bij het huishouden over four
    years, for the manager's region and for every municipality; and this year's flows, ratios
    and herindicaties for the region."""
    with app.app_context():
        return _register_stands(who, count, seconds)


def _register_stands(who: Who, count: int, seconds: float) -> dict[str, Any]:
    from datetime import date

    from caseflow.reports.filters import ReportFilter
    from caseflow.reports.periods import Period
    from caseflow.reports.registry import indicator

    manager = db.session.get(User, who.manager_id)
    assert manager is not None
    today = clock.today()
    year = Period.custom(date(today.year, 1, 1), today)
    four_years = Period.custom(date(today.year - 3, 1, 1), today)
    region = tuple(m.id for m in manager.municipalities)
    results: dict[str, Any] = {"method": "caseflow.reports indicator(...).run"}
    for label, code, period, group, places in (
        ("provisions_per_kind", "voorzieningen", year, [], region),
        ("benefits_per_scheme", "uitkeringen", year, ["zaaktype"], region),
        ("household_help_per_year", "voorzieningen_hbh", four_years, ["jaar"], region),
        ("provisions_per_kind_everywhere", "voorzieningen", year, ["gemeente"], None),
        ("provision_flow", "voorzieningen_verloop", year, [], region),
        ("benefit_flow", "uitkeringen_verloop", year, ["zaaktype"], region),
        ("per_1000_inhabitants", "per_1000_inwoners", year, ["gemeente"], region),
        ("preventiequote", "preventiequote", year, ["zaaktype"], region),
        ("herindicaties_on_time", "herindicaties_op_tijd", year, [], region),
    ):
        report = indicator(code)
        report_filter = ReportFilter(today=today, period=period, municipality_ids=places)
        watch = Stopwatch(count, seconds)
        while watch.running():
            with watch.sample():
                outcome = report.run(report_filter, group)
            db.session.rollback()
        # The first number each report counts (running, new, applications, ending).
        first = getattr(report, "counted", ("lopend",))[0]
        results[label] = {
            "indicator": code,
            "period": period.label,
            "group_by": group,
            "counted": outcome.total.values[first],
            "counted_measure": first,
            **latency_summary(watch.samples),
        }
    return results
