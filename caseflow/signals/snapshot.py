"""The daily worklist snapshot: open, overdue and due-soon cases per team and municipality."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, Deadline, DeadlineStatus, WorklistSnapshot
from caseflow.models.base import UTCDateTime
from caseflow.signals.windows import warning_windows
from caseflow.unit_of_work import unit_of_work

SNAPSHOT_COLUMNS = (
    "snapshot_date",
    "team_id",
    "municipality_id",
    "open_count",
    "overdue_count",
    "due_soon_count",
    "created_at",
)


def take_snapshot(today: date | None = None) -> str:
    """Count today's worklist once; a second call on the same day adds nothing."""
    today = today or clock.today()
    label = today.strftime("%d-%m-%Y")
    taken = sa.select(WorklistSnapshot.id).where(WorklistSnapshot.snapshot_date == today)
    if db.session.scalar(taken.limit(1)) is not None:
        return f"werkvoorraad {label}: stond er al"
    windows = warning_windows(today)
    running = sa.select(Deadline.id).where(
        Deadline.case_id == Case.id, Deadline.status == DeadlineStatus.RUNNING
    )
    overdue = running.where(Deadline.due_date < today).exists()
    due_soon = running.where(
        windows.is_due_soon(Deadline.due_date, Case.case_type, Deadline.code, Case.municipality_id)
    ).exists()
    counts = (
        sa.select(
            sa.literal(today, sa.Date()),
            Case.team_id,
            Case.municipality_id,
            sa.func.count(Case.id),
            sa.func.sum(sa.case((overdue, 1), else_=0)),
            sa.func.sum(sa.case((due_soon, 1), else_=0)),
            sa.literal(clock.now(), UTCDateTime()),
        )
        .where(Case.closed_at.is_(None))
        .group_by(Case.team_id, Case.municipality_id)
    )
    table = WorklistSnapshot.__table__
    assert isinstance(table, sa.Table)
    try:
        with unit_of_work():
            insert = sa.insert(table).from_select(SNAPSHOT_COLUMNS, counts).returning(table.c.id)
            rows = len(db.session.scalars(insert).all())
    except IntegrityError:
        # Another runner wrote today's snapshot between our check and our insert.
        return f"werkvoorraad {label}: stond er al"
    return f"werkvoorraad {label}: {rows} regel(s) vastgelegd"
