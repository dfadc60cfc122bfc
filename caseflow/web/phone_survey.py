"""Telefonisch nabellen: a colleague rings the client of a closed decision or plan and types in
the answers, counted like the ones given through the link, once per person per period."""

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.models import Case
from caseflow.permissions import WORK_ON_CASES
from caseflow.survey.answers import record_phone_survey
from caseflow.survey.invitations import SURVEY_TAG, already_asked, month_of, period_of
from caseflow.survey.questions import ANSWERS, GRADES, RECOMMENDATIONS, questions_for
from caseflow.web.common import user
from caseflow.web.loading import case_or_403
from caseflow.workflow.errors import InvalidData
from caseflow.workflow.registry import registry

bp = Blueprint("phone_survey", __name__, url_prefix="/zaken")


def may_phone(case: Case) -> bool:
    """A closed decision or plan whose client was not asked in this period."""
    workflow = registry().get(case.case_type)
    return (
        case.closed_at is not None
        and case.person_id is not None
        and workflow.has_tag(case.state, SURVEY_TAG)
        and user().may(WORK_ON_CASES)
        and not already_asked(case.person_id, period_of(clock.local_date(case.closed_at)))
    )


@bp.route("/<int:case_id>/clientwaardering", methods=["GET", "POST"])
@login_required
def record(case_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "cliëntwaardering telefonisch vastleggen")
    if not may_phone(case):
        abort(404)
    assert case.closed_at is not None and case.person_id is not None
    domain = registry().get(case.case_type).domain
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            record_phone_survey(
                person_id=case.person_id,
                municipality_id=case.municipality_id,
                domain=domain,
                team_id=case.team_id,
                period=month_of(clock.local_date(case.closed_at)),
                contact_period=period_of(clock.local_date(case.closed_at)),
                form=request.form,
            )
        except InvalidData as exc:
            errors = exc.field_errors
        else:
            flash("De antwoorden zijn vastgelegd, zonder de naam van de inwoner.")
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template(
        "survey/phone.html",
        case=case,
        questions=questions_for(domain),
        answers=ANSWERS,
        grades=GRADES,
        recommendations=RECOMMENDATIONS,
        errors=list(errors.items()),
        field_errors=errors,
        values=request.form,
    ), (400 if errors else 200)


def init_phone_survey(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals.update(may_phone_survey=may_phone)
