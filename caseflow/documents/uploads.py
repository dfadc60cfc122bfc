"""An upload checked and stored: type, size, a virus scan, then the content, its row and event.

A file is accepted by its name's extension and its first bytes together, so a renamed program
is refused even when it calls itself a PDF. Every refusal is a Dutch message for the file field.
"""

import hashlib
from dataclasses import dataclass

from flask import current_app

from caseflow import clock
from caseflow.documents.pending import store_new
from caseflow.documents.scan import scan_problem
from caseflow.documents.store import new_key
from caseflow.documents.types import document_types
from caseflow.extensions import db
from caseflow.models import Case, Document, User
from caseflow.models.documents import UPLOAD
from caseflow.workflow.engine import workflow_for
from caseflow.workflow.errors import InvalidData
from caseflow.workflow.papers import DOCUMENT_ADDED, record_paper

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and Excel 97-2003


@dataclass(frozen=True)
class FileType:
    content_type: str
    magic: tuple[bytes, ...]


ALLOWED = {
    "pdf": FileType("application/pdf", (b"%PDF-",)),
    "jpg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "png": FileType("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)
    ),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    "odt": FileType("application/vnd.oasis.opendocument.text", (ZIP,)),
    "ods": FileType("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    "doc": FileType("application/msword", (OLE,)),
    "xls": FileType("application/vnd.ms-excel", (OLE,)),
}
TYPES_TEXT = "een PDF, een foto (JPG of PNG) of een Office-document (Word, Excel of OpenDocument)"


def max_bytes() -> int:
    return int(current_app.config.get("DOCUMENT_MAX_BYTES") or DEFAULT_MAX_BYTES)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size // 1024} kB"


def file_problem(filename: str, content: bytes) -> str | None:
    """A Dutch reason why this file is refused, or None."""
    if not filename:
        return "Kies een bestand."
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    kind = ALLOWED.get(extension)
    if kind is None:
        return f"Dit soort bestand kan niet. Kies {TYPES_TEXT}."
    if not content:
        return "Het bestand is leeg."
    if len(content) > max_bytes():
        return (
            f"Het bestand is te groot ({megabytes(len(content))}). Het mag hoogstens "
            f"{megabytes(max_bytes())} zijn."
        )
    if not content.startswith(kind.magic):
        return (
            f"Het bestand is geen echte .{extension}: de inhoud past niet bij de naam. "
            f"Kies {TYPES_TEXT}."
        )
    return None


def add_document(
    case: Case, actor: User, *, filename: str, content: bytes, document_type: str
) -> Document:
    """Check, scan and store an upload on `case`; flushed with its event, never committed."""
    kinds = document_types(workflow_for(case))
    errors = {}
    if document_type not in kinds:
        errors["soort"] = "Kies wat voor document het is."
    if problem := file_problem(filename, content) or scan_problem(content):
        errors["bestand"] = problem
    if errors:
        raise InvalidData(errors)
    key = new_key()
    extension = filename.rsplit(".", 1)[-1].lower()
    document = Document(
        case_id=case.id,
        kind=UPLOAD,
        document_type=document_type,
        filename=_safe_name(filename),
        content_type=ALLOWED[extension].content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        storage_key=key,
        added_by_id=actor.id,
        added_at=clock.now(),
    )
    record_paper(case, DOCUMENT_ADDED, actor, {"document": kinds[document_type]})
    store_new(key, content)
    db.session.add(document)
    db.session.flush()
    return document


def _safe_name(filename: str) -> str:
    """The name without folders or control characters, at most 255 characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable())[-255:] or "document"
