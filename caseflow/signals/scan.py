"""The deadline scan: set-based inserts of due-soon, overdue and escalation signals."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import Insert, Select

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, Deadline, DeadlineKind, DeadlineStatus, Signal, SignalKind
from caseflow.models.base import UTCDateTime
from caseflow.signals.mail import enqueue_mail
from caseflow.signals.windows import WarningWindows, warning_windows
from caseflow.unit_of_work import unit_of_work

Candidates = Select[*tuple[Any, ...]]
# Each kind is its own transaction: an interrupted scan keeps what it committed, and the
# uniqueness of (deadline, kind, due date) lets the next run add exactly what is missing.
STEPS = (SignalKind.DUE_SOON, SignalKind.OVERDUE, SignalKind.ESCALATION)
SIGNAL_COLUMNS = (
    "kind",
    "deadline_id",
    "case_id",
    "due_date",
    "user_id",
    "team_id",
    "municipality_id",
    "created_at",
)


@dataclass(frozen=True)
class ScanResult:
    created: dict[SignalKind, int]

    @property
    def total(self) -> int:
        return sum(self.created.values())

    @property
    def summary(self) -> str:
        return f"created {self.total} signals"


def scan_deadlines(today: date | None = None) -> ScanResult:
    """Raise every signal that today's running deadlines call for and that does not exist yet."""
    today = today or clock.today()
    now = clock.now()
    windows = warning_windows(today)
    created = {kind: _run_step(kind, today, now, windows) for kind in STEPS}
    return ScanResult(created)


def _run_step(kind: SignalKind, today: date, now: datetime, windows: WarningWindows) -> int:
    with unit_of_work():
        statement = _insert_missing(_candidates(kind, today, now, windows))
        signal_ids = list(db.session.scalars(statement.returning(Signal.id)))
        enqueue_mail(signal_ids)
    return len(signal_ids)


def _candidates(
    kind: SignalKind, today: date, now: datetime, windows: WarningWindows
) -> Candidates:
    if kind == SignalKind.DUE_SOON:
        condition = windows.is_due_soon(
            Deadline.due_date, Case.case_type, Deadline.code, Case.municipality_id
        )
    elif kind == SignalKind.OVERDUE:
        condition = Deadline.due_date < today
    else:
        condition = sa.and_(Deadline.due_date < today, Deadline.kind == DeadlineKind.LEGAL)
    addressee = sa.null() if kind == SignalKind.ESCALATION else Case.assignee_id
    already = (
        sa.select(Signal.id)
        .where(
            Signal.deadline_id == Deadline.id,
            Signal.kind == kind.value,
            Signal.due_date == Deadline.due_date,
        )
        .exists()
    )
    return (
        sa.select(
            sa.literal(kind.value, sa.String()),
            Deadline.id,
            Case.id,
            Deadline.due_date,
            addressee,
            Case.team_id,
            Case.municipality_id,
            sa.literal(now, UTCDateTime()),
        )
        .select_from(Deadline)
        .join(Case, Case.id == Deadline.case_id)
        .where(
            Deadline.status == DeadlineStatus.RUNNING,
            Case.closed_at.is_(None),
            condition,
            # Skips what exists before trying to insert it: PostgreSQL would otherwise burn a
            # sequence number on every conflict, every run, for every overdue deadline.
            ~already,
        )
    )


def _insert_missing(candidates: Candidates) -> Insert:
    """INSERT ... SELECT that quietly skips rows a concurrent runner inserted first."""
    table = Signal.__table__
    assert isinstance(table, sa.Table)
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        pg = postgresql.insert(table).from_select(SIGNAL_COLUMNS, candidates)
        return pg.on_conflict_do_nothing(index_elements=["deadline_id", "kind", "due_date"])
    if dialect == "sqlite":
        lite = sqlite.insert(table).from_select(SIGNAL_COLUMNS, candidates)
        return lite.on_conflict_do_nothing(index_elements=["deadline_id", "kind", "due_date"])
    return sa.insert(table).from_select(SIGNAL_COLUMNS, candidates)
