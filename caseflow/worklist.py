"""Werkvoorraad queries: open cases by nearest deadline, paginated, and caseload per consultant."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from caseflow import clock
from caseflow.deadlines import working_days_between
from caseflow.extensions import db
from caseflow.models import Case, Deadline, DeadlineStatus, Team, User
from caseflow.permissions import HANDLE_CASES
from caseflow.scope import case_scope
from caseflow.workflow.registry import registry

PAGE_SIZE = 25


@dataclass(frozen=True)
class Filters:
    municipality_id: int | None = None
    case_type: str | None = None
    state: str | None = None
    page: int = 1


@dataclass(frozen=True)
class Light:
    code: str  # overdue | soon | ok | suspended | none
    label: str
    days_left: int | None


@dataclass(frozen=True)
class Row:
    case: Case
    due: date | None
    light: Light


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    total: int
    page: int
    pages: int


def _nearest_running_due() -> sa.Label[date]:
    """The nearest due date of the case's running deadlines, looked up per case by index.

    Correlated rather than grouped: the cost follows the list's own cases, not every running
    deadline of the organisation.
    """
    return (
        sa.select(sa.func.min(Deadline.due_date))
        .where(Deadline.case_id == Case.id, Deadline.status == DeadlineStatus.RUNNING)
        .correlate(Case)
        .scalar_subquery()
        .label("due")
    )


def _paginate(base: sa.Select[int], filters: Filters) -> Page:
    if filters.municipality_id:
        base = base.where(Case.municipality_id == filters.municipality_id)
    if filters.case_type:
        base = base.where(Case.case_type == filters.case_type)
    if filters.state:
        base = base.where(Case.state == filters.state)
    page = max(1, filters.page)
    rows, total = _page_rows(base, page)
    if total is None and page > 1:
        # Past the last page: count, and show the last page there is.
        total = db.session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
        page = _pages(total)
        rows, _ = _page_rows(base, page)
    total = total or 0
    return Page(rows, total, page, _pages(total))


def _pages(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def _page_rows(base: sa.Select[int], page: int) -> tuple[list[Row], int | None]:
    """The rows of one page and the number of cases of the whole list (None: the page is
    empty). The page's 25 cases are chosen on their ids and dates alone, counting the list in
    the same pass; only those 25 are loaded whole."""
    due = _nearest_running_due()
    chosen = (
        base.add_columns(due, sa.func.count().over().label("total"))
        .order_by(due.asc().nulls_last(), Case.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .subquery()
    )
    query = (
        sa.select(Case, chosen.c.due, chosen.c.total)
        .join(chosen, chosen.c.id == Case.id)
        .options(
            selectinload(Case.deadlines),
            # One row each: joined into the page's own query rather than a query apiece.
            joinedload(Case.person),
            # The row's safety flag reads the intake's safety concern.
            joinedload(Case.intake),
            joinedload(Case.municipality),
            joinedload(Case.assignee),
        )
        .order_by(chosen.c.due.asc().nulls_last(), Case.id)
    )
    today = clock.today()
    found = db.session.execute(query).all()
    rows = [Row(case, due_date, light_for(case, due_date, today)) for case, due_date, _ in found]
    return rows, (found[0][2] if found else None)


def my_worklist(user: User, filters: Filters) -> Page:
    base = sa.select(Case.id).where(
        Case.assignee_id == user.id, Case.closed_at.is_(None), case_scope(user)
    )
    return _paginate(base, filters)


def team_worklist(user: User, team: Team, filters: Filters, unassigned_only: bool = False) -> Page:
    base = sa.select(Case.id).where(
        Case.team_id == team.id, Case.closed_at.is_(None), case_scope(user)
    )
    if unassigned_only:
        base = base.where(Case.assignee_id.is_(None))
    return _paginate(base, filters)


def light_for(case: Case, due: date | None, today: date) -> Light:
    """Light of the nearest running deadline: overdue, inside its warning window, or on track."""
    if due is None:
        if any(d.status == DeadlineStatus.SUSPENDED for d in case.deadlines):
            return Light("suspended", "Opgeschort", None)
        return Light("none", "Geen lopende termijn", None)
    days_left = (due - today).days
    if days_left < 0:
        return Light("overdue", "Termijn verstreken", days_left)
    workflow = registry().get(case.case_type).for_municipality(case.municipality.code)
    window = max(
        (
            workflow.deadlines[d.code].warning_working_days
            for d in case.deadlines
            if d.status == DeadlineStatus.RUNNING
            and d.due_date == due
            and d.code in workflow.deadlines
        ),
        default=5,
    )
    if working_days_between(today, due) <= window:
        return Light("soon", "Termijn nadert", days_left)
    return Light("ok", "Op schema", days_left)


@dataclass(frozen=True)
class Caseload:
    user: User
    open_cases: int
    overdue: int


def caseload(team: Team) -> list[Caseload]:
    """Open and overdue cases per member of `team` (handlers only), in one aggregate query."""
    today = clock.today()
    overdue_case = (
        sa.select(Deadline.id)
        .where(
            Deadline.case_id == Case.id,
            Deadline.status == DeadlineStatus.RUNNING,
            Deadline.due_date < today,
        )
        .exists()
    )
    counts = dict(
        (user_id, (open_count, overdue))
        for user_id, open_count, overdue in db.session.execute(
            sa.select(
                Case.assignee_id,
                sa.func.count(Case.id),
                sa.func.count(Case.id).filter(overdue_case),
            )
            .where(Case.team_id == team.id, Case.closed_at.is_(None))
            .group_by(Case.assignee_id)
        )
    )
    members = db.session.scalars(
        sa.select(User)
        .where(User.teams.any(Team.id == team.id))
        .options(selectinload(User.role_rows))
        .order_by(User.full_name, User.id)
    )
    handlers = [m for m in members if m.may(HANDLE_CASES)]
    return [Caseload(u, *counts.get(u.id, (0, 0))) for u in handlers]
