"""The steps of a plan's course on its page: agree, start, evaluate, escalate, decide, end."""

from flask import Blueprint
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.plans.lifecycle import (
    Agreement,
    EvaluationInput,
    agree,
    break_through,
    end_plan,
    escalate,
    evaluate,
    start_evaluation,
    start_work,
)
from caseflow.web.common import user
from caseflow.web.plan_forms import (
    AgreeForm,
    BreakthroughForm,
    EndForm,
    EvaluationForm,
    ReasonForm,
    date_errors,
    submitted,
)
from caseflow.web.plans import done, plan_or_403, refused
from caseflow.workflow.errors import WorkflowError

bp = Blueprint("plan_steps", __name__, url_prefix="/plannen")


@bp.route("/<int:plan_id>/afstemmen", methods=["POST"])
@login_required
def agree_page(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan afstemmen")
    form = submitted(AgreeForm, "akkoord")
    if bad := date_errors(form):
        return refused(plan_id, bad, "agree_form", form)
    agreement = Agreement(
        agreed_on=form.agreed_on.data,
        how=form.how.data or "",
        agreed_by_ids=list(form.agreed_by_ids.data or []),
        note=form.note.data,
        next_evaluation_on=form.next_evaluation_on.data,
    )
    try:
        agree(plan, user(), agreement)
    except WorkflowError as exc:
        return refused(plan_id, exc, "agree_form", form)
    return done(plan, "Het plan is afgestemd met het huishouden.")


@bp.route("/<int:plan_id>/uitvoeren", methods=["POST"])
@login_required
def start_work_page(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan uitvoeren")
    try:
        start_work(plan, user())
    except WorkflowError as exc:
        return refused(plan_id, exc)
    return done(plan, "De uitvoering van het plan is gestart.")


@bp.route("/<int:plan_id>/evaluatie-starten", methods=["POST"])
@login_required
def start_evaluation_page(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan evalueren")
    try:
        start_evaluation(plan, user())
    except WorkflowError as exc:
        return refused(plan_id, exc)
    return done(plan, "De evaluatie is gestart.", "#evaluatie")


@bp.route("/<int:plan_id>/evaluaties", methods=["POST"])
@login_required
def evaluate_page(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan evalueren")
    form = submitted(EvaluationForm, "evaluatie")
    if bad := date_errors(form):
        return refused(plan_id, bad, "evaluation_form", form)
    data = EvaluationInput(
        held_on=form.held_on.data,
        scores=form.scores(),
        what_changed=form.what_changed.data or "",
        household_view=form.household_view.data,
        decision=form.decision.data or "",
        result=form.result.data or None,
        next_evaluation_on=form.next_evaluation_on.data,
    )
    try:
        evaluate(plan, user(), data)
    except WorkflowError as exc:
        return refused(plan_id, exc, "evaluation_form", form)
    return done(plan, "De evaluatie is vastgelegd.", "#doelen")


@bp.route("/<int:plan_id>/escaleren", methods=["POST"])
@login_required
def escalate_page(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan escaleren")
    form = submitted(ReasonForm, "escalatie")
    try:
        escalate(plan, user(), form.reason.data)
    except WorkflowError as exc:
        return refused(plan_id, exc, "escalate_form", form)
    return done(plan, "Het plan is geëscaleerd naar de teammanager.")


@bp.route("/<int:plan_id>/doorbraak", methods=["POST"])
@login_required
def break_through_page(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "besluit op escalatie")
    form = submitted(BreakthroughForm, "doorbraak")
    try:
        break_through(plan, user(), form.motivation.data)
    except WorkflowError as exc:
        return refused(plan_id, exc, "breakthrough_form", form)
    return done(plan, "Het besluit is vastgelegd; de regisseur stelt het plan bij.")


@bp.route("/<int:plan_id>/beeindigen", methods=["POST"])
@login_required
def end_page(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "gezinsplan beëindigen")
    form = submitted(EndForm, "einde")
    try:
        end_plan(plan, user(), form.reason.data, form.result.data or None)
    except WorkflowError as exc:
        return refused(plan_id, exc, "end_form", form)
    return done(plan, "Het plan is beëindigd.")
