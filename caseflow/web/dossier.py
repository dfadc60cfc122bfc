"""Integraal klantbeeld: one client, their household and every case across domains."""

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.extensions import db
from caseflow.models import Case, Intake
from caseflow.scope import case_scope
from caseflow.web.common import user
from caseflow.web.loading import person_or_403
from caseflow.workflow.registry import registry

bp = Blueprint("dossier", __name__, url_prefix="/clienten")


@bp.route("/<int:person_id>")
@login_required
def show(person_id: int) -> ResponseReturnValue:
    person = person_or_403(person_id, "integraal klantbeeld")
    household_ids = [m.household_id for m in person.memberships]
    cases = db.session.scalars(
        sa.select(Case)
        .where(
            sa.or_(Case.person_id == person.id, Case.household_id.in_(household_ids)),
            case_scope(user()),
        )
        .order_by(Case.closed_at.is_not(None), Case.opened_at.desc())
    ).all()
    contacts = db.session.scalars(
        sa.select(Intake).where(Intake.person_id == person.id).order_by(Intake.received_at.desc())
    ).all()
    return render_template(
        "dossier/show.html",
        person=person,
        cases=cases,
        contacts=contacts,
        households=[m.household for m in person.memberships],
        workflows=registry().workflows,
    )
