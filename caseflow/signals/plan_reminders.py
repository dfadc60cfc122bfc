"""Plan reminders: set-based inserts for evaluations coming up or missed and overdue actions."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Insert, Select

from caseflow import clock
from caseflow.deadlines.app_calendar import holiday_calendar
from caseflow.deadlines.calendar import add_working_days
from caseflow.extensions import db
from caseflow.models import Case, HouseholdDirector, HouseholdPlan, PlanAction, PlanReminder
from caseflow.models.base import UTCDateTime
from caseflow.models.plan_reminders import PlanReminderKind
from caseflow.models.plans import OPEN_ACTION_STATES
from caseflow.unit_of_work import unit_of_work

Candidates = Select[*tuple[Any, ...]]
SOON_WORKING_DAYS = 5
COLUMNS = (
    "kind",
    "plan_id",
    "action_id",
    "due_date",
    "user_id",
    "team_id",
    "municipality_id",
    "created_at",
)


def scan_plan_reminders(today: date | None = None) -> int:
    """Insert every reminder today's active plans call for that does not exist yet.

    One INSERT ... SELECT per kind, each its own transaction; reruns add nothing, and a moved
    evaluation or due date (part of what makes a reminder unique) reminds again."""
    today = today or clock.today()
    now = clock.now()
    soon_until = add_working_days(today, SOON_WORKING_DAYS, holiday_calendar())
    total = 0
    for kind in PlanReminderKind:
        with unit_of_work():
            statement = _insert_missing(_candidates(kind, today, soon_until, now))
            total += len(list(db.session.scalars(statement.returning(PlanReminder.id))))
    return total


def _candidates(kind: PlanReminderKind, today: date, soon_until: date, now: datetime) -> Candidates:
    director = aliased(HouseholdDirector)
    if kind == PlanReminderKind.ACTION_OVERDUE:
        action_id: Any = PlanAction.id
        due: Any = PlanAction.due_on
    else:
        action_id = sa.null()
        due = HouseholdPlan.next_evaluation_on
    already = (
        sa.select(PlanReminder.id)
        .where(
            PlanReminder.plan_id == HouseholdPlan.id,
            PlanReminder.kind == kind.value,
            PlanReminder.due_date == due,
            PlanReminder.action_id == PlanAction.id
            if kind == PlanReminderKind.ACTION_OVERDUE
            else PlanReminder.action_id.is_(None),
        )
        .exists()
    )
    query = (
        sa.select(
            sa.literal(kind.value, sa.String()),
            HouseholdPlan.id,
            action_id,
            due,
            director.director_id,
            director.team_id,
            Case.municipality_id,
            sa.literal(now, UTCDateTime()),
        )
        .select_from(HouseholdPlan)
        .join(Case, Case.id == HouseholdPlan.case_id)
        .outerjoin(
            director,
            sa.and_(
                director.household_id == HouseholdPlan.household_id,
                director.ended_at.is_(None),
            ),
        )
        .where(HouseholdPlan.ended_at.is_(None))
    )
    if kind == PlanReminderKind.EVALUATION_SOON:
        query = query.where(
            HouseholdPlan.next_evaluation_on >= today,
            HouseholdPlan.next_evaluation_on <= soon_until,
        )
    elif kind == PlanReminderKind.EVALUATION_MISSED:
        query = query.where(HouseholdPlan.next_evaluation_on < today)
    else:
        query = query.join(PlanAction, PlanAction.plan_id == HouseholdPlan.id).where(
            PlanAction.state.in_(OPEN_ACTION_STATES), PlanAction.due_on < today
        )
    return query.where(~already)


def _insert_missing(candidates: Candidates) -> Insert:
    """INSERT ... SELECT that quietly skips rows a concurrent runner inserted first (either
    partial unique index)."""
    table = PlanReminder.__table__
    assert isinstance(table, sa.Table)
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table).from_select(COLUMNS, candidates).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(table).from_select(COLUMNS, candidates).on_conflict_do_nothing()
    return sa.insert(table).from_select(COLUMNS, candidates)
