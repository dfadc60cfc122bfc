"""Integraal klantbeeld: one client, their household and every case across domains."""

from datetime import datetime, time

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.domains import domain_label
from caseflow.extensions import db
from caseflow.incidents import register_incident
from caseflow.models import INCIDENT_KINDS, Case, Incident, Person
from caseflow.permissions import LEAD_TEAMS
from caseflow.provisions.stacking import stacking_for
from caseflow.safety import renew
from caseflow.web.common import user
from caseflow.web.forms import IncidentForm
from caseflow.web.loading import person_or_403
from caseflow.web.plan_forms import Errors, place_errors
from caseflow.workflow.errors import InvalidData, WorkflowError
from caseflow.workflow.registry import registry

bp = Blueprint("dossier", __name__, url_prefix="/clienten")
# The incident service names the moment; the form asks for the day.
INCIDENT_FIELDS = {"occurred_at": "occurred_on"}


@bp.route("/<int:person_id>")
@login_required
def show(person_id: int) -> ResponseReturnValue:
    return _render(person_or_403(person_id, "integraal klantbeeld"), IncidentForm())


@bp.route("/<int:person_id>/incidenten", methods=["POST"])
@login_required
def incident(person_id: int) -> ResponseReturnValue:
    person = person_or_403(person_id, "agressie-incident registreren")
    form = IncidentForm()
    if form.validate_on_submit() and form.occurred_on.data is not None:
        moment = datetime.combine(form.occurred_on.data, time(12), clock.LOCAL_TZ)
        try:
            register_incident(
                person,
                user(),
                kind=form.kind.data or "",
                occurred_at=moment,
                description=form.description.data or "",
                origin=request.remote_addr,
            )
        except InvalidData as exc:
            return _render(person, form, place_errors(form, exc, INCIDENT_FIELDS), status=400)
        except WorkflowError as exc:
            flash(exc.message, "error")
            return redirect(url_for("dossier.show", person_id=person.id))
        else:
            flash("Het incident is geregistreerd; de inwoner heeft nu een veiligheidsmarkering.")
            return redirect(url_for("dossier.show", person_id=person.id))
    return _render(person, form, status=400)


@bp.route("/<int:person_id>/veiligheidsmarkering", methods=["POST"])
@login_required
def renew_flag(person_id: int) -> ResponseReturnValue:
    person = person_or_403(person_id, "veiligheidsmarkering verlengen")
    until = renew(person, user(), request.remote_addr)
    flash(f"De veiligheidsmarkering loopt nu tot en met {until:%d-%m-%Y}.")
    return redirect(url_for("dossier.show", person_id=person.id))


def _render(
    person: Person, form: IncidentForm, errors: Errors | None = None, status: int = 200
) -> ResponseReturnValue:
    household_ids = [m.household_id for m in person.memberships]
    cases = db.session.scalars(
        sa.select(Case)
        .where(sa.or_(Case.person_id == person.id, Case.household_id.in_(household_ids)))
        .order_by(Case.closed_at.is_not(None), Case.opened_at.desc())
    ).all()
    incidents = db.session.scalars(
        sa.select(Incident).where(Incident.person_id == person.id).order_by(Incident.occurred_at)
    ).all()
    if errors is None:
        errors = [(f.id, m) for f in form if f.errors for m in f.errors]
    return render_template(
        "dossier/show.html",
        person=person,
        cases=cases,
        households=[m.household for m in person.memberships],
        workflows=registry().workflows,
        form=form,
        incidents=incidents,
        # What happened (criminal-law data) only for those with a case for this person, or
        # their team manager; everyone who may open the dossier sees that, when and what kind.
        incident_details=bool(cases) or user().may(LEAD_TEAMS),
        may_renew_flag=person.safety_flag and user().may(LEAD_TEAMS),
        errors=errors,
        incident_kinds=INCIDENT_KINDS,
        # Stapeling: what the person and household receive at once (caseflow.provisions).
        stacking=stacking_for(person, clock.today()),
        domain_label=domain_label,
    ), status
