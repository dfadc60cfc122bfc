"""Letter templates, versioned on every edit, and the letters a case sends.

A template is data per letter kind, case type and (optionally) municipality: the beheerder's
every edit adds a version, so a sent letter always points at the exact text it was made from.
A letter is drafted by the transition that produces it, previewed and sent by the consultant;
once sent it is a PDF in the document store with its hash, and the row can no longer change.
"""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.cases import Case
from caseflow.models.documents import Document
from caseflow.models.organisation import Municipality, User


class LetterTemplate(Base):
    """One version of a letter text; the highest version of a (kind, case type, municipality)
    is the one in use. No municipality: the text every municipality uses unless it has its own."""

    __tablename__ = "letter_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(60))
    case_type: Mapped[str] = mapped_column(sa.String(60))
    municipality_id: Mapped[int | None] = mapped_column(sa.ForeignKey("municipalities.id"))
    version: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    basis: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    municipality: Mapped[Municipality | None] = relationship()
    created_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("kind", "case_type", "municipality_id", "version"),
        sa.CheckConstraint("version >= 1", name="version_positive"),
    )


class Letter(Base):
    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(60))
    # The template version it is made from; none: the text caseflow ships (version 0).
    template_id: Mapped[int | None] = mapped_column(sa.ForeignKey("letter_templates.id"))
    template_version: Mapped[int] = mapped_column(default=0)
    # The letter's fields as the transition left them (caseflow.letters.fields): what the
    # client wrote, the reason, the motivation; the preview and the PDF read only these.
    fields: Mapped[dict[str, Any]] = mapped_column(
        sa.JSON, default=dict, info=special("gezondheid")
    )
    personal_paragraph: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    sent_on: Mapped[date | None]
    sent_at: Mapped[datetime | None]
    sent_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("documents.id"))

    case: Mapped[Case] = relationship()
    template: Mapped[LetterTemplate | None] = relationship()
    document: Mapped[Document | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    sent_by: Mapped[User | None] = relationship(foreign_keys=[sent_by_id])

    __table_args__ = (
        sa.CheckConstraint(
            "(sent_at IS NULL) = (document_id IS NULL) AND (sent_at IS NULL) = (sent_on IS NULL)",
            name="sent_with_its_pdf",
        ),
        sa.Index("ix_letters_case_created", "case_id", "created_at"),
    )

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class LetterAlreadySent(RuntimeError):
    """A sent letter was changed or removed: it is what the client received."""


@event.listens_for(Letter, "before_update")
@event.listens_for(Letter, "before_delete")
def _refuse_changes_after_sending(mapper: Mapper[Any], connection: Any, target: Letter) -> None:
    # The row as stored, not the copy in hand: an expired copy knows nothing of its past.
    table = Letter.__table__
    sent = connection.scalar(sa.select(table.c.sent_at).where(table.c.id == target.id))
    if sent is not None:
        raise LetterAlreadySent(f"letter {target.id} was sent and can no longer change")
