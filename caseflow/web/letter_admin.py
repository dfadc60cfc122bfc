"""The beheerder's letter texts: per case type and municipality, every edit a new version."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.extensions import db
from caseflow.letters.fields import FIELD_DOCS
from caseflow.letters.kinds import KINDS
from caseflow.letters.texts import current_text, save_version, versions
from caseflow.models import Municipality
from caseflow.permissions import ADMINISTER
from caseflow.web.common import int_arg, user
from caseflow.workflow.errors import InvalidData
from caseflow.workflow.registry import registry

bp = Blueprint("letter_admin", __name__, url_prefix="/beheer/brieven")


def _allowed() -> None:
    if not user().may(ADMINISTER):
        abort(403)


def letters_in_use() -> list[tuple[str, str, str, str]]:
    """(case type, its label, letter kind, its label) for every letter a workflow produces."""
    rows = set()
    for workflow in registry().workflows.values():
        for transition in workflow.transitions:
            for kind in transition.letter.kinds() if transition.letter else ():
                rows.add((workflow.name, workflow.label, kind, KINDS[kind].label))
    return sorted(rows, key=lambda r: (r[1], r[3]))


@bp.route("")
@login_required
def index() -> ResponseReturnValue:
    _allowed()
    return render_template("letters/admin_index.html", rows=letters_in_use())


def _municipality() -> Municipality | None:
    chosen = int_arg("gemeente")
    if not chosen:
        return None
    municipality = db.session.get(Municipality, chosen)
    if municipality is None or not user().serves(municipality.id):
        abort(404)
    return municipality


@bp.route("/<case_type>/<kind>", methods=["GET", "POST"])
@login_required
def edit(case_type: str, kind: str) -> ResponseReturnValue:
    _allowed()
    if kind not in KINDS or case_type not in registry().workflows:
        abort(404)
    municipality = _municipality()
    place = municipality.id if municipality else None
    text = current_text(kind, case_type, place)
    values = {"title": text.title, "basis": text.basis, "body": text.body}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in values}
        try:
            row = save_version(kind, case_type, municipality, actor=user(), **values)
        except InvalidData as exc:
            errors = exc.field_errors
        else:
            flash(f"Versie {row.version} van de tekst is opgeslagen.")
            return redirect(request.full_path.rstrip("?"))
    municipalities = db.session.scalars(
        sa.select(Municipality)
        .where(Municipality.id.in_([m.id for m in user().municipalities]))
        .order_by(Municipality.name)
    ).all()
    return render_template(
        "letters/admin_edit.html",
        case_type=case_type,
        workflow=registry().get(case_type),
        kind=KINDS[kind],
        municipality=municipality,
        municipalities=municipalities,
        text=text,
        values=values,
        errors=[(f"tekst-{k}", v) for k, v in errors.items()],
        field_errors=errors,
        history=versions(kind, case_type, place),
        fields=FIELD_DOCS,
    ), (400 if errors else 200)
