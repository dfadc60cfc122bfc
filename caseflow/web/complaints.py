"""Klacht registreren, from a case (the complaint is about what happened in it) or from a letter
that names no case; and what the case page says about a complaint."""

from dataclasses import dataclass

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from caseflow import clock
from caseflow.complaints.register import (
    ComplaintInput,
    complaint_of,
    register_complaint,
    teams_to_complain_about,
)
from caseflow.models import COMPLAINT_CHANNELS, Case, Complaint, Municipality
from caseflow.permissions import REGISTER_COMPLAINTS
from caseflow.web.common import user
from caseflow.web.forms import DutchDateField
from caseflow.web.ids import parse_id
from caseflow.web.loading import case_or_403
from caseflow.web.objections import can_open
from caseflow.web.timeline import case_references
from caseflow.workflow.errors import InvalidData

bp = Blueprint("complaints", __name__, url_prefix="/klachten")


class ComplaintForm(FlaskForm):
    gemeente = SelectField("Gemeente", choices=[], validate_choice=False)
    team = SelectField("Over welk team gaat de klacht?", choices=[], validate_choice=False)
    ontvangen_op = DutchDateField("Datum van ontvangst van de klacht")
    kanaal = SelectField(
        "Hoe kwam de klacht binnen?",
        choices=[("", "Kies…"), *COMPLAINT_CHANNELS.items()],
        validate_choice=False,
    )
    klager = StringField(
        "Naam van de klager",
        description="Alleen als de klacht niet over een zaak van de klager gaat.",
        validators=[Optional()],
    )
    klacht = TextAreaField(
        "Waar gaat de klacht over?",
        description="In de woorden van de klager: wat gebeurde er, en wanneer?",
    )


@dataclass(frozen=True)
class ComplaintPanel:
    complaint: Complaint | None
    may_register: bool


def complaint_panel(case: Case) -> ComplaintPanel:
    me = user()
    return ComplaintPanel(
        complaint=complaint_of(case),
        may_register=me.may(REGISTER_COMPLAINTS) and me.serves(case.municipality_id),
    )


def _municipalities() -> list[Municipality]:
    return sorted(user().municipalities, key=lambda m: m.name)


def _fill_choices(form: ComplaintForm, about: Case | None) -> None:
    places = [about.municipality] if about else _municipalities()
    form.gemeente.choices = [(str(m.id), m.name) for m in places]
    teams = {t.id: t for m in places for t in teams_to_complain_about(m)}
    form.team.choices = [("", "Kies…")] + [
        (str(t.id), t.name) for t in sorted(teams.values(), key=lambda t: t.name)
    ]


def _about() -> Case | None:
    case_id = parse_id(request.values.get("zaak"))
    return case_or_403(case_id, "klacht registreren") if case_id else None


def _page(form: ComplaintForm, about: Case | None, status: int = 200) -> ResponseReturnValue:
    errors = [(name, m) for name, field in form._fields.items() for m in field.errors]
    return render_template("complaints/new.html", form=form, about=about, errors=errors), status


@bp.route("/nieuw", methods=["GET", "POST"])
@login_required
def new() -> ResponseReturnValue:
    if not user().may(REGISTER_COMPLAINTS):
        abort(403)
    about = _about()
    form = ComplaintForm()
    _fill_choices(form, about)
    if request.method == "GET":
        form.ontvangen_op.data = clock.today()
        if about is not None and about.team_id is not None:
            form.team.data = str(about.team_id)
        return _page(form, about)
    if not form.validate_on_submit():
        return _page(form, about, 400)
    municipality = (
        about.municipality
        if about
        else next((m for m in _municipalities() if str(m.id) == form.gemeente.data), None)
    )
    if municipality is None:
        form.gemeente.errors = ["Kies de gemeente."]
        return _page(form, about, 400)
    given = ComplaintInput(
        team_id=parse_id(form.team.data),
        received_on=form.ontvangen_op.data,
        channel=form.kanaal.data or "",
        description=form.klacht.data or "",
        complainant=form.klager.data or "",
    )
    try:
        case = register_complaint(municipality, user(), given, about=about)
    except InvalidData as exc:
        for name, message in exc.field_errors.items():
            getattr(form, name).errors = [message]
        return _page(form, about, 400)
    flash(f"Klacht {case.reference} is geregistreerd voor de klachtencoördinator.")
    target = case.id if can_open(case.id) else (about.id if about else None)
    if target is None:
        return redirect(url_for("worklist.mine"))
    return redirect(url_for("cases.show", case_id=target))


def init_complaint_pages(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        complaint_panel=complaint_panel,
        complaint_channels=COMPLAINT_CHANNELS,
        case_reference=_reference,
    )


def _reference(case_id: int) -> str:
    """A case number names a case without anything of its content (as the timeline does)."""
    return case_references([case_id]).get(case_id, "–")
