"""Regie: the director's households, the team manager's "regie op regie", and one household's
regie (its director, its plans, a handover)."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, Household, HouseholdDirector, HouseholdPlan, PlanGoal, User
from caseflow.permissions import DIRECT_HOUSEHOLDS, LEAD_TEAMS, TRIAGE_REGISTRATIONS
from caseflow.plans import overview
from caseflow.plans.content import active_plan, start_plan
from caseflow.plans.directors import (
    INTEGRAL_CASE_TYPES,
    active_director,
    hand_over,
    open_integral_cases,
    release,
)
from caseflow.plans.members import find_people
from caseflow.scope.queries import UNSCOPED
from caseflow.web.common import user
from caseflow.web.loading import case_or_403
from caseflow.web.plan_cocreation_forms import household_forms
from caseflow.web.plan_forms import (
    Errors,
    HandOverForm,
    ReasonForm,
    StartPlanForm,
    fresh,
    place_errors,
    submitted,
)
from caseflow.workflow.engine import workflow_for
from caseflow.workflow.errors import InvalidData, WorkflowError

bp = Blueprint("regie", __name__, url_prefix="/regie")


@bp.route("/")
@login_required
def overview_page() -> ResponseReturnValue:
    me, today = user(), clock.today()
    if not me.may(TRIAGE_REGISTRATIONS):
        abort(403)
    is_manager = me.may(LEAD_TEAMS)
    return render_template(
        "plans/overview.html",
        today=today,
        is_director=me.may(DIRECT_HOUSEHOLDS),
        is_manager=is_manager,
        mine=overview.directed_by(me, today) if me.may(DIRECT_HOUSEHOLDS) else [],
        late=overview.late_evaluations(me, today) if is_manager else [],
        stuck=overview.stuck_plans(me) if is_manager else [],
        orphans=overview.without_director(me) if is_manager else [],
        load=overview.director_load(me) if is_manager else [],
        state_label=lambda plan: workflow_for(plan.case).state_label(plan.case.state),
    )


def household_or_403(household_id: int, purpose: str) -> tuple[Household, Case]:
    """The household through its integral case the user may see; the view is logged."""
    household = db.session.get(Household, household_id)
    if household is None:
        abort(404)
    integral = sa.select(Case.id).where(
        Case.household_id == household_id, Case.case_type.in_(INTEGRAL_CASE_TYPES)
    )
    case_id = db.session.scalar(
        integral.order_by(Case.closed_at.is_not(None), Case.id.desc()).limit(1)
    ) or db.session.scalar(integral.limit(1).execution_options(**UNSCOPED))
    if case_id is None:
        abort(404)
    return household, case_or_403(case_id, purpose)


def _directors(household: Household, case: Case) -> list[User]:
    team = case.team
    members = team.members if team else []
    return [m for m in members if m.may(DIRECT_HOUSEHOLDS) and m.is_active]


def render_household(
    household: Household,
    case: Case,
    errors: Errors | None = None,
    status: int = 200,
    **given: object,
) -> ResponseReturnValue:
    """The household page: who lives there (with their history and network), its regie and
    plan; a form that was sent and refused comes in `given` with its errors."""
    start = given.get("start") or fresh(StartPlanForm, "plan")
    handover = given.get("handover") or fresh(HandOverForm, "overdracht")
    stop = given.get("stop") or fresh(ReasonForm, "ontheffen")
    assert isinstance(start, StartPlanForm) and isinstance(handover, HandOverForm)
    start.member_ids.choices = [(m.person_id, m.person.full_name) for m in household.members]
    if not start.member_ids.data:
        start.member_ids.data = [m.person_id for m in household.members]
    handover.director_id.choices = [(0, "Kies…")] + [
        (u.id, u.full_name) for u in _directors(household, case)
    ]
    me = user()
    current = active_director(household.id)
    may_compose = (current is not None and current.director_id == me.id) or (
        me.may(LEAD_TEAMS) and me.serves(household.municipality_id)
    )
    search = request.args.get("zoek", "").strip()[:100] if may_compose else ""
    found = [
        p for p in find_people(me, search) if all(m.person_id != p.id for m in household.members)
    ]
    return render_template(
        "plans/household.html",
        household=household,
        case=case,
        current=current,
        may_compose=may_compose,
        search=search,
        today=clock.today(),
        **household_forms(household, me, given, found),
        history=db.session.scalars(
            sa.select(HouseholdDirector)
            .where(HouseholdDirector.household_id == household.id)
            .order_by(HouseholdDirector.started_at.desc(), HouseholdDirector.id.desc())
        ).all(),
        plan=active_plan(household.id),
        past_plans=db.session.scalars(
            sa.select(HouseholdPlan)
            .where(HouseholdPlan.household_id == household.id, HouseholdPlan.ended_at.is_not(None))
            .order_by(HouseholdPlan.ended_at.desc())
        ).all(),
        open_cases=open_integral_cases(household.id),
        may_start=current is not None and (current.director_id == me.id or me.may(LEAD_TEAMS)),
        is_manager=me.may(LEAD_TEAMS),
        start=start,
        handover=handover,
        stop=stop,
        errors=errors or [],
        workflow_for=workflow_for,
    ), status


@bp.route("/huishoudens/<int:household_id>")
@login_required
def household(household_id: int) -> ResponseReturnValue:
    return render_household(*household_or_403(household_id, "regie huishouden"))


@bp.route("/huishoudens/<int:household_id>/plan", methods=["POST"])
@login_required
def start(household_id: int) -> ResponseReturnValue:
    household, case = household_or_403(household_id, "gezinsplan starten")
    form = submitted(StartPlanForm, "plan")
    try:
        plan = start_plan(household, user(), form.wishes.data, list(form.member_ids.data or []))
    except InvalidData as exc:
        return render_household(household, case, place_errors(form, exc), 400, start=form)
    except WorkflowError as exc:
        db.session.expire_all()
        return render_household(household, case, [(None, exc.message)], 400, start=form)
    flash("Het gezinsplan is gestart. Leg nu de doelen en acties vast.")
    return redirect(url_for("plans.show", plan_id=plan.id))


@bp.route("/huishoudens/<int:household_id>/regisseur", methods=["POST"])
@login_required
def hand_over_page(household_id: int) -> ResponseReturnValue:
    household, case = household_or_403(household_id, "regie overdragen")
    form = submitted(HandOverForm, "overdracht")
    new = db.session.get(User, form.director_id.data or 0)
    try:
        if new is None:
            raise InvalidData({"director_id": "Kies de nieuwe regisseur."})
        hand_over(household, new, user(), form.reason.data)
    except InvalidData as exc:
        return render_household(household, case, place_errors(form, exc), 400, handover=form)
    except WorkflowError as exc:
        db.session.expire_all()
        return render_household(household, case, [(None, exc.message)], 400, handover=form)
    flash(f"{new.full_name} is nu de regisseur van {household.name}.")
    return redirect(url_for("regie.household", household_id=household.id))


@bp.route("/huishoudens/<int:household_id>/regisseur-ontheffen", methods=["POST"])
@login_required
def release_page(household_id: int) -> ResponseReturnValue:
    household, case = household_or_403(household_id, "regie beëindigen")
    form = submitted(ReasonForm, "ontheffen")
    try:
        release(household, user(), form.reason.data)
    except InvalidData as exc:
        return render_household(household, case, place_errors(form, exc), 400, stop=form)
    except WorkflowError as exc:
        db.session.expire_all()
        return render_household(household, case, [(None, exc.message)], 400, stop=form)
    flash(f"{household.name} heeft nu geen regisseur. Wijs zo snel mogelijk een nieuwe toe.")
    return redirect(url_for("regie.household", household_id=household.id))


@bp.app_context_processor
def _case_page_links() -> dict[str, object]:
    return {"regie_links": regie_links}


def regie_links(case: Case) -> list[tuple[str, str | None]]:
    """What the case page says about the household's regie: its plan, director, and the goals
    this case serves."""
    lines: list[tuple[str, str | None]] = []
    if case.case_type == "gebiedsteam" and not case.is_closed:
        lines.append(
            ("Aanmelding in het casusoverleg", url_for("triage.registration", case_id=case.id))
        )
    for goal in db.session.scalars(
        sa.select(PlanGoal).where(PlanGoal.cases.any(Case.id == case.id))
    ):
        lines.append((f"Hoort bij het gezinsplan, doel {goal.domain_label}: {goal.wording}", None))
    if case.household_id is None:
        return lines
    director = active_director(case.household_id)
    if director is not None:
        lines.append((f"Regisseur van het huishouden: {director.director.full_name}", None))
    if case.case_type in INTEGRAL_CASE_TYPES:
        lines.append(
            ("Regie van het huishouden", url_for("regie.household", household_id=case.household_id))
        )
        plan = active_plan(case.household_id) or db.session.scalar(
            sa.select(HouseholdPlan).where(HouseholdPlan.case_id == case.id)
        )
        if plan is not None:
            lines.append(("Het gezinsplan", url_for("plans.show", plan_id=plan.id)))
    return lines
