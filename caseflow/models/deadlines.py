"""Deadlines (termijnen) of a case with their suspensions and extensions."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.cases import Case


class DeadlineKind(StrEnum):
    LEGAL = "legal"  # the college's statutory term: counted in tijdigheid
    SERVICE_NORM = "service_norm"
    # A statutory term of the client's (the 7 days to hand in a personal plan): the Atw applies,
    # but the college cannot be late on it, so it is no part of tijdigheid or escalations.
    CLIENT = "client"


STATUTORY_KINDS = (DeadlineKind.LEGAL, DeadlineKind.CLIENT)


class DeadlineStatus(StrEnum):
    RUNNING = "running"
    SUSPENDED = "suspended"
    STOPPED = "stopped"


class Outcome(StrEnum):
    IN_TIME = "in_time"
    LATE = "late"
    LAPSED = "lapsed"  # ended without a decision (withdrawn, sent back, replaced)


class Deadline(Base):
    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(sa.String(60))
    # A term that starts again after it stopped (say, each evaluation round) counts up.
    cycle: Mapped[int] = mapped_column(default=1, server_default="1")
    label: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(20))
    basis: Mapped[str | None] = mapped_column(sa.String(200))
    start_date: Mapped[date]
    # How the day the term counts from came in, when not in this case itself: e.g. "gemeld bij
    # de centrale toegang" for a term counted from the melding. Empty: "ontvangen".
    counted_from: Mapped[str | None] = mapped_column(sa.String(200))
    # Set by the municipality's own regulation rather than a statute: no Atw.
    set_by_regulation: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    weeks: Mapped[int] = mapped_column(default=0)
    days: Mapped[int] = mapped_column(default=0)
    working_days: Mapped[int] = mapped_column(default=0)
    extension_weeks: Mapped[int] = mapped_column(default=0)
    # While suspended this is the date the term would end if it ran again today.
    due_date: Mapped[date]
    status: Mapped[str] = mapped_column(sa.String(20), default=DeadlineStatus.RUNNING)
    stopped_on: Mapped[date | None]
    outcome: Mapped[str | None] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    case: Mapped[Case] = relationship(back_populates="deadlines")
    suspensions: Mapped[list["Suspension"]] = relationship(
        back_populates="deadline", order_by="Suspension.start_date", cascade="all, delete-orphan"
    )
    extensions: Mapped[list["Extension"]] = relationship(
        back_populates="deadline", order_by="Extension.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.UniqueConstraint("case_id", "code", "cycle"),
        sa.Index("ix_deadlines_status_due", "status", "due_date"),
        # The worklist's nearest running deadline per case, and reports by stop date.
        sa.Index("ix_deadlines_case_status_due", "case_id", "status", "due_date"),
        sa.Index("ix_deadlines_status_stopped", "status", "stopped_on"),
        sa.CheckConstraint("kind IN ('legal', 'service_norm', 'client')", name="known_kind"),
        sa.CheckConstraint("status IN ('running', 'suspended', 'stopped')", name="known_status"),
        sa.CheckConstraint(
            "(status = 'stopped') = (stopped_on IS NOT NULL AND outcome IS NOT NULL)",
            name="stopped_has_outcome",
        ),
        sa.CheckConstraint(
            "outcome IS NULL OR outcome IN ('in_time', 'late', 'lapsed')", name="known_outcome"
        ),
        sa.CheckConstraint("due_date >= start_date", name="due_after_start"),
        sa.CheckConstraint(
            "weeks >= 0 AND days >= 0 AND working_days >= 0 AND extension_weeks >= 0",
            name="lengths_not_negative",
        ),
    )

    @property
    def is_statutory(self) -> bool:
        return self.kind in STATUTORY_KINDS

    @property
    def open_suspension(self) -> "Suspension | None":
        return next((s for s in self.suspensions if s.end_date is None), None)


class Suspension(Base):
    """Opschorting: from the first suspended day until the day the clock runs again."""

    __tablename__ = "deadline_suspensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(
        sa.ForeignKey("deadlines.id", ondelete="CASCADE"), index=True
    )
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    reason: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    ended_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    deadline: Mapped[Deadline] = relationship(back_populates="suspensions")

    __table_args__ = (
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),
    )


class Extension(Base):
    """Verlenging or verdaging of a deadline by whole weeks."""

    __tablename__ = "deadline_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(
        sa.ForeignKey("deadlines.id", ondelete="CASCADE"), index=True
    )
    weeks: Mapped[int]
    reason: Mapped[str] = mapped_column(sa.Text, info=special("gezondheid"))
    basis: Mapped[str | None] = mapped_column(sa.String(200))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    deadline: Mapped[Deadline] = relationship(back_populates="extensions")

    __table_args__ = (sa.CheckConstraint("weeks > 0", name="weeks_positive"),)


class ClosedDeadlineDay(Base):
    """How many terms stopped on a day, per municipality, team, case type, kind and outcome.

    Kept by the step that stops a term (caseflow.workflow.closed_terms), in the same
    transaction, and moved along when a case goes to another team, so it always equals counting
    the stopped deadlines with their case's municipality, team and type. A stopped term never
    changes, so the closed half of tijdigheid over a long period reads these few rows instead of
    every deadline of the period with its case.
    """

    __tablename__ = "closed_deadline_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    # 0 for a case without a team: the row's key must be comparable for the upsert.
    team_id: Mapped[int] = mapped_column(default=0)
    case_type: Mapped[str] = mapped_column(sa.String(60))
    kind: Mapped[str] = mapped_column(sa.String(20))
    outcome: Mapped[str] = mapped_column(sa.String(20))
    terms: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        sa.UniqueConstraint(
            "municipality_id",
            "day",
            "team_id",
            "case_type",
            "kind",
            "outcome",
            name="uq_closed_deadline_days_key",
        ),
    )
