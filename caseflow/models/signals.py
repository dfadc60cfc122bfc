"""Signals about deadlines, the mail outbox, scheduled-job bookkeeping and worklist snapshots."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base
from caseflow.models.cases import Case
from caseflow.models.deadlines import Deadline


class SignalKind(StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    ESCALATION = "escalation"

    @property
    def label(self) -> str:
        return SIGNAL_LABELS[self]


SIGNAL_LABELS = {
    SignalKind.DUE_SOON: "Termijn verloopt binnenkort",
    SignalKind.OVERDUE: "Termijn verstreken",
    SignalKind.ESCALATION: "Wettelijke termijn verstreken (escalatie)",
}


class Signal(Base):
    """A warning about one due date of one deadline.

    The due date is part of what makes a signal unique: when a suspension or an extension moves
    the date, the new date is warned about again, while a rerun for the same date adds nothing.
    A signal goes to the assignee (user_id) or, while nobody is assigned, to the case's team;
    escalations go to the team managers of that team.
    """

    __tablename__ = "signals"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    deadline_id: Mapped[int] = mapped_column(sa.ForeignKey("deadlines.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    due_date: Mapped[date]
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    read_at: Mapped[datetime | None]
    read_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    case: Mapped[Case] = relationship()
    deadline: Mapped[Deadline] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("deadline_id", "kind", "due_date"),
        sa.Index("ix_signals_user_unread", "user_id", "read_at"),
        sa.Index("ix_signals_team_unread", "team_id", "read_at"),
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k.value}'" for k in SignalKind) + ")", name="known_kind"
        ),
        sa.CheckConstraint("kind != 'escalation' OR user_id IS NULL", name="escalation_to_team"),
    )

    @property
    def signal_kind(self) -> SignalKind:
        return SignalKind(self.kind)


class MailOutbox(Base):
    """One mail per signal and recipient; written with the signal, sent later (or never)."""

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(sa.ForeignKey("signals.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    to_address: Mapped[str] = mapped_column(sa.String(200))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))

    __table_args__ = (
        sa.UniqueConstraint("signal_id", "user_id"),
        sa.Index("ix_mail_outbox_pending", "sent_at", "id"),
    )


class JobRun(Base):
    """Per scheduled job: who holds it now (the lock row on SQLite) and how it last ran."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    locked_by: Mapped[str | None] = mapped_column(sa.String(200))
    locked_until: Mapped[datetime | None]
    last_started_at: Mapped[datetime | None]
    last_finished_at: Mapped[datetime | None]
    last_summary: Mapped[str | None] = mapped_column(sa.String(500))


class WorklistSnapshot(Base):
    """Open, overdue and due-soon case counts of one team in one municipality on one day."""

    __tablename__ = "worklist_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_date: Mapped[date]
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    open_count: Mapped[int]
    overdue_count: Mapped[int]
    due_soon_count: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    __table_args__ = (
        sa.UniqueConstraint("snapshot_date", "team_id", "municipality_id"),
        sa.CheckConstraint(
            "open_count >= 0 AND overdue_count >= 0 AND due_soon_count >= 0"
            " AND overdue_count <= open_count AND due_soon_count <= open_count",
            name="counts_consistent",
        ),
    )
