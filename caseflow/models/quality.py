"""Kwaliteitstoetsing: a seeded random sample of decided cases, and the findings per checklist
item, each with its cause (not only the errors, also where they come from)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.cases import Case
from caseflow.models.organisation import Municipality, Team, User

CAUSES = {
    "proces": "Werkproces",
    "kennis": "Kennis of vakmanschap",
    "systeem": "Systeem",
    "client": "Cliënt (gegevens of medewerking)",
    "anders": "Anders",
}
VERDICTS = {"voldoet": "Voldoet", "voldoet_niet": "Voldoet niet", "nvt": "Niet van toepassing"}


class QualitySample(Base):
    """A sample: which cases, drawn how (the seed makes the draw repeatable for an auditor)."""

    __tablename__ = "quality_samples"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"), index=True)
    domain: Mapped[str] = mapped_column(sa.String(40))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    period_start: Mapped[date]
    period_end: Mapped[date]
    size: Mapped[int]
    seed: Mapped[int]
    drawn_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    drawn_at: Mapped[datetime] = mapped_column(default=clock.now)
    # A redrawn sample stays, with why it was replaced and by which.
    replaced_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("quality_samples.id"))
    replaced_because: Mapped[str | None] = mapped_column(sa.String(500))
    closed_at: Mapped[datetime | None]

    municipality: Mapped[Municipality] = relationship()
    team: Mapped[Team | None] = relationship()
    drawn_by: Mapped[User] = relationship()
    cases: Mapped[list["QualitySampleCase"]] = relationship(
        back_populates="sample", cascade="all, delete-orphan", order_by="QualitySampleCase.case_id"
    )

    __table_args__ = (
        sa.CheckConstraint("size >= 1", name="size_positive"),
        sa.CheckConstraint("period_start <= period_end", name="period_in_order"),
    )


class QualitySampleCase(Base):
    __tablename__ = "quality_sample_cases"

    sample_id: Mapped[int] = mapped_column(
        sa.ForeignKey("quality_samples.id", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True, index=True)

    sample: Mapped[QualitySample] = relationship(back_populates="cases")
    case: Mapped[Case] = relationship()


class QualityFinding(Base):
    """The verdict on one checklist item of one sampled case."""

    __tablename__ = "quality_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    sample_id: Mapped[int] = mapped_column(sa.ForeignKey("quality_samples.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    item: Mapped[str] = mapped_column(sa.String(60))
    verdict: Mapped[str] = mapped_column(sa.String(20))
    cause: Mapped[str | None] = mapped_column(sa.String(20))
    # The item's weight in the checklist at the time, and the error points lost (the weight
    # when not met): a later change to the checklist leaves the score as it was.
    weight: Mapped[int] = mapped_column(default=1)
    points: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)

    __table_args__ = (
        sa.UniqueConstraint("sample_id", "case_id", "item"),
        sa.CheckConstraint(
            "verdict IN (" + ", ".join(f"'{v}'" for v in VERDICTS) + ")", name="known_verdict"
        ),
        sa.CheckConstraint(
            "cause IS NULL OR cause IN (" + ", ".join(f"'{c}'" for c in CAUSES) + ")",
            name="known_cause",
        ),
        sa.CheckConstraint(
            "(verdict = 'voldoet_niet') = (cause IS NOT NULL)", name="cause_only_for_errors"
        ),
        sa.CheckConstraint("points >= 0 AND points <= weight", name="points_within_weight"),
    )
