"""Letters on the case page: the preview, the personal paragraph, sending and the PDF."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.documents.types import document_types
from caseflow.extensions import db
from caseflow.letters.compose import compose, letter_html
from caseflow.letters.kinds import KINDS
from caseflow.letters.sending import MAX_PERSONAL, send_letter, set_personal_paragraph
from caseflow.models import Case, Document, Letter
from caseflow.permissions import ADD_DOCUMENTS, SEND_LETTERS
from caseflow.web.common import user
from caseflow.web.documents import download
from caseflow.web.errors import refusal_status
from caseflow.web.loading import case_or_403
from caseflow.workflow.engine import workflow_for
from caseflow.workflow.errors import InvalidData, WorkflowError

bp = Blueprint("letters", __name__, url_prefix="/zaken")


def _letter(case: Case, letter_id: int) -> Letter:
    letter = db.session.scalar(
        sa.select(Letter).where(Letter.id == letter_id, Letter.case_id == case.id)
    )
    if letter is None:
        abort(404)
    return letter


def _page(
    case: Case,
    letter: Letter,
    *,
    errors: list[tuple[str | None, str]] | None = None,
    paragraph: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    on = letter.sent_on or clock.today()
    composed = compose(letter, on, letter.sent_by or user())
    return render_template(
        "letters/show.html",
        case=case,
        workflow=workflow_for(case),
        letter=letter,
        kind=KINDS[letter.kind],
        preview=letter_html(composed),
        errors=errors or [],
        paragraph=letter.personal_paragraph or "" if paragraph is None else paragraph,
        max_personal=MAX_PERSONAL,
        may_send=user().may(SEND_LETTERS) and not letter.is_sent,
        theme_municipality=case.municipality,
    ), status


@bp.route("/<int:case_id>/brieven/<int:letter_id>")
@login_required
def show(case_id: int, letter_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "brief bekijken")
    return _page(case, _letter(case, letter_id))


@bp.route("/<int:case_id>/brieven/<int:letter_id>/alinea", methods=["POST"])
@login_required
def paragraph(case_id: int, letter_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "brief aanvullen")
    letter = _letter(case, letter_id)
    text = request.form.get("alinea", "")
    try:
        set_personal_paragraph(letter, user(), text)
    except InvalidData as exc:
        message = exc.field_errors["alinea"]
        return _page(case, letter, errors=[("alinea", message)], paragraph=text, status=400)
    except WorkflowError as exc:
        return _page(case, letter, errors=[(None, exc.message)], status=refusal_status(exc))
    flash("De persoonlijke alinea staat in de brief." if text.strip() else "De alinea is weg.")
    return redirect(url_for("letters.show", case_id=case.id, letter_id=letter.id))


@bp.route("/<int:case_id>/brieven/<int:letter_id>/versturen", methods=["POST"])
@login_required
def send(case_id: int, letter_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "brief versturen")
    letter = _letter(case, letter_id)
    try:
        send_letter(letter, user())
    except WorkflowError as exc:
        return _page(case, letter, errors=[(None, exc.message)], status=refusal_status(exc))
    flash(f"De brief '{KINDS[letter.kind].label}' is verstuurd en bij de zaak opgeslagen.")
    return redirect(url_for("letters.show", case_id=case.id, letter_id=letter.id))


@bp.route("/<int:case_id>/brieven/<int:letter_id>/pdf")
@login_required
def pdf(case_id: int, letter_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "brief downloaden")
    letter = _letter(case, letter_id)
    if letter.document is None:
        abort(404)
    return download(letter.document)


def case_papers(case: Case) -> dict[str, object]:
    """The case page's letters and documents, newest first."""
    letters = db.session.scalars(
        sa.select(Letter).where(Letter.case_id == case.id).order_by(Letter.id.desc())
    ).all()
    documents = db.session.scalars(
        sa.select(Document).where(Document.case_id == case.id).order_by(Document.id.desc())
    ).all()
    return {
        "letters": letters,
        "documents": documents,
        "kinds": KINDS,
        "types": document_types(workflow_for(case)),
        "may_add": user().may(ADD_DOCUMENTS) and not case.is_destroyed,
    }


@bp.app_context_processor
def _case_page_papers() -> dict[str, object]:
    return {"case_papers": case_papers}
