"""Append-only, hash-chained logs: each row seals its own content and the row before it.

Used by the processing log (`access_log`) and the rights log (`rights_changes`). A changed row no
longer matches its seal; a removed row leaves its successor pointing at a hash that is gone.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from caseflow.extensions import db

GENESIS = "0" * 64


@dataclass(frozen=True)
class Verification:
    rows: int
    broken_at: int | None  # id of the first row that does not match its seal or its predecessor


@dataclass(frozen=True)
class Chain:
    """A log table with `id`, `occurred_at`, `prev_hash`, `row_hash` and the sealed `fields`."""

    model: Any
    fields: tuple[str, ...]
    # Distinct per chain: the PostgreSQL advisory lock that serialises writers of this chain.
    lock_key: int

    def seal(self, row: Any) -> str:
        values = [getattr(row, name) for name in self.fields]
        parts = [
            row.prev_hash,
            row.occurred_at.isoformat(timespec="microseconds"),
            *("" if value is None else str(value) for value in values),
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    def append(self, row: Any) -> Any:
        """Seal `row` onto the end of the chain in the caller's transaction (flushed only)."""
        self.append_all([row])
        return row

    def append_all(self, rows: Sequence[Any]) -> None:
        """Seal `rows` onto the end of the chain in their order, with one look at its end and
        one write (flushed only): a page that shows a hundred cases logs them in one go."""
        if not rows:
            return
        if db.session.get_bind().dialect.name == "postgresql":
            # Two writers must not both extend the chain from the same last row.
            db.session.execute(sa.text(f"SELECT pg_advisory_xact_lock({int(self.lock_key)})"))
        last = db.session.scalar(
            sa.select(self.model.row_hash).order_by(self.model.id.desc()).limit(1)
        )
        for row in rows:
            row.prev_hash = last or GENESIS
            row.row_hash = last = self.seal(row)
        # Added in chain order, so the ids the inserts hand out follow it.
        db.session.add_all(rows)
        db.session.flush()

    def verify(self) -> Verification:
        """Walk the chain in id order; stream the rows so any size of log fits in memory."""
        previous = GENESIS
        count = 0
        columns = ("id", "occurred_at", "prev_hash", "row_hash", *self.fields)
        # Plain rows, not ORM objects: the check must see what is in the database, not a cache.
        rows = db.session.execute(
            sa.select(*(getattr(self.model, c) for c in columns))
            .order_by(self.model.id)
            .execution_options(yield_per=1000)
        )
        for row in rows:
            count += 1
            if row.prev_hash != previous or self.seal(row) != row.row_hash:
                return Verification(count, row.id)
            previous = row.row_hash
        return Verification(count, None)
