"""The processing log (verwerkingenlogging): who did what with whose data, and why."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base
from caseflow.models.organisation import User


class AccessLog(Base):
    """One append-only line per view, change, export or refusal touching personal data."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=clock.now, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(20))
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"))
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id", ondelete="SET NULL"))
    purpose: Mapped[str] = mapped_column(sa.String(200))
    result: Mapped[str] = mapped_column(sa.String(20))
    origin: Mapped[str | None] = mapped_column(sa.String(100))
    # Each row seals the one before it, so a changed or removed row breaks the chain.
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    row_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(
            "action IN ('view', 'change', 'export', 'destroy')", name="known_action"
        ),
        sa.Index("ix_access_log_person_time", "person_id", "occurred_at"),
        sa.CheckConstraint("result IN ('ok', 'denied')", name="known_result"),
    )
