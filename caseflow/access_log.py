"""The processing log: one hash-chained row per view, change, export or refused attempt."""

import hashlib
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import AccessLog, User

GENESIS = "0" * 64
COLUMNS = (
    "id",
    "occurred_at",
    "actor_id",
    "action",
    "person_id",
    "case_id",
    "purpose",
    "result",
    "origin",
    "prev_hash",
    "row_hash",
)


def _seal(row: Any) -> str:
    fields = [
        row.prev_hash,
        row.occurred_at.isoformat(timespec="microseconds"),
        str(row.actor_id or ""),
        row.action,
        str(row.person_id or ""),
        str(row.case_id or ""),
        row.purpose,
        row.result,
        row.origin or "",
    ]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def _lock_chain() -> None:
    # Two writers must not both extend the chain from the same last row.
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(7310001)"))


def record(
    actor: User | None,
    action: str,
    purpose: str,
    *,
    result: str = "ok",
    person_id: int | None = None,
    case_id: int | None = None,
    origin: str | None = None,
) -> AccessLog:
    """Add a sealed log row in the caller's transaction (flushed, committed by the caller)."""
    _lock_chain()
    last = db.session.scalar(sa.select(AccessLog.row_hash).order_by(AccessLog.id.desc()).limit(1))
    row = AccessLog(
        occurred_at=clock.now(),
        actor_id=actor.id if actor else None,
        action=action,
        purpose=purpose,
        result=result,
        person_id=person_id,
        case_id=case_id,
        origin=origin,
        prev_hash=last or GENESIS,
    )
    row.row_hash = _seal(row)
    db.session.add(row)
    db.session.flush()
    return row


@dataclass(frozen=True)
class Verification:
    rows: int
    broken_at: int | None  # id of the first row that does not match its seal or its predecessor


def verify() -> Verification:
    """Walk the chain in id order; stream the rows so any size of log fits in memory."""
    previous = GENESIS
    count = 0
    # Plain rows, not ORM objects: the check must see what is in the database, never a cache.
    rows = db.session.execute(
        sa.select(*(getattr(AccessLog, c) for c in COLUMNS))
        .order_by(AccessLog.id)
        .execution_options(yield_per=1000)
    )
    for row in rows:
        count += 1
        if row.prev_hash != previous or _seal(row) != row.row_hash:
            return Verification(count, row.id)
        previous = row.row_hash
    return Verification(count, None)
