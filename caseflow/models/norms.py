"""Norms and plan figures per municipality, indicator and year (from the service agreement)."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base
from caseflow.models.organisation import Municipality


class NormKind(StrEnum):
    NORM = "norm"  # an agreed standard, e.g. at least 85% in time
    RAMING = "raming"  # a plan figure, e.g. 1,200 new cases expected

    @property
    def label(self) -> str:
        return "Norm" if self is NormKind.NORM else "Raming"


ALL_CASE_TYPES = ""  # case_type value of a norm that holds for every case type


class Norm(Base):
    __tablename__ = "report_norms"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    indicator: Mapped[str] = mapped_column(sa.String(40))
    case_type: Mapped[str] = mapped_column(sa.String(60), default=ALL_CASE_TYPES)
    year: Mapped[int]
    kind: Mapped[str] = mapped_column(sa.String(10), default=NormKind.NORM)
    value: Mapped[Decimal] = mapped_column(sa.Numeric(12, 2))
    source: Mapped[str | None] = mapped_column(sa.String(200))
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    municipality: Mapped[Municipality] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("municipality_id", "indicator", "case_type", "year"),
        sa.CheckConstraint("kind IN ('norm', 'raming')", name="known_kind"),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="plausible_year"),
        sa.CheckConstraint("value >= 0", name="value_not_negative"),
    )
