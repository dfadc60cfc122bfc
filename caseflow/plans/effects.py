"""Effect indicators: how the self-reliance of households with a plan changes, per life domain,
between the intake (the front door's scan), the start of the plan (a goal's start score) and the
latest evaluation (its current score), for the plans started in a period, per team.

One population query feeds both the figures and the list of goals behind each figure, so a
number and its drill-down always agree. Reports read past the case scope with their own
(caseflow.scope.reports): municipalities, and for a team manager their teams.
"""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from caseflow.extensions import db
from caseflow.models import LIFE_DOMAINS, Case, HouseholdPlan, Intake, PlanGoal, PlanScore, Team
from caseflow.reports.periods import Period
from caseflow.scope.queries import UNSCOPED
from caseflow.scope.reports import ReportScope


class score_of(FunctionElement[int]):
    """An intake's score (`domain_scores`, a JSON object) for the life domain in another column."""

    inherit_cache = True
    type = sa.Integer()


@compiles(score_of, "sqlite")
def _score_sqlite(element: score_of, compiler: SQLCompiler, **kw: Any) -> str:
    scores, domain = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST(json_extract({scores}, '$.' || {domain}) AS INTEGER)"


@compiles(score_of)
def _score_default(element: score_of, compiler: SQLCompiler, **kw: Any) -> str:
    scores, domain = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST(({scores} ->> {domain}) AS INTEGER)"


@dataclass(frozen=True)
class EffectFilter:
    period: Period
    team_id: int | None = None
    municipality_id: int | None = None
    household_ids: tuple[int, ...] | None = None  # a cohort's households


@dataclass(frozen=True)
class DomainEffect:
    """The figures of one life domain over the goals on it."""

    domain: str
    goals: int
    intake_scored: int  # goals whose household's intake scored this domain
    intake_average: float | None
    start_average: float | None
    evaluated: int  # goals re-scored in at least one evaluation
    evaluated_start_average: float | None
    evaluated_average: float | None

    @property
    def label(self) -> str:
        return LIFE_DOMAINS.get(self.domain, self.domain)

    @property
    def change(self) -> float | None:
        """Average change from the start of the plan to the latest evaluation."""
        if self.evaluated_average is None or self.evaluated_start_average is None:
            return None
        return self.evaluated_average - self.evaluated_start_average


@dataclass(frozen=True)
class GoalRow:
    """One goal behind a figure."""

    plan_id: int
    case: Case
    team: str | None
    intake_score: int | None
    start_score: int
    current_score: int
    evaluated: bool

    @property
    def reference(self) -> str:
        return self.case.reference


def _population(scope: ReportScope, chosen: EffectFilter) -> sa.Select[int]:
    """The goals of the plans started in the period, within the reader's scope."""
    query = (
        sa.select(PlanGoal.id)
        .join(HouseholdPlan, HouseholdPlan.id == PlanGoal.plan_id)
        .join(Case, Case.id == HouseholdPlan.case_id)
        .where(Case.municipality_id.in_(scope.municipality_ids))
    )
    if scope.team_ids is not None:
        query = query.where(Case.team_id.in_(scope.team_ids))
    if chosen.team_id is not None:
        query = query.where(Case.team_id == chosen.team_id)
    if chosen.municipality_id is not None:
        query = query.where(Case.municipality_id == chosen.municipality_id)
    if chosen.household_ids is not None:
        query = query.where(HouseholdPlan.household_id.in_(chosen.household_ids))
    if (start := chosen.period.utc_start) is not None:
        query = query.where(HouseholdPlan.created_at >= start)
    if (end := chosen.period.utc_end) is not None:
        query = query.where(HouseholdPlan.created_at < end)
    return query


def _columns() -> tuple[sa.ColumnElement[int], sa.ColumnElement[bool]]:
    intake_score: sa.ColumnElement[int] = score_of(Intake.domain_scores, PlanGoal.life_domain)
    evaluated = sa.select(PlanScore.goal_id).where(PlanScore.goal_id == PlanGoal.id).exists()
    return intake_score, evaluated


def effects(scope: ReportScope, chosen: EffectFilter) -> list[DomainEffect]:
    """One row per life domain that has goals, in the order of the self-reliance matrix."""
    intake_score, evaluated = _columns()
    on_evaluated = sa.case((evaluated, PlanGoal.start_score))
    now_evaluated = sa.case((evaluated, PlanGoal.current_score))
    rows = db.session.execute(
        sa.select(
            PlanGoal.life_domain,
            sa.func.count(PlanGoal.id),
            sa.func.count(intake_score),
            sa.func.avg(intake_score),
            sa.func.avg(PlanGoal.start_score),
            sa.func.count(on_evaluated),
            sa.func.avg(on_evaluated),
            sa.func.avg(now_evaluated),
        )
        .join(HouseholdPlan, HouseholdPlan.id == PlanGoal.plan_id)
        .join(Case, Case.id == HouseholdPlan.case_id)
        .outerjoin(Intake, Intake.id == Case.intake_id)
        .where(PlanGoal.id.in_(_population(scope, chosen)))
        .group_by(PlanGoal.life_domain)
        .execution_options(**UNSCOPED)
    ).all()
    found = {
        domain: DomainEffect(
            domain=domain,
            goals=int(goals),
            intake_scored=int(scored),
            intake_average=_float(intake),
            start_average=_float(start),
            evaluated=int(evaluated_count),
            evaluated_start_average=_float(evaluated_start),
            evaluated_average=_float(current),
        )
        for domain, goals, scored, intake, start, evaluated_count, evaluated_start, current in rows
    }
    return [found[code] for code in LIFE_DOMAINS if code in found]


def _float(value: Any) -> float | None:
    """An average as the database gives it (a Decimal on PostgreSQL), or None for no rows."""
    return None if value is None else float(value)


def goals_behind(scope: ReportScope, chosen: EffectFilter, domain: str) -> list[GoalRow]:
    """The goals on `domain` that the figures of that domain count."""
    intake_score, evaluated = _columns()
    rows = db.session.execute(
        sa.select(
            HouseholdPlan.id,
            Case,
            Team.name,
            intake_score,
            PlanGoal.start_score,
            PlanGoal.current_score,
            evaluated,
        )
        .join(HouseholdPlan, HouseholdPlan.id == PlanGoal.plan_id)
        .join(Case, Case.id == HouseholdPlan.case_id)
        .outerjoin(Team, Team.id == Case.team_id)
        .outerjoin(Intake, Intake.id == Case.intake_id)
        .where(PlanGoal.id.in_(_population(scope, chosen)), PlanGoal.life_domain == domain)
        .order_by(Case.id, PlanGoal.id)
        .execution_options(**UNSCOPED)
    ).all()
    return [GoalRow(*row) for row in rows]


def average(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None
