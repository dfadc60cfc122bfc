"""Jaarlijkse herziening van rechten: the yearly review page, its CSV and recording a review."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Municipality, User
from caseflow.rights import accounts
from caseflow.rights.log import record_refusal
from caseflow.rights.review import FLAG_ALONE, record_review, review_rows, to_csv
from caseflow.web.common import int_arg, user
from caseflow.web.user_forms import ReviewForm
from caseflow.workflow.errors import InvalidData, NotAuthorised

bp = Blueprint("rights_review", __name__, url_prefix="/beheer/herziening")


def _scope() -> tuple[list[Municipality], Municipality, int]:
    municipalities = accounts.administered(user())
    if not municipalities:
        record_refusal(user(), None, "inzien", "herziening van rechten", request.remote_addr)
        abort(403)
    chosen = next((m for m in municipalities if m.id == int_arg("gemeente")), municipalities[0])
    year = int_arg("jaar", clock.today().year) or clock.today().year
    if not 2000 <= year <= 2999:
        abort(404)
    return municipalities, chosen, year


@bp.route("/")
@login_required
def report() -> ResponseReturnValue:
    municipalities, chosen, year = _scope()
    rows = review_rows(chosen, year)
    return render_template(
        "users/review.html",
        municipalities=municipalities,
        chosen=chosen,
        year=year,
        rows=rows,
        alone=any(FLAG_ALONE in r.flags for r in rows),
        attention=sum(1 for r in rows if r.flags),
        me=user(),
        form=ReviewForm(formdata=None),
    )


@bp.route("/export.csv")
@login_required
def export() -> ResponseReturnValue:
    _municipalities, chosen, year = _scope()
    return Response(
        to_csv([(chosen, review_rows(chosen, year))]),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=herziening-{chosen.code}-{year}.csv"
        },
    )


@bp.route("/<int:user_id>", methods=["POST"])
@login_required
def record(user_id: int) -> ResponseReturnValue:
    subject = db.session.get(User, user_id)
    if subject is None:
        abort(404)
    form = ReviewForm()
    try:
        record_review(
            user(), subject, form.outcome.data or "", form.note.data or "", request.remote_addr
        )
    except NotAuthorised:
        abort(403)
    except InvalidData as exc:
        flash(exc.message, "error")
    else:
        flash(f"De herziening van de rechten van {subject.full_name} is vastgelegd.")
    back = url_for("rights_review.report", gemeente=request.form.get("gemeente"))
    return redirect(f"{back}#gebruiker-{subject.id}")
