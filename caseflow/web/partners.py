"""The pages of a partner organisation's staff: the actions their organisation was given and the
questions put to it, each while the household's consent runs. Nothing else of caseflow.

A partner account reaches only these pages (`init_partner_confinement`): every other page is
refused and logged, whatever it would have shown. Every view of an action or a question is in
the processing log, with its purpose and the consent it rests on.
"""

from typing import NoReturn

import sqlalchemy as sa
from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from caseflow import clock
from caseflow.access_log import record
from caseflow.extensions import db
from caseflow.models import Case, HouseholdPlan, InformationRequest, PlanAction, User
from caseflow.partners.work import (
    GONE,
    PartnerAction,
    action_for,
    actions_for,
    consent_for,
    purpose,
    update_action,
)
from caseflow.permissions import WORK_FOR_PARTNER
from caseflow.plans.directors import active_director
from caseflow.plans.requests import answer, inbox, request_for
from caseflow.scope.queries import UNSCOPED, unscoped
from caseflow.web.common import user
from caseflow.web.partner_forms import AnswerForm, PartnerUpdateForm
from caseflow.web.plan_forms import Errors, fresh, place_errors, submitted
from caseflow.workflow.errors import InvalidData, WorkflowError

bp = Blueprint("partners", __name__, url_prefix="/partner")
# What a partner account may open besides its own pages: logging in and out, its password, and
# what every page is dressed in.
OPEN_TO_PARTNERS = frozenset(
    {
        "auth.login",
        "auth.logout",
        "account.password",
        "static",
        "plans.stylesheet",
        "themes.asset",
        "health.health",
        "health.ready",
    }
)


def init_partner_confinement(app: Flask) -> None:
    """A partner account reaches the partner pages only; its start page is theirs."""

    @app.before_request
    def _confine() -> ResponseReturnValue | None:
        if not current_user.is_authenticated or not current_user.works_for_partner:
            return None
        endpoint = request.endpoint
        if endpoint is None or endpoint in OPEN_TO_PARTNERS or request.blueprint == bp.name:
            return None
        if endpoint == "worklist.mine":
            return redirect(url_for("partners.home"))
        abort(403)


def _partner() -> User:
    me = user()
    if not me.works_for_partner or not me.may(WORK_FOR_PARTNER):
        abort(403)
    return me


def _subject(plan_id: int) -> tuple[int | None, int]:
    """The (person, case) a plan's processing-log rows are about, read past the case scope:
    the partner sees neither, the log names both."""
    case_id = db.session.scalar(sa.select(HouseholdPlan.case_id).where(HouseholdPlan.id == plan_id))
    assert case_id is not None
    person_id = db.session.scalar(
        sa.select(Case.person_id).where(Case.id == case_id).execution_options(**UNSCOPED)
    )
    return person_id, case_id


def _log(me: User, action: str, why: str, plan_id: int, result: str = "ok") -> None:
    person_id, case_id = _subject(plan_id)
    record(
        me,
        action,
        why,
        result=result,
        person_id=person_id,
        case_id=case_id,
        origin=request.remote_addr,
    )


def _refuse(me: User, why: str, plan_id: int | None) -> NoReturn:
    if plan_id is not None:
        _log(me, "view" if request.method == "GET" else "change", why, plan_id, "denied")
    else:
        record(me, "view", why, result="denied", origin=request.remote_addr)
    abort(403)


@bp.route("/")
@login_required
def home() -> ResponseReturnValue:
    me = _partner()
    actions = actions_for(me)
    for action in actions:
        consent = consent_for(action, clock.today())
        assert consent is not None
        _log(me, "view", purpose(PartnerAction(action, consent), "actielijst"), action.plan_id)
    questions = inbox(me)
    for question in questions:
        _log(me, "view", f"vraag bekijken door {_organisation(me)}", question.plan_id)
    return render_template(
        "partners/home.html",
        organisation=me.partner_organisation,
        actions=actions,
        questions=questions,
    )


def _organisation(me: User) -> str:
    return me.partner_organisation.name if me.partner_organisation else "partner"


def _seen_action(me: User, action_id: int, doing: str) -> PartnerAction:
    """The action, if the partner may see it now; else 404 or a logged 403."""
    exists = db.session.scalar(sa.select(PlanAction.plan_id).where(PlanAction.id == action_id))
    if exists is None:
        abort(404)
    seen = action_for(me, action_id)
    if seen is None:
        _refuse(me, f"{doing}: geen toestemming (meer)", exists)
    return seen


def _render_action(
    me: User,
    seen: PartnerAction,
    form: PartnerUpdateForm | None = None,
    errors: Errors | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    plan = seen.action.plan
    with unscoped():
        # Who consented, by name: the partner needs to know whom the action is for.
        givers = [p.full_name for p in seen.consent.givers]
    director = active_director(plan.household_id)
    return render_template(
        "partners/action.html",
        organisation=me.partner_organisation,
        seen=seen,
        action=seen.action,
        household=plan.household,
        givers=givers,
        director=director.director if director else None,
        form=form or fresh(PartnerUpdateForm, "actie", state=seen.action.state),
        errors=errors or [],
    ), status


@bp.route("/acties/<int:action_id>")
@login_required
def action(action_id: int) -> ResponseReturnValue:
    me = _partner()
    seen = _seen_action(me, action_id, "actie bekijken")
    _log(me, "view", purpose(seen, "actie bekijken"), seen.action.plan_id)
    return _render_action(me, seen)


@bp.route("/acties/<int:action_id>", methods=["POST"])
@login_required
def update(action_id: int) -> ResponseReturnValue:
    me = _partner()
    seen = _seen_action(me, action_id, "actie bijwerken")
    form = submitted(PartnerUpdateForm, "actie")
    try:
        update_action(seen.action, me, form.state.data or "", form.note.data)
    except InvalidData as exc:
        return _render_action(me, seen, form, place_errors(form, exc), 400)
    except WorkflowError as exc:
        if exc.message == GONE:
            _refuse(me, "actie bijwerken: geen toestemming (meer)", seen.action.plan_id)
        return _render_action(me, seen, form, [(None, exc.message)], 400)
    _log(me, "change", purpose(seen, "actie bijwerken"), seen.action.plan_id)
    flash(f"De actie staat nu op: {seen.action.state_label}. De regisseur ziet het in het plan.")
    return redirect(url_for("partners.action", action_id=action_id))


def _seen_question(me: User, request_id: int, doing: str) -> InformationRequest:
    plan_id = db.session.scalar(
        sa.select(InformationRequest.plan_id).where(InformationRequest.id == request_id)
    )
    if plan_id is None:
        abort(404)
    question = request_for(me, request_id)
    if question is None:
        _refuse(me, f"{doing}: geen grondslag of toestemming (meer)", plan_id)
    return question


def _render_question(
    me: User,
    question: InformationRequest,
    form: AnswerForm | None = None,
    errors: Errors | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    with unscoped():
        about = question.about_person.full_name if question.about_person else "–"
    return render_template(
        "partners/question.html",
        organisation=me.partner_organisation,
        question=question,
        about=about,
        household=question.plan.household,
        form=form or fresh(AnswerForm, "antwoord"),
        errors=errors or [],
    ), status


@bp.route("/vragen/<int:request_id>")
@login_required
def question(request_id: int) -> ResponseReturnValue:
    me = _partner()
    asked = _seen_question(me, request_id, "vraag bekijken")
    _log(me, "view", f"vraag bekijken door {_organisation(me)}", asked.plan_id)
    return _render_question(me, asked)


@bp.route("/vragen/<int:request_id>", methods=["POST"])
@login_required
def answer_page(request_id: int) -> ResponseReturnValue:
    me = _partner()
    asked = _seen_question(me, request_id, "vraag beantwoorden")
    form = submitted(AnswerForm, "antwoord")
    try:
        answer(asked, me, form.answer.data, request.remote_addr)
    except InvalidData as exc:
        return _render_question(me, asked, form, place_errors(form, exc), 400)
    except WorkflowError as exc:
        return _render_question(me, asked, form, [(None, exc.message)], 400)
    flash("Uw antwoord is verstuurd naar wie de vraag stelde.")
    return redirect(url_for("partners.home"))
