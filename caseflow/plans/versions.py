"""Every change to a plan leaves a numbered version: who, when, what, and the whole plan then."""

from typing import Any

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import HouseholdPlan, PlanVersion, User
from caseflow.models.plans import AGREEMENT_WAYS
from caseflow.workflow.engine import workflow_for


def lock_plan(plan: HouseholdPlan) -> HouseholdPlan:
    """Take the plan row for this transaction and read it fresh."""
    locked: HouseholdPlan = db.session.execute(
        sa.select(HouseholdPlan)
        .where(HouseholdPlan.id == plan.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    return locked


def snapshot(plan: HouseholdPlan) -> dict[str, Any]:
    return {
        "status": workflow_for(plan.case).state_label(plan.case.state),
        "wensen": plan.wishes,
        "leden": [person.full_name for person in plan.members],
        "doelen": [
            {
                "id": goal.id,
                "leefgebied": goal.domain_label,
                "doel": goal.wording,
                "start": goal.start_score,
                "nu": goal.current_score,
                "streef": goal.target_score,
            }
            for goal in plan.goals
        ],
        "acties": [
            {
                "id": action.id,
                "doel_id": action.goal_id,
                "wat": action.description,
                "wie": action.owner_label(),
                "klaar_op": action.due_on.isoformat(),
                "stand": action.state_label,
            }
            for action in plan.actions
        ],
        "afgestemd": None
        if plan.agreed_on is None
        else {
            "op": plan.agreed_on.isoformat(),
            "hoe": AGREEMENT_WAYS.get(plan.agreed_how or "", plan.agreed_how),
            "met": plan.agreed_by,
            "leden": [person.full_name for person in plan.agreed_members],
        },
        "toestemmingen": [
            {
                "id": consent.id,
                "partner": consent.partner_organisation.name,
                "leefgebieden": consent.domain_labels,
                "informatie": consent.information,
                "van": consent.valid_from.isoformat(),
                "tot": consent.valid_until.isoformat() if consent.valid_until else None,
                "hoe": consent.how_label,
                "door": [person.full_name for person in consent.givers],
                "ingetrokken": consent.withdrawn_on.isoformat() if consent.withdrawn_on else None,
            }
            for consent in plan.consents
        ],
        "volgende_evaluatie": plan.next_evaluation_on.isoformat()
        if plan.next_evaluation_on
        else None,
    }


def record_version(plan: HouseholdPlan, actor: User | None, summary: str) -> PlanVersion:
    db.session.flush()
    plan.version += 1
    version = PlanVersion(
        plan=plan,
        number=plan.version,
        created_at=clock.now(),
        author_id=actor.id if actor else None,
        summary=summary[:300],
        snapshot=snapshot(plan),
    )
    db.session.add(version)
    db.session.flush()
    return version


def plan_text(plan: HouseholdPlan) -> str:
    """The plan in a few lines, for the case event that records it."""
    goals = "; ".join(
        f"{g.domain_label}: {g.wording} (start {g.start_score}, nu {g.current_score}, "
        f"doel {g.target_score})"
        for g in plan.goals
    )
    return f"Wens: {plan.wishes} Doelen: {goals}. Acties: {len(plan.actions)}."
