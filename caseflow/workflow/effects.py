"""Named effects a transition carries: what else changes when a case takes this step.

A workflow names them (`effects: [move_to_area_team]`); the engine runs them inside the
transition, after the state moved and before the event is written, so every door that fires
the transition gets them. An effect returns what it did, which the event records (for
example `team_van` and `team_naar`), or raises a WorkflowError to refuse the whole step.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models.cases import Case
from caseflow.models.organisation import User
from caseflow.routing import area_team_named
from caseflow.workflow.errors import GuardFailed
from caseflow.workflow.schema import TransitionDef


@dataclass(frozen=True)
class Step:
    """The transition an effect belongs to, as it is being taken."""

    case: Case
    transition: TransitionDef
    actor: User | None
    data: Mapping[str, Any]
    from_state: str
    now: datetime


Effect = Callable[[Step], dict[str, Any] | None]
EFFECTS: dict[str, Effect] = {}


def effect(name: str) -> Callable[[Effect], Effect]:
    def register(func: Effect) -> Effect:
        EFFECTS[name] = func
        return func

    return register


# Awb 6:7 and 6:8: six weeks from the day after the decision was made known.
OBJECTION_CLAUSE = "Mogelijk binnen 6 weken na de bekendmaking (Awb 6:7 en 6:8)"


def run_effects(step: Step) -> dict[str, Any]:
    """Run the transition's effects in order; what they report, for the event. A decision
    (`decision:`) reports its legal basis and that bezwaar is possible; a `letter:` is drafted
    last, when the other effects have done their work."""
    recorded: dict[str, Any] = {}
    if step.transition.decision_basis is not None:
        recorded |= {
            "beschikking": step.transition.label,
            "grondslag": step.transition.decision_basis,
            "bezwaar": OBJECTION_CLAUSE,
        }
    for name in step.transition.effects:
        recorded |= EFFECTS[name](step) or {}
    if step.transition.letter is not None:
        from caseflow.letters.drafts import draft_letter

        recorded |= draft_letter(step)
    return recorded


@effect("move_to_area_team")
def move_to_area_team(step: Step) -> dict[str, Any]:
    """The registration goes to the area team named in `naar_gebiedsteam`."""
    case = step.case
    team = area_team_named(step.data.get("naar_gebiedsteam"), case.municipality_id)
    if team is None:
        raise GuardFailed(["Kies een gebiedsteam van de gemeente van deze aanmelding."])
    moved = {"team_van": case.team_id, "team_naar": team.id}
    case.team = team
    return moved


def _plan_of(case: Case) -> Any:
    from caseflow.models.plans import HouseholdPlan

    return db.session.scalar(sa.select(HouseholdPlan).where(HouseholdPlan.case_id == case.id))


def _summary(step: Step) -> str:
    """Where the plan now stands (the state's label), with the reason when one was given."""
    from caseflow.workflow.engine import workflow_for

    where = workflow_for(step.case).state_label(step.case.state)
    told = step.data.get("reden") or step.data.get("motivering")
    return f"{where}: {told}" if told else where


@effect("record_plan_version")
def record_plan_version(step: Step) -> dict[str, Any] | None:
    """The household plan keeps a numbered version of itself as it stands after this step."""
    from caseflow.plans.versions import record_version

    plan = _plan_of(step.case)
    if plan is None:
        return None
    return {"planversie": record_version(plan, step.actor, _summary(step)).number}


@effect("end_plan")
def end_plan(step: Step) -> dict[str, Any] | None:
    """The household plan ends with its case, and the household's regie ends with the plan."""
    from caseflow.plans.directors import end_with_plan

    plan = _plan_of(step.case)
    if plan is None or plan.ended_at is not None:
        return None
    plan.ended_at = step.now
    end_with_plan(plan.household, step.actor, _summary(step))
    return None


@effect("create_provisions")
def create_provisions(step: Step) -> dict[str, Any]:
    """The granted products become provisions in the register, in the decision's transaction;
    a result that grants nothing writes none (caseflow.provisions.register)."""
    from caseflow.provisions.register import provisions_of_decision

    return provisions_of_decision(step)


@effect("start_benefit")
def start_benefit(step: Step) -> dict[str, Any] | None:
    """A granting decision starts the benefit in the register (caseflow.provisions.benefits)."""
    from caseflow.provisions.benefits import benefit_of_decision

    return benefit_of_decision(step)
