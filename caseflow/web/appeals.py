"""Beroep registreren from a decision on bezwaar, hoger beroep from a ruling; and what the
case page says about them."""

from dataclasses import dataclass
from datetime import date

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.models import APPEAL_LEVELS, Appeal, Case
from caseflow.objections.appeals import (
    DEFAULT_COURT,
    AppealInput,
    appeal_level,
    appeal_of,
    appeals_against,
    register_appeal,
)
from caseflow.permissions import HANDLE_OBJECTIONS
from caseflow.web.common import user
from caseflow.web.loading import case_or_403
from caseflow.workflow.errors import InvalidData

bp = Blueprint("appeals", __name__, url_prefix="/beroep")


@dataclass(frozen=True)
class AppealPanel:
    appeal: Appeal | None
    against: list[Appeal]
    level: str | None
    may_register: bool


def appeal_panel(case: Case) -> AppealPanel:
    level = appeal_level(case)
    return AppealPanel(
        appeal=appeal_of(case),
        against=appeals_against(case) if level else [],
        level=level,
        may_register=level is not None and user().may(HANDLE_OBJECTIONS),
    )


@bp.route("/<int:case_id>", methods=["GET", "POST"])
@login_required
def new(case_id: int) -> ResponseReturnValue:
    if not user().may(HANDLE_OBJECTIONS):
        abort(403)
    contested = case_or_403(case_id, "beroep registreren")
    level = appeal_level(contested)
    if level is None:
        abort(404)
    errors: dict[str, str] = {}
    values = {"ingesteld_op": clock.today().isoformat(), "rechter": DEFAULT_COURT[level]}
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in values}
        try:
            filed: date | None = date.fromisoformat(values["ingesteld_op"].strip())
        except ValueError:
            filed = None
        try:
            appeal = register_appeal(contested, user(), AppealInput(filed, values["rechter"]))
        except InvalidData as exc:
            errors = exc.field_errors
        else:
            flash(f"{APPEAL_LEVELS[level]} {appeal.reference} is geregistreerd.")
            return redirect(url_for("cases.show", case_id=appeal.id))
    return render_template(
        "objections/appeal.html",
        contested=contested,
        level_label=APPEAL_LEVELS[level],
        values=values,
        errors=list(errors.items()),
        field_errors=errors,
    ), (400 if errors else 200)


def init_appeal_pages(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals.update(appeal_panel=appeal_panel, appeal_levels=APPEAL_LEVELS)
