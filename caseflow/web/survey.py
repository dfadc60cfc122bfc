"""The public survey page: no login, reached by a single-use link, in plain Dutch (B1).

Protected like every form (CSRF), braked per address (caseflow.survey.throttle), and a used or
refused link is refused with a Dutch message. What the client answers is stored without them.
"""

from flask import Blueprint, Flask, abort, render_template, request
from flask.typing import ResponseReturnValue

from caseflow.extensions import db
from caseflow.models import Municipality, SurveyInvitation
from caseflow.survey.answers import InvitationUsed, invitation_for, record_answers, refuse
from caseflow.survey.questions import ANSWERS, GRADES, RECOMMENDATIONS, questions_for
from caseflow.survey.throttle import too_many
from caseflow.workflow.errors import InvalidData

bp = Blueprint("survey", __name__, url_prefix="/waardering")


def _invitation(token: str) -> SurveyInvitation:
    if too_many(request.remote_addr):
        abort(429)
    invitation = invitation_for(token)
    if invitation is None:
        abort(404)
    return invitation


def _used() -> ResponseReturnValue:
    return render_template("survey/used.html"), 410


def _form(
    invitation: SurveyInvitation,
    token: str,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    return render_template(
        "survey/form.html",
        token=token,
        municipality=db.session.get(Municipality, invitation.municipality_id),
        questions=questions_for(invitation.domain),
        answers=ANSWERS,
        grades=GRADES,
        recommendations=RECOMMENDATIONS,
        errors=list((errors or {}).items()),
        field_errors=errors or {},
        values=request.form,
    ), status


@bp.route("/<token>")
def show(token: str) -> ResponseReturnValue:
    invitation = _invitation(token)
    if invitation.used:
        return _used()
    return _form(invitation, token)


@bp.route("/<token>", methods=["POST"])
def answer(token: str) -> ResponseReturnValue:
    invitation = _invitation(token)
    try:
        if request.form.get("meedoen") == "nee":
            refuse(invitation)
            return render_template("survey/thanks.html", refused=True)
        record_answers(invitation, request.form)
    except InvitationUsed:
        return _used()
    except InvalidData as exc:
        return _form(invitation, token, exc.field_errors, 400)
    return render_template("survey/thanks.html", refused=False)


def init_survey_pages(app: Flask) -> None:
    app.register_blueprint(bp)
