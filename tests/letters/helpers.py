"""Sending the letter a step drafted, and reading it as its reader does: the preview, the PDF."""

import io
import re
from html import unescape

import pypdf
import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.documents.store import document_store
from caseflow.extensions import db
from caseflow.letters.sending import send_letter
from caseflow.models import Case, Letter, User


def drafted(case: Case, kind: str | None = None) -> Letter:
    """The case's newest letter not sent yet (of `kind`)."""
    query = sa.select(Letter).where(Letter.case_id == case.id, Letter.sent_at.is_(None))
    if kind is not None:
        query = query.where(Letter.kind == kind)
    letter = db.session.scalars(query.order_by(Letter.id.desc())).first()
    assert letter is not None, f"no unsent letter {kind or ''} on {case.reference}"
    return letter


def send_drafted(case: Case, actor: User, kind: str | None = None) -> Letter:
    letter = drafted(case, kind)
    send_letter(letter, actor)
    return letter


def seen(html: str) -> str:
    """What a reader sees of a page: its text without tags, with spaces folded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def preview(client: FlaskClient, letter: Letter) -> str:
    """The letter as the preview on the case page shows it, as text."""
    response = client.get(f"/zaken/{letter.case_id}/brieven/{letter.id}")
    assert response.status_code == 200
    return seen(response.get_data(as_text=True))


def send_from_page(client: FlaskClient, letter: Letter) -> None:
    """Press Brief versturen on the letter's page."""
    response = client.post(f"/zaken/{letter.case_id}/brieven/{letter.id}/versturen")
    assert response.status_code == 302, response.get_data(as_text=True)


def pdf_text(letter: Letter) -> str:
    """The text of the sent letter's PDF, spaces folded."""
    assert letter.document is not None and letter.document.storage_key is not None
    reader = pypdf.PdfReader(io.BytesIO(document_store().get(letter.document.storage_key)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
