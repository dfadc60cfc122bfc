"""The plan's course: agreed with the household, carried out, evaluated, adjusted, escalated,
finished. Each step moves the gezinsplan case through the engine in the same transaction as the
plan content it changes."""

from dataclasses import dataclass
from datetime import date

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import HouseholdPlan, PlanEvaluation, PlanScore, User
from caseflow.models.plans import AGREEMENT_WAYS, EVALUATION_DECISIONS
from caseflow.permissions import LEAD_TEAMS
from caseflow.plans.content import require_director
from caseflow.plans.errors import PlanError, flushed, required
from caseflow.plans.versions import lock_plan, plan_text
from caseflow.workflow.engine import can_fire, fire, workflow_for
from caseflow.workflow.errors import InvalidData, NotAuthorised


@dataclass(frozen=True)
class Agreement:
    agreed_on: date | None
    how: str
    agreed_by_ids: list[int]  # the plan's members who agreed
    note: str | None
    next_evaluation_on: date | None


@dataclass(frozen=True)
class EvaluationInput:
    held_on: date | None
    scores: dict[int, int | None]
    what_changed: str
    household_view: str | None
    decision: str
    result: str | None = None
    next_evaluation_on: date | None = None


def _may(plan: HouseholdPlan, doing: str, *triggers: str) -> None:
    """Refuse unless the plan is active and one of `triggers` may fire from its state now."""
    workflow = workflow_for(plan.case)
    state = plan.case.state
    if not plan.is_active or all(workflow.transition(t, state) is None for t in triggers):
        raise PlanError(f"{doing} kan niet in de status '{workflow.state_label(state)}'.")


def _check_agreement(plan: HouseholdPlan, agreement: Agreement) -> None:
    today = clock.today()
    errors: dict[str, str] = {}
    if agreement.agreed_on is None:
        errors["agreed_on"] = "Vul in wanneer het huishouden akkoord gaf."
    elif agreement.agreed_on > today:
        errors["agreed_on"] = "Het akkoord kan niet in de toekomst liggen."
    if agreement.how not in AGREEMENT_WAYS:
        errors["how"] = "Kies hoe het huishouden akkoord gaf."
    members = {p.id for p in plan.members}
    if not agreement.agreed_by_ids:
        errors["agreed_by_ids"] = "Kies wie van het huishouden akkoord gaf."
    elif not set(agreement.agreed_by_ids) <= members:
        errors["agreed_by_ids"] = "Kies alleen leden die meedoen aan het plan."
    if agreement.next_evaluation_on is None:
        errors["next_evaluation_on"] = "Plan de eerste evaluatie."
    elif agreement.next_evaluation_on <= today:
        errors["next_evaluation_on"] = "De evaluatie ligt na vandaag."
    if errors:
        raise InvalidData(errors)


def agree(plan: HouseholdPlan, actor: User, agreement: Agreement) -> None:
    """The household agreed to the plan (again, after an adjustment): the members who agreed are
    named on the plan and in the printed plan."""
    with flushed():
        plan = lock_plan(plan)
        require_director(plan.household, actor)
        _may(plan, "Afstemmen", "afstemmen", "hervatten")
        _check_agreement(plan, agreement)
        first_time = can_fire(plan.case, "afstemmen")
        agreed = [p for p in plan.members if p.id in agreement.agreed_by_ids]
        plan.agreed_on = agreement.agreed_on
        plan.agreed_how = agreement.how
        plan.agreed_members = agreed
        plan.agreed_by = ", ".join(p.full_name for p in agreed)[:300]
        plan.agreement_note = (agreement.note or "").strip() or None
        plan.next_evaluation_on = agreement.next_evaluation_on
        assert agreement.agreed_on is not None
        told = (
            f"Akkoord van {plan.agreed_by} op {agreement.agreed_on:%d-%m-%Y}: "
            f"{AGREEMENT_WAYS[agreement.how].lower()}."
        )
        if plan.agreement_note:
            told += f" {plan.agreement_note}"
        text = plan_text(plan)
        if first_time:
            fire(plan.case, "plan_vastleggen", actor, {"plan": text})
            fire(plan.case, "afstemmen", actor, {"toelichting": told})
            _close_registration(plan, actor, text)
        else:
            fire(plan.case, "hervatten", actor, {"toelichting": told})


def _close_registration(plan: HouseholdPlan, actor: User, text: str) -> None:
    """The area team's registration is done once the household has an agreed plan."""
    origin = plan.origin_case
    if origin is None or origin.is_closed:
        return
    if can_fire(origin, "plan_vastleggen"):
        fire(origin, "plan_vastleggen", actor, {"plan": text})
    if can_fire(origin, "afsluiten"):
        fire(
            origin,
            "afsluiten",
            actor,
            {
                "resultaat": "gezinsplan",
                "toelichting": f"Verder in gezinsplan {plan.case.reference}.",
            },
        )


def start_work(plan: HouseholdPlan, actor: User) -> None:
    with flushed():
        plan = lock_plan(plan)
        require_director(plan.household, actor)
        _may(plan, "De uitvoering starten", "uitvoeren")
        fire(plan.case, "uitvoeren", actor)


def start_evaluation(plan: HouseholdPlan, actor: User) -> None:
    with flushed():
        plan = lock_plan(plan)
        require_director(plan.household, actor)
        _may(plan, "Een evaluatie starten", "evalueren")
        fire(plan.case, "evalueren", actor)


def _check_evaluation(plan: HouseholdPlan, data: EvaluationInput) -> None:
    errors: dict[str, str] = {}
    if data.held_on is None:
        errors["held_on"] = "Vul de datum van de evaluatie in."
    elif data.held_on > clock.today():
        errors["held_on"] = "Leg de evaluatie vast op de dag zelf of daarna."
    for goal in plan.goals:
        score = data.scores.get(goal.id)
        if score is None or not 1 <= score <= 5:
            errors[f"score_{goal.id}"] = f"Geef een nieuwe score voor {goal.domain_label}."
    if not data.what_changed.strip():
        errors["what_changed"] = "Schrijf op wat er is veranderd."
    if data.decision not in EVALUATION_DECISIONS:
        errors["decision"] = "Kies hoe het plan verder gaat."
    elif data.decision == "afronden":
        if data.result not in workflow_for(plan.case).results_of("afronden"):
            errors["result"] = "Kies of de doelen zijn bereikt."
    elif data.next_evaluation_on is None:
        errors["next_evaluation_on"] = "Plan de volgende evaluatie."
    elif data.held_on is not None and data.next_evaluation_on <= data.held_on:
        errors["next_evaluation_on"] = "De volgende evaluatie ligt na deze evaluatie."
    if errors:
        raise InvalidData(errors)


def evaluate(plan: HouseholdPlan, actor: User, data: EvaluationInput) -> PlanEvaluation:
    """Re-score the goals with the household and decide: continue, adjust or finish."""
    with flushed():
        plan = lock_plan(plan)
        require_director(plan.household, actor)
        _may(plan, "Evalueren", "evalueren", "voortzetten")
        _check_evaluation(plan, data)
        assert data.held_on is not None
        if can_fire(plan.case, "evalueren"):
            fire(plan.case, "evalueren", actor)
        finishing = data.decision == "afronden"
        evaluation = PlanEvaluation(
            plan=plan,
            held_on=data.held_on,
            what_changed=data.what_changed.strip(),
            household_view=(data.household_view or "").strip() or None,
            decision=data.decision,
            next_evaluation_on=None if finishing else data.next_evaluation_on,
            recorded_by_id=actor.id,
            recorded_at=clock.now(),
        )
        for goal in plan.goals:
            score = data.scores[goal.id]
            assert score is not None
            evaluation.scores.append(PlanScore(goal_id=goal.id, score=score))
            goal.current_score = score
        db.session.add(evaluation)
        report = evaluation.what_changed
        if finishing:
            fire(plan.case, "afronden", actor, {"verslag": report, "resultaat": data.result})
        else:
            plan.next_evaluation_on = data.next_evaluation_on
            if data.decision == "voortzetten":
                fire(plan.case, "voortzetten", actor, {"verslag": report})
            else:
                fire(plan.case, "bijstellen", actor, {"verslag": report, "plan": plan_text(plan)})
    return evaluation


def escalate(plan: HouseholdPlan, actor: User, reason: str | None) -> None:
    """The plan is stuck: the director asks the team manager for a breakthrough."""
    required(reden=reason)
    with flushed():
        plan = lock_plan(plan)
        require_director(plan.household, actor)
        _may(plan, "Escaleren", "escaleren")
        fire(plan.case, "escaleren", actor, {"reden": reason})


def break_through(plan: HouseholdPlan, actor: User, motivation: str | None) -> None:
    """The team manager decides on an escalation; the plan is then adjusted."""
    if not (motivation or "").strip():
        raise InvalidData({"motivering": "Motivering is verplicht."})
    with flushed():
        plan = lock_plan(plan)
        _may(plan, "Een doorbraak besluiten", "doorbraak")
        fire(plan.case, "doorbraak", actor, {"motivering": motivation})


def end_plan(plan: HouseholdPlan, actor: User, reason: str | None, result: str | None) -> None:
    """Stop the plan before its goals are reached (the household stops, moves, or is handed on)."""
    required(reden=reason)
    with flushed():
        plan = lock_plan(plan)
        if not actor.may(LEAD_TEAMS):
            require_director(plan.household, actor)
        elif not actor.serves(plan.case.municipality_id):
            raise NotAuthorised("U werkt niet voor de gemeente van dit plan.")
        _may(plan, "Beëindigen", "beeindigen")
        fire(plan.case, "beeindigen", actor, {"reden": reason, "resultaat": result})
