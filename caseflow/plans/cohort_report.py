"""The cohort report: how many households, their running provisions and providers when they
joined and now, the change of their self-reliance per life domain, and the budget used.

There is no provision register yet, so "provisions" are the plan's running actions (not begun or
in progress) and "providers" who carry them out (a team, a partner, a colleague, the household).
At the day a household joined they are read from the plan's version of that day, so later
changes do not rewrite the start. Every total is the sum of the per-household lines shown with
it; the life domains are the effect indicators over the cohort's plans, with their own
drill-down. A cohort is a few dozen households: the lines are made per household.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Cohort, CohortHousehold, HouseholdPlan, PlanVersion
from caseflow.models.plans import ACTION_STATES, OPEN_ACTION_STATES
from caseflow.plans.effects import DomainEffect, EffectFilter, effects
from caseflow.reports.periods import Period, local_midnight_utc
from caseflow.scope.queries import unscoped
from caseflow.scope.reports import ReportScope

RUNNING_LABELS = frozenset(ACTION_STATES[s] for s in OPEN_ACTION_STATES)


def money(cents: int) -> str:
    """€ 2.500,00"""
    whole, rest = divmod(cents, 100)
    return f"€ {whole:,}".replace(",", ".") + f",{rest:02d}"


@dataclass(frozen=True)
class Provisions:
    running: int
    providers: int


@dataclass(frozen=True)
class HouseholdLine:
    member: CohortHousehold
    plan: HouseholdPlan | None
    at_start: Provisions
    now: Provisions

    @property
    def budget_cents(self) -> int:
        return self.member.budget_cents

    @property
    def spent_cents(self) -> int:
        return self.member.spent_cents


@dataclass(frozen=True)
class CohortReport:
    cohort: Cohort
    lines: list[HouseholdLine]
    domains: list[DomainEffect]

    @property
    def households(self) -> int:
        return len(self.lines)

    def total(self, moment: str, what: str) -> int:
        return sum(getattr(getattr(line, moment), what) for line in self.lines)

    def per_household(self, moment: str, what: str) -> float | None:
        return self.total(moment, what) / self.households if self.lines else None

    @property
    def budget_cents(self) -> int:
        return sum(line.budget_cents for line in self.lines)

    @property
    def spent_cents(self) -> int:
        return sum(line.spent_cents for line in self.lines)

    @property
    def used_percent(self) -> float | None:
        return 100 * self.spent_cents / self.budget_cents if self.budget_cents else None


def _plan_on(household_id: int, day: date) -> HouseholdPlan | None:
    """The household's plan as it ran at the end of `day`: the latest started by then."""
    return db.session.scalar(
        sa.select(HouseholdPlan)
        .where(
            HouseholdPlan.household_id == household_id,
            HouseholdPlan.created_at < local_midnight_utc(day + timedelta(days=1)),
        )
        .order_by(HouseholdPlan.created_at.desc(), HouseholdPlan.id.desc())
        .limit(1)
    )


def _at_start(household_id: int, day: date) -> Provisions:
    plan = _plan_on(household_id, day)
    if plan is None:
        return Provisions(0, 0)
    version = db.session.scalar(
        sa.select(PlanVersion)
        .where(
            PlanVersion.plan_id == plan.id,
            PlanVersion.created_at < local_midnight_utc(day + timedelta(days=1)),
        )
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )
    actions: list[dict[str, Any]] = (version.snapshot or {}).get("acties", []) if version else []
    running = [a for a in actions if a.get("stand") in RUNNING_LABELS]
    return Provisions(len(running), len({a.get("wie") for a in running}))


def _now(plan: HouseholdPlan | None) -> Provisions:
    if plan is None or not plan.is_active:
        return Provisions(0, 0)
    running = [a for a in plan.actions if a.is_open]
    return Provisions(len(running), len({a.owner_label() for a in running}))


def cohort_report(cohort: Cohort, scope: ReportScope, today: date) -> CohortReport:
    """The report of `cohort` for a reader of its municipality (checked by the caller)."""
    members = [m for m in cohort.households if m.ended_on is None or m.ended_on >= today]
    # The report's own scope is the cohort's municipality: a plan's owners (a case of another
    # team, a partner) are named as they are, not as the reader's case scope would show them.
    with unscoped():
        lines = [
            HouseholdLine(
                member=m,
                plan=(plan := _plan_on(m.household_id, today)),
                at_start=_at_start(m.household_id, m.started_on),
                now=_now(plan),
            )
            for m in members
        ]
    chosen = EffectFilter(Period.everything(), household_ids=tuple(m.household_id for m in members))
    return CohortReport(cohort, lines, effects(scope, chosen) if members else [])
