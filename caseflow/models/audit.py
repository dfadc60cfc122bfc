"""The processing log (verwerkingenlogging): who did what with whose data, and why."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from caseflow import clock
from caseflow.models.base import Base


class AccessLog(Base):
    """One append-only line per view, change, export or refusal touching personal data."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=clock.now, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(20))
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id", ondelete="SET NULL"))
    purpose: Mapped[str] = mapped_column(sa.String(200))
    result: Mapped[str] = mapped_column(sa.String(20))
    origin: Mapped[str | None] = mapped_column(sa.String(100))

    __table_args__ = (
        sa.CheckConstraint("action IN ('view', 'change', 'export')", name="known_action"),
        sa.CheckConstraint("result IN ('ok', 'denied')", name="known_result"),
    )
