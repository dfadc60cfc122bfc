"""Documents of a case: what came in (an aanvraag form, evidence, a medical advice) and the
letters that went out, each stored once in the document store with its hash.

The row says what the document is, who added it and when; the content lives in the document
store (caseflow.documents.store) under `storage_key`. Destruction removes the content and the
file name and keeps the row, so the counts per type and per period stay.
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.organisation import User

UPLOAD = "upload"
LETTER = "brief"
DOCUMENT_KINDS = (UPLOAD, LETTER)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    # A code of the case type's document types (workflow `documents:`); a letter: its kind.
    document_type: Mapped[str] = mapped_column(sa.String(60))
    # A file name often names the client or the illness ("medisch advies Jansen.pdf").
    filename: Mapped[str] = mapped_column(sa.String(255), info=special("gezondheid"))
    content_type: Mapped[str] = mapped_column(sa.String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    # Where the content is in the document store; empty once destroyed.
    storage_key: Mapped[str | None] = mapped_column(sa.String(200), unique=True)
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(default=clock.now)
    destroyed_at: Mapped[datetime | None]

    added_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in DOCUMENT_KINDS) + ")", name="known_kind"
        ),
        sa.CheckConstraint("size >= 0", name="size_not_negative"),
        sa.CheckConstraint(
            "(storage_key IS NULL) = (destroyed_at IS NOT NULL)", name="content_until_destroyed"
        ),
        sa.Index("ix_documents_case_added", "case_id", "added_at"),
    )


class DocumentChanged(RuntimeError):
    """A stored document's content was changed: it is written once (destruction aside)."""


@event.listens_for(Document, "before_update")
def _refuse_changes(mapper: Mapper[Any], connection: Any, target: Document) -> None:
    attrs = sa.inspect(target).attrs
    for name in ("sha256", "size", "storage_key", "content_type", "case_id", "kind"):
        if attrs[name].history.has_changes():
            raise DocumentChanged(f"document {target.id}: {name} is written once")
