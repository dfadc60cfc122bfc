"""Questions put to a consultant by name (informatieverzoek): read the question and its basis,
answer from one's own file. The answer goes to the plan; the file stays where it is."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.access_log import record
from caseflow.extensions import db
from caseflow.models import InformationRequest, User
from caseflow.permissions import HANDLE_CASES
from caseflow.plans.requests import answer, inbox, request_for
from caseflow.scope.queries import unscoped
from caseflow.web.common import user
from caseflow.web.partner_forms import AnswerForm
from caseflow.web.plan_forms import Errors, fresh, place_errors, submitted
from caseflow.workflow.errors import InvalidData, WorkflowError

bp = Blueprint("requests", __name__, url_prefix="/informatieverzoeken")
PURPOSE = "informatieverzoek beantwoorden"


def _consultant() -> User:
    me = user()
    if not me.may(HANDLE_CASES):
        abort(403)
    return me


@bp.route("/")
@login_required
def inbox_page() -> ResponseReturnValue:
    me = _consultant()
    return render_template("requests/inbox.html", questions=inbox(me), today=clock.today())


def _question(me: User, request_id: int) -> InformationRequest:
    asked = request_for(me, request_id)
    if asked is None:
        exists = db.session.get(InformationRequest, request_id)
        if exists is None:
            abort(404)
        record(
            me,
            "view",
            PURPOSE,
            result="denied",
            person_id=exists.about_person_id,
            case_id=exists.plan.case_id,
            origin=request.remote_addr,
        )
        abort(403)
    return asked


def _render(
    asked: InformationRequest,
    form: AnswerForm | None = None,
    errors: Errors | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    with unscoped():
        # The addressee needs to know whom the question is about to look in their own file.
        about = asked.about_person.full_name if asked.about_person else "–"
    return render_template(
        "partners/question.html",
        question=asked,
        about=about,
        household=asked.plan.household,
        form=form or fresh(AnswerForm, "antwoord"),
        errors=errors or [],
        answer_endpoint="requests.answer_page",
        back_endpoint="requests.inbox_page",
    ), status


@bp.route("/<int:request_id>")
@login_required
def question(request_id: int) -> ResponseReturnValue:
    me = _consultant()
    asked = _question(me, request_id)
    record(
        me,
        "view",
        PURPOSE,
        person_id=asked.about_person_id,
        case_id=asked.plan.case_id,
        origin=request.remote_addr,
    )
    return _render(asked)


@bp.route("/<int:request_id>", methods=["POST"])
@login_required
def answer_page(request_id: int) -> ResponseReturnValue:
    me = _consultant()
    asked = _question(me, request_id)
    form = submitted(AnswerForm, "antwoord")
    try:
        answer(asked, me, form.answer.data, request.remote_addr)
    except InvalidData as exc:
        return _render(asked, form, place_errors(form, exc), 400)
    except WorkflowError as exc:
        return _render(asked, form, [(None, exc.message)], 400)
    flash("Uw antwoord staat nu bij het gezinsplan.")
    return redirect(url_for("requests.inbox_page"))
