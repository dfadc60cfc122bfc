"""The household plan page: what the household wants, goals, actions, progress and history; and
the version printed for the household."""

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, HouseholdPlan, PlanAction, User
from caseflow.models.plans import ACTION_STATES, AGREEMENT_WAYS
from caseflow.partners.organisations import organisations
from caseflow.permissions import ASK_INFORMATION, LEAD_TEAMS, WORK_ON_CASES
from caseflow.plans.content import (
    ActionInput,
    GoalInput,
    add_action,
    add_goal,
    linkable_cases,
    set_action_state,
    update_wishes,
)
from caseflow.plans.directors import active_director
from caseflow.plans.wording import B1_DOMAINS, B1_SCORES
from caseflow.web.common import user
from caseflow.web.loading import case_or_403
from caseflow.web.plan_cocreation_forms import plan_cocreation_forms
from caseflow.web.plan_forms import (
    SCORES,
    ActionForm,
    ActionStateForm,
    AgreeForm,
    BreakthroughForm,
    EndForm,
    Errors,
    EvaluationForm,
    GoalForm,
    ReasonForm,
    WishesForm,
    date_errors,
    fresh,
    int_or_none,
    place_errors,
    submitted,
)
from caseflow.workflow.engine import can_fire, workflow_for
from caseflow.workflow.errors import InvalidData, NotAuthorised, WorkflowError

bp = Blueprint("plans", __name__, url_prefix="/plannen")


def plan_or_403(plan_id: int, purpose: str) -> HouseholdPlan:
    """The plan if the user may see its gezinsplan case; the view is logged."""
    plan = db.session.get(HouseholdPlan, plan_id)
    if plan is None:
        abort(404)
    case_or_403(plan.case_id, purpose)
    return plan


def _default_forms(plan: HouseholdPlan) -> dict[str, Any]:
    soon = clock.today()
    return {
        "wishes_form": fresh(WishesForm, "wensen", wishes=plan.wishes),
        "goal_form": fresh(GoalForm, "doel"),
        "action_form": fresh(ActionForm, "actie"),
        "agree_form": fresh(AgreeForm, "akkoord", agreed_on=soon),
        "evaluation_form": fresh(EvaluationForm, "evaluatie", held_on=soon),
        "escalate_form": fresh(ReasonForm, "escalatie"),
        "breakthrough_form": fresh(BreakthroughForm, "doorbraak"),
        "end_form": fresh(EndForm, "einde"),
    }


def _action_choices(plan: HouseholdPlan, form: ActionForm) -> None:
    me = user()
    form.goal_id.choices = [(0, "Kies…")] + [
        (g.id, f"{g.domain_label}: {g.wording}") for g in plan.goals
    ]
    members = plan.case.team.members if plan.case.team else []
    staff: list[User] = sorted(
        (u for u in members if u.may(WORK_ON_CASES)), key=lambda u: u.full_name
    )
    form.owner_user_id.choices = [(0, "Kies…")] + [(u.id, u.full_name) for u in staff]
    form.owner_case_id.choices = [(0, "Kies…")] + [
        (c.id, f"{c.reference} {workflow_for(c).label}") for c in linkable_cases(plan, me)
    ]
    form.owner_person_id.choices = [(0, "Het hele huishouden")] + [
        (p.id, p.full_name) for p in plan.members
    ]
    form.partner_organisation_id.choices = [(0, "Kies…")] + [
        (o.id, o.name) for o in organisations(active_only=True)
    ]


def render_plan(
    plan: HouseholdPlan, errors: Errors | None = None, status: int = 200, **given: Any
) -> ResponseReturnValue:
    me = user()
    forms = {**_default_forms(plan), **given}
    _action_choices(plan, forms["action_form"])
    forms["agree_form"].agreed_by_ids.choices = [(p.id, p.full_name) for p in plan.members]
    forms |= plan_cocreation_forms(plan, me, given)
    state = plan.case.state
    workflow = workflow_for(plan.case)
    director = active_director(plan.household_id)
    is_director = director is not None and director.director_id == me.id
    linked = {c.id for g in plan.goals for c in g.cases} | {
        a.owner_case_id for a in plan.actions if a.owner_case_id
    }
    visible = set(db.session.scalars(sa.select(Case.id).where(Case.id.in_(linked))))
    return render_template(
        "plans/show.html",
        plan=plan,
        case=plan.case,
        workflow=workflow,
        workflow_for=workflow_for,
        director=director,
        is_director=is_director,
        is_manager=me.may(LEAD_TEAMS),
        may_ask=me.may(ASK_INFORMATION) and plan.is_active,
        editable=is_director and plan.is_active and workflow.has_tag(state, "editable"),
        can_escalate=is_director and can_fire(plan.case, "escaleren"),
        visible_case_ids=visible,
        today=clock.today(),
        ways=AGREEMENT_WAYS,
        action_states=ACTION_STATES,
        score_choices=SCORES,
        errors=errors or [],
        score_errors={
            int(field.rsplit("_", 1)[1]): message
            for field, message in (errors or [])
            if field and "score_" in field
        },
        **forms,
    ), status


@bp.route("/<int:plan_id>")
@login_required
def show(plan_id: int) -> ResponseReturnValue:
    return render_plan(plan_or_403(plan_id, "gezinsplan bekijken"))


def refused(
    plan_id: int, exc: WorkflowError, name: str | None = None, form: Any = None
) -> ResponseReturnValue:
    """Render the plan again with the refusal beside the fields of the form that was sent; a
    step the user may not take is a 403 for the error page, which logs it."""
    if isinstance(exc, NotAuthorised):
        raise exc
    db.session.expire_all()
    plan = db.session.get_one(HouseholdPlan, plan_id)
    given = {name: form} if name else {}
    if isinstance(exc, InvalidData) and form is not None:
        return render_plan(plan, place_errors(form, exc), 400, **given)
    return render_plan(plan, [(None, exc.message)], 400, **given)


def done(plan: HouseholdPlan, message: str, anchor: str = "") -> ResponseReturnValue:
    flash(message)
    return redirect(url_for("plans.show", plan_id=plan.id) + anchor)


@bp.route("/<int:plan_id>/wensen", methods=["POST"])
@login_required
def wishes(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan wijzigen")
    form = submitted(WishesForm, "wensen")
    try:
        update_wishes(plan, user(), form.wishes.data)
    except WorkflowError as exc:
        return refused(plan_id, exc, "wishes_form", form)
    return done(plan, "De wensen van het huishouden zijn bijgewerkt.")


@bp.route("/<int:plan_id>/doelen", methods=["POST"])
@login_required
def goals(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan wijzigen")
    form = submitted(GoalForm, "doel")
    goal = GoalInput(
        life_domain=form.life_domain.data or "",
        wording=form.wording.data or "",
        start_score=int_or_none(form.start_score.data),
        target_score=int_or_none(form.target_score.data),
    )
    try:
        add_goal(plan, user(), goal)
    except WorkflowError as exc:
        return refused(plan_id, exc, "goal_form", form)
    return done(plan, "Het doel is toegevoegd.", "#doelen")


@bp.route("/<int:plan_id>/acties", methods=["POST"])
@login_required
def actions(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan wijzigen")
    form = submitted(ActionForm, "actie")
    _action_choices(plan, form)
    if bad := date_errors(form):
        return refused(plan_id, bad, "action_form", form)
    action = ActionInput(
        goal_id=form.goal_id.data or None,
        description=form.description.data or "",
        owner_kind=form.owner_kind.data or "",
        due_on=form.due_on.data,
        owner_user_id=form.owner_user_id.data or None,
        owner_case_id=form.owner_case_id.data or None,
        new_case_domain=form.new_case_domain.data or None,
        owner_person_id=form.owner_person_id.data or None,
        partner_name=form.partner_name.data,
        partner_organisation_id=form.partner_organisation_id.data or None,
    )
    try:
        row = add_action(plan, user(), action)
    except WorkflowError as exc:
        return refused(plan_id, exc, "action_form", form)
    opened = (
        f" Zaak {row.owner_case.reference} is geopend."
        if form.owner_kind.data == "nieuwe_zaak" and row.owner_case
        else ""
    )
    return done(plan, "De actie is toegevoegd." + opened, "#acties")


@bp.route("/<int:plan_id>/acties/<int:action_id>/stand", methods=["POST"])
@login_required
def action_state(plan_id: int, action_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan wijzigen")
    action = db.session.get(PlanAction, action_id)
    if action is None or action.plan_id != plan.id:
        abort(404)
    form = submitted(ActionStateForm, f"stand{action.id}")
    try:
        set_action_state(action, user(), form.state.data or "")
    except WorkflowError as exc:
        return refused(plan_id, exc, "action_state_form", form)
    return done(plan, f"De stand van de actie is nu: {action.state_label}.", "#acties")


@bp.route("/<int:plan_id>/afdrukken")
@login_required
def printable(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan afdrukken voor het huishouden")
    return render_template(
        "plans/print.html",
        plan=plan,
        director=active_director(plan.household_id),
        domains=B1_DOMAINS,
        scores=B1_SCORES,
        today=clock.today(),
    )


@bp.route("/stijl.css")
def stylesheet() -> ResponseReturnValue:
    return Response(render_template("plans/stijl.css"), mimetype="text/css")
