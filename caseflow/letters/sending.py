"""A letter's personal paragraph, and its sending: the PDF stored with its hash, an event.

After sending nothing about the letter changes: the row refuses updates
(caseflow.models.letters), the PDF is written once in the document store, and its hash is kept
with it, so the municipality can show what the client received. The sending's event also
records the duty the letter fulfils on that day (the receipt confirmed, the report handed over:
caseflow.letters.kinds), since a drafted letter has not reached anyone yet.
"""

import hashlib
from pathlib import Path

from caseflow import clock
from caseflow.documents.pending import store_new
from caseflow.documents.store import new_key
from caseflow.extensions import db
from caseflow.letters.compose import compose, pdf_document
from caseflow.letters.kinds import KINDS
from caseflow.models import Document, Letter, User
from caseflow.models.documents import LETTER
from caseflow.pdf import render_pdf
from caseflow.permissions import SEND_LETTERS
from caseflow.workflow.errors import InvalidData, NotAuthorised, TriggerNotAllowed
from caseflow.workflow.papers import LETTER_SENT, record_paper

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "letter.css"
MAX_PERSONAL = 2000


def _may_handle(letter: Letter, actor: User) -> None:
    if not actor.may(SEND_LETTERS) or not actor.serves(letter.case.municipality_id):
        raise NotAuthorised("Alleen een behandelaar van deze gemeente mag brieven versturen.")
    if letter.is_sent:
        raise TriggerNotAllowed(
            "Deze brief is al verstuurd en kan niet meer worden gewijzigd of opnieuw verstuurd."
        )


def set_personal_paragraph(letter: Letter, actor: User, text: str) -> None:
    """The consultant's own words in the letter, before it is sent; empty removes them. They
    are plain words, never a template: nothing in them is filled in."""
    _may_handle(letter, actor)
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_PERSONAL:
        raise InvalidData({"alinea": f"Schrijf hoogstens {MAX_PERSONAL} tekens."})
    letter.personal_paragraph = text or None
    db.session.flush()


def send_letter(letter: Letter, actor: User) -> Document:
    """Make the PDF as of today, store it with its hash and record the sending; flushed."""
    _may_handle(letter, actor)
    case, kind = letter.case, KINDS[letter.kind]
    today, now = clock.today(), clock.now()
    # Composed before the sending moves any term, so the PDF says what the preview said.
    composed = compose(letter, today, actor)
    pdf = render_pdf(pdf_document(composed, STYLESHEET.read_text(encoding="utf-8")))
    key = new_key()
    document = Document(
        case_id=case.id,
        kind=LETTER,
        document_type=letter.kind,
        filename=f"{case.reference} {kind.label}.pdf".replace(":", ""),
        content_type="application/pdf",
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        storage_key=key,
        added_by_id=actor.id,
        added_at=now,
    )
    record_paper(
        case,
        LETTER_SENT,
        actor,
        {"brief": kind.label, "kenmerk": document.sha256[:16]} | kind.recorded_when_sent(today),
        suspends=kind.suspends_when_sent,
        reason=f"{kind.label} verstuurd",
    )
    store_new(key, pdf)
    db.session.add(document)
    letter.document = document
    letter.sent_on, letter.sent_at, letter.sent_by_id = today, now, actor.id
    db.session.flush()
    return document
