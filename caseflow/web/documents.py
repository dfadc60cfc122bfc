"""Documents on a case: the upload page and the download of a stored document."""

import hashlib

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.documents.store import StoreError, document_store
from caseflow.documents.types import document_types
from caseflow.documents.uploads import TYPES_TEXT, add_document, max_bytes, megabytes
from caseflow.extensions import db
from caseflow.models import Case, Document
from caseflow.permissions import ADD_DOCUMENTS
from caseflow.web.common import user
from caseflow.web.errors import refusal_status
from caseflow.web.loading import case_or_403
from caseflow.workflow.engine import workflow_for
from caseflow.workflow.errors import InvalidData, NotAuthorised, WorkflowError

bp = Blueprint("documents", __name__, url_prefix="/zaken")
# Room beyond the limit for the form itself, so a file just too big gets its message beside
# the field; a request far beyond it is refused whole (413) before it is read.
FORM_ROOM = 64 * 1024


def _page(
    case: Case,
    *,
    errors: dict[str, str] | None = None,
    chosen: str = "",
    status: int = 200,
) -> ResponseReturnValue:
    errors = errors or {}
    return render_template(
        "documents/new.html",
        case=case,
        workflow=workflow_for(case),
        types=document_types(workflow_for(case)),
        errors=[(f"document-{k}", v) for k, v in errors.items()],
        field_errors=errors,
        chosen=chosen,
        limit=megabytes(max_bytes()),
        types_text=TYPES_TEXT,
        theme_municipality=case.municipality,
    ), status


@bp.route("/<int:case_id>/documenten/nieuw", methods=["GET", "POST"])
@login_required
def new(case_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "document toevoegen")
    if not user().may(ADD_DOCUMENTS):
        abort(403)
    if request.method == "GET":
        return _page(case)
    upload = request.files.get("bestand")
    chosen = request.form.get("soort", "")
    content = upload.read() if upload else b""
    try:
        add_document(
            case,
            user(),
            filename=upload.filename or "" if upload else "",
            content=content,
            document_type=chosen,
        )
    except InvalidData as exc:
        return _page(case, errors=exc.field_errors, chosen=chosen, status=400)
    except (NotAuthorised, WorkflowError) as exc:
        return _page(case, errors={"bestand": exc.message}, status=refusal_status(exc))
    flash("Het document is bij de zaak opgeslagen.")
    return redirect(url_for("cases.show", case_id=case.id) + "#documenten")


@bp.route("/<int:case_id>/documenten/<int:document_id>")
@login_required
def show(case_id: int, document_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "document openen")
    document = db.session.scalar(
        sa.select(Document).where(Document.id == document_id, Document.case_id == case.id)
    )
    if document is None:
        abort(404)
    return download(document)


@bp.record_once
def _first_make_room_for_uploads(state: object) -> None:
    # Before every other hook: the CSRF check reads the form, with the app's smaller limit.
    app = getattr(state, "app")  # noqa: B009  (BlueprintSetupState has no type hints here)
    app.before_request_funcs.setdefault(None, []).insert(0, _room_for_uploads)


def _room_for_uploads() -> None:
    if request.endpoint == "documents.new" and request.method == "POST":
        request.max_content_length = 2 * max_bytes() + FORM_ROOM


def download(document: Document) -> Response:
    """The stored content, checked against its hash: a changed file is never handed out."""
    if document.storage_key is None:
        abort(410)
    try:
        content = document_store().get(document.storage_key)
    except StoreError:
        current_app.logger.exception("document %s missing from the store", document.id)
        abort(500)
    if hashlib.sha256(content).hexdigest() != document.sha256:
        current_app.logger.error("document %s does not match its hash", document.id)
        abort(500)
    response = Response(content, mimetype=document.content_type)
    disposition = "inline" if document.content_type == "application/pdf" else "attachment"
    response.headers["Content-Disposition"] = (
        f'{disposition}; filename="document-{document.id}.{_extension(document)}"'
    )
    return response


def _extension(document: Document) -> str:
    return document.filename.rsplit(".", 1)[-1].lower() if "." in document.filename else "bin"
