"""Regie at a glance: a director's households, and for the team manager "regie op regie"."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from caseflow.extensions import db
from caseflow.models import (
    Case,
    CaseEvent,
    Household,
    HouseholdDirector,
    HouseholdPlan,
    PlanAction,
    User,
)
from caseflow.models.plans import OPEN_ACTION_STATES
from caseflow.plans.directors import INTEGRAL_CASE_TYPES
from caseflow.scope import case_scope, team_ids
from caseflow.workflow.registry import registry

LIMIT = 200


@dataclass(frozen=True)
class DirectedHousehold:
    household: Household
    since: date
    plan: HouseholdPlan | None
    overdue_actions: int
    open_actions: int


@dataclass(frozen=True)
class StuckPlan:
    plan: HouseholdPlan
    reason: str | None
    escalated_at: object


def _actions(today: date | None) -> sa.ScalarSelect[int]:
    """Open actions of the plan in the outer query; with `today`, only the overdue ones."""
    query = sa.select(sa.func.count(PlanAction.id)).where(
        PlanAction.plan_id == HouseholdPlan.id, PlanAction.state.in_(OPEN_ACTION_STATES)
    )
    if today is not None:
        query = query.where(PlanAction.due_on < today)
    return query.scalar_subquery()


def _active_plan_join() -> sa.ColumnElement[bool]:
    return sa.and_(
        HouseholdPlan.household_id == HouseholdDirector.household_id,
        HouseholdPlan.ended_at.is_(None),
    )


def directed_by(user: User, today: date) -> list[DirectedHousehold]:
    """The households `user` directs now, the next evaluation first."""
    rows = db.session.execute(
        sa.select(
            HouseholdDirector,
            HouseholdPlan,
            _actions(today),
            _actions(None),
        )
        .join(Household, Household.id == HouseholdDirector.household_id)
        .outerjoin(HouseholdPlan, _active_plan_join())
        .where(HouseholdDirector.director_id == user.id, HouseholdDirector.ended_at.is_(None))
        .options(selectinload(HouseholdDirector.household))
        .order_by(
            HouseholdPlan.next_evaluation_on.is_(None),
            HouseholdPlan.next_evaluation_on,
            Household.name,
        )
        .limit(LIMIT)
    )
    return [
        DirectedHousehold(
            household=row.household,
            since=row.started_at.date(),
            plan=plan,
            overdue_actions=overdue or 0,
            open_actions=open_ or 0,
        )
        for row, plan, overdue, open_ in rows
    ]


def _visible_plans(user: User) -> sa.Select[HouseholdPlan]:
    return (
        sa.select(HouseholdPlan)
        .join(Case, Case.id == HouseholdPlan.case_id)
        .where(HouseholdPlan.ended_at.is_(None), case_scope(user))
        .options(selectinload(HouseholdPlan.household), selectinload(HouseholdPlan.case))
    )


def late_evaluations(user: User, today: date) -> list[HouseholdPlan]:
    """Running plans whose planned evaluation date has passed."""
    return list(
        db.session.scalars(
            _visible_plans(user)
            .where(HouseholdPlan.next_evaluation_on < today)
            .order_by(HouseholdPlan.next_evaluation_on)
            .limit(LIMIT)
        )
    )


def stuck_plans(user: User) -> list[StuckPlan]:
    """Plans escalated to the team manager, the longest waiting first, with the reason given."""
    earlier = aliased(CaseEvent)
    last_escalation = (
        sa.select(sa.func.max(earlier.id))
        .where(earlier.case_id == Case.id, earlier.trigger == "escaleren")
        .scalar_subquery()
    )
    rows = db.session.execute(
        _visible_plans(user)
        .add_columns(CaseEvent.reason, CaseEvent.occurred_at)
        .outerjoin(CaseEvent, CaseEvent.id == last_escalation)
        .where(Case.state.in_(registry().get("gezinsplan").tagged("escalated")))
        .order_by(Case.state_entered_at)
        .limit(LIMIT)
    )
    return [StuckPlan(plan, reason, at) for plan, reason, at in rows]


def without_director(user: User) -> list[tuple[Household, Case]]:
    """Households past triage, with an open integral case, that nobody directs now."""
    directed = (
        sa.select(HouseholdDirector.id)
        .where(
            HouseholdDirector.household_id == Case.household_id,
            HouseholdDirector.ended_at.is_(None),
        )
        .exists()
    )
    first_case = (
        sa.select(sa.func.min(Case.id).label("case_id"))
        .where(
            Case.case_type.in_(INTEGRAL_CASE_TYPES),
            Case.closed_at.is_(None),
            Case.state.not_in(registry().get("gebiedsteam").tagged("triage")),
            Case.household_id.is_not(None),
            ~directed,
            case_scope(user),
        )
        .group_by(Case.household_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(Household, Case)
        .join(Case, Case.household_id == Household.id)
        .join(first_case, first_case.c.case_id == Case.id)
        .order_by(Case.last_event_at)
        .limit(LIMIT)
    )
    return [(household, case) for household, case in rows]


def director_load(user: User) -> list[tuple[User, int]]:
    """Households per director in the team manager's teams."""
    rows = db.session.execute(
        sa.select(User, sa.func.count(HouseholdDirector.id))
        .join(HouseholdDirector, HouseholdDirector.director_id == User.id)
        .where(HouseholdDirector.ended_at.is_(None), HouseholdDirector.team_id.in_(team_ids(user)))
        .group_by(User.id)
        .order_by(sa.func.count(HouseholdDirector.id).desc(), User.full_name)
    )
    return [(director, count) for director, count in rows]
