"""The service agreement as data and the reports a municipality's council receives.

A DVO names indicators caseflow computes (caseflow.reports.catalogue) and indicators it cannot
know (sickness absence, fraud recoveries, numbers from other systems): those are rows here,
with the figure entered by hand per period. The team manager or controller writes the analysis
and advice per section; issuing freezes numbers, texts and PDF as what the council received.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base
from caseflow.models.organisation import Municipality, User

UNITS = ("procent", "aantal", "euro", "gemiddelde", "dagen")
DIRECTIONS = ("hoger", "lager")
REPORT_KINDS = ("maand", "bestuur", "jaar")


class DvoIndicator(Base):
    """An agreed indicator whose figure comes from outside caseflow, entered per period."""

    __tablename__ = "dvo_indicators"

    code: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    label: Mapped[str] = mapped_column(sa.String(200))
    definition: Mapped[str] = mapped_column(sa.Text, default="")
    section: Mapped[str] = mapped_column(sa.String(60), default="")
    unit: Mapped[str] = mapped_column(sa.String(20))
    # "hoger" or "lager" when more or less is good; none for a plain count or forecast.
    better: Mapped[str | None] = mapped_column(sa.String(10))

    __table_args__ = (
        sa.CheckConstraint(f"unit IN {UNITS!r}", name="known_unit"),
        sa.CheckConstraint("better IS NULL OR better IN ('hoger', 'lager')", name="known_better"),
    )


class DvoValue(Base):
    """The figure of a hand-entered indicator for one municipality up to the end of a period."""

    __tablename__ = "dvo_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    indicator: Mapped[str] = mapped_column(sa.ForeignKey("dvo_indicators.code"))
    period: Mapped[str] = mapped_column(sa.String(10))
    value: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    __table_args__ = (sa.UniqueConstraint("municipality_id", "indicator", "period"),)


class ReportText(Base):
    """A Toelichting (analysis and advice) on a section, or a free section for a special
    assignment (`section` starts with "opdracht"), of a report not yet issued."""

    __tablename__ = "report_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    kind: Mapped[str] = mapped_column(sa.String(10))
    period: Mapped[str] = mapped_column(sa.String(10))
    section: Mapped[str] = mapped_column(sa.String(60))
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    body: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    __table_args__ = (
        sa.UniqueConstraint("municipality_id", "kind", "period", "section"),
        sa.CheckConstraint(f"kind IN {REPORT_KINDS!r}", name="known_kind"),
    )


class IssuedReport(Base):
    """A report as issued: its numbers and texts, the page and the PDF, never changed after.

    A correction is a new version of the same municipality, kind and period that records what
    changed against the one before.
    """

    __tablename__ = "issued_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    kind: Mapped[str] = mapped_column(sa.String(10))
    period: Mapped[str] = mapped_column(sa.String(10))
    version: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(300))
    issued_at: Mapped[datetime] = mapped_column(default=clock.now)
    issued_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    content: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    html: Mapped[str] = mapped_column(sa.Text)
    pdf: Mapped[bytes] = mapped_column(sa.LargeBinary)
    # SHA-256 of the PDF: what anyone can check the council's copy against.
    sha256: Mapped[str] = mapped_column(sa.String(64))

    municipality: Mapped[Municipality] = relationship()
    issued_by: Mapped[User] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("municipality_id", "kind", "period", "version"),
        sa.CheckConstraint(f"kind IN {REPORT_KINDS!r}", name="known_kind"),
        sa.CheckConstraint("version >= 1", name="version_positive"),
    )


class IssuedReportFrozen(RuntimeError):
    """An issued report was changed or removed: it is what the council received."""


@event.listens_for(IssuedReport, "before_update")
@event.listens_for(IssuedReport, "before_delete")
def _refuse_changes(mapper: Mapper[Any], connection: Any, target: IssuedReport) -> None:
    raise IssuedReportFrozen(f"issued report {target.id} can no longer change")
