"""Sending the letter a step drafted, as the consultant does from its preview."""

import sqlalchemy as sa

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
