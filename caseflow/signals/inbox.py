"""Who sees which signal, unread counts and marking signals as read."""

from collections.abc import Sequence
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.elements import ColumnElement

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import PlanReminder, Signal, SignalKind, Team, User
from caseflow.permissions import LEAD_TEAMS

PAGE_SIZE = 50


def addressed_to(user: User) -> ColumnElement[bool]:
    """A WHERE clause: the signals meant for `user`.

    Their own signals; signals of unassigned cases of their teams; for team managers also the
    escalations of their teams and the signals of cases that have no team yet. Only ever within
    the municipalities the user works for.
    """
    municipalities = [m.id for m in user.municipalities]
    teams = [t.id for t in user.teams]
    if not municipalities:
        return sa.false()
    clauses = [
        Signal.user_id == user.id,
        sa.and_(
            Signal.user_id.is_(None),
            Signal.kind != SignalKind.ESCALATION,
            Signal.team_id.in_(teams),
        ),
    ]
    if user.may(LEAD_TEAMS):
        clauses.append(sa.and_(Signal.kind == SignalKind.ESCALATION, Signal.team_id.in_(teams)))
        clauses.append(sa.and_(Signal.user_id.is_(None), Signal.team_id.is_(None)))
    return sa.and_(Signal.municipality_id.in_(municipalities), sa.or_(*clauses))


def of_team(user: User, team: Team) -> ColumnElement[bool]:
    """A WHERE clause: every signal of `team`'s cases, for a member of that team."""
    if not any(t.id == team.id for t in user.teams):
        return sa.false()
    municipalities = [m.id for m in user.municipalities]
    return sa.and_(Signal.team_id == team.id, Signal.municipality_id.in_(municipalities))


def unread_signal_count(user: User) -> int:
    """Unread signals and plan reminders meant for `user`: the number on the badge."""
    query = sa.select(sa.func.count(Signal.id)).where(addressed_to(user), Signal.read_at.is_(None))
    return (db.session.scalar(query) or 0) + unread_reminder_count(user)


def reminders_for(user: User) -> ColumnElement[bool]:
    """A WHERE clause: the plan reminders meant for `user`.

    Those of households they direct; reminders of their teams without a director; for team
    managers also reminders of plans that have neither director nor team. Only ever within the
    municipalities the user works for."""
    municipalities = [m.id for m in user.municipalities]
    teams = [t.id for t in user.teams]
    if not municipalities:
        return sa.false()
    clauses = [
        PlanReminder.user_id == user.id,
        sa.and_(PlanReminder.user_id.is_(None), PlanReminder.team_id.in_(teams)),
    ]
    if user.may(LEAD_TEAMS):
        clauses.append(sa.and_(PlanReminder.user_id.is_(None), PlanReminder.team_id.is_(None)))
    return sa.and_(PlanReminder.municipality_id.in_(municipalities), sa.or_(*clauses))


def reminders_of_team(user: User, team: Team) -> ColumnElement[bool]:
    """A WHERE clause: every plan reminder of `team`, for a member of that team."""
    if not any(t.id == team.id for t in user.teams):
        return sa.false()
    municipalities = [m.id for m in user.municipalities]
    return sa.and_(
        PlanReminder.team_id == team.id, PlanReminder.municipality_id.in_(municipalities)
    )


def unread_reminder_count(user: User) -> int:
    query = sa.select(sa.func.count(PlanReminder.id)).where(
        reminders_for(user), PlanReminder.read_at.is_(None)
    )
    return db.session.scalar(query) or 0


def unread_reminders(where: ColumnElement[bool]) -> Sequence[PlanReminder]:
    """Unread plan reminders matching `where`, the earliest date first (at most a page)."""
    return db.session.scalars(
        sa.select(PlanReminder)
        .options(joinedload(PlanReminder.plan), joinedload(PlanReminder.action))
        .where(where, PlanReminder.read_at.is_(None))
        .order_by(PlanReminder.due_date, PlanReminder.id)
        .limit(PAGE_SIZE)
    ).all()


def mark_reminders_read(user: User, where: ColumnElement[bool]) -> int:
    """Mark the unread plan reminders matching `where` that are meant for `user` as read."""
    result = _cursor(
        sa.update(PlanReminder)
        .where(where, reminders_for(user), PlanReminder.read_at.is_(None))
        .values(read_at=clock.now(), read_by_id=user.id)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)


def meant_for(user: User, signals: Sequence[Signal]) -> set[int]:
    """Which of `signals` are meant for `user` (and so theirs to mark as read)."""
    ids = [s.id for s in signals]
    if not ids:
        return set()
    query = sa.select(Signal.id).where(Signal.id.in_(ids), addressed_to(user))
    return set(db.session.scalars(query))


def page_of_signals(where: ColumnElement[bool], page: int = 1) -> tuple[Sequence[Signal], bool]:
    """Unread first, newest first; and whether a next page exists."""
    page = max(page, 1)
    rows = db.session.scalars(
        sa.select(Signal)
        .options(joinedload(Signal.case), joinedload(Signal.deadline))
        .where(where)
        .order_by(Signal.read_at.is_not(None), Signal.created_at.desc(), Signal.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    ).all()
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def mark_read(user: User, where: ColumnElement[bool]) -> int:
    """Mark the unread signals matching `where` that are meant for `user` as read by `user`.

    Seeing a colleague's signal in the team list does not make it yours to dismiss."""
    result = _cursor(
        sa.update(Signal)
        .where(where, addressed_to(user), Signal.read_at.is_(None))
        .values(read_at=clock.now(), read_by_id=user.id)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)


def _cursor(statement: sa.Executable) -> sa.CursorResult[Any]:
    return cast(sa.CursorResult[Any], db.session.execute(statement))
