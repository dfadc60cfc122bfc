"""One runner per job, however many schedulers run: a PostgreSQL advisory lock or a lock row.

On PostgreSQL the lock lives on its own connection, so it disappears with a crashed process. On
SQLite the lock is a row with a lease; a holder on this machine whose process is gone, or whose
lease ran out, loses it at once.
"""

import hashlib
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import JobRun

DEFAULT_LEASE_SECONDS = 1800


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for pg_try_advisory_lock."""
    digest = hashlib.sha256(f"caseflow.jobs:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


@contextmanager
def single_runner(name: str) -> Iterator[bool]:
    """Yield True when this caller may run job `name` now, False when another runner has it."""
    engine = db.engine
    lock = _advisory_lock if engine.dialect.name == "postgresql" else _lock_row
    with lock(engine, name) as acquired:
        yield acquired


@contextmanager
def _advisory_lock(engine: Engine, name: str) -> Iterator[bool]:
    key = lock_key(name)
    with engine.connect() as raw:
        conn = raw.execution_options(isolation_level="AUTOCOMMIT")
        acquired = bool(conn.scalar(sa.select(sa.func.pg_try_advisory_lock(key))))
        try:
            yield acquired
        finally:
            if acquired:
                conn.execute(sa.select(sa.func.pg_advisory_unlock(key)))


@contextmanager
def _lock_row(engine: Engine, name: str) -> Iterator[bool]:
    holder = holder_id()
    acquired = _take_row(engine, name, holder)
    try:
        yield acquired
    finally:
        if acquired:
            with engine.begin() as conn:
                conn.execute(
                    sa.update(JobRun)
                    .where(JobRun.name == name, JobRun.locked_by == holder)
                    .values(locked_by=None, locked_until=None)
                )


def _take_row(engine: Engine, name: str, holder: str) -> bool:
    now = clock.now()
    lease = int(current_app.config.get("JOB_LOCK_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))
    with engine.begin() as conn:
        _ensure_row(conn, name)
        current, until = conn.execute(
            sa.select(JobRun.locked_by, JobRun.locked_until).where(JobRun.name == name)
        ).one()
        if current is not None and not _is_stale(current, until, now):
            return False
        # Compare-and-set: only one of two runners that read the same holder can replace it.
        taken = conn.execute(
            sa.update(JobRun)
            .where(JobRun.name == name, _same_holder(current))
            .values(locked_by=holder, locked_until=now + timedelta(seconds=lease))
        )
        return bool(taken.rowcount == 1)


def _same_holder(current: str | None) -> sa.ColumnElement[bool]:
    return JobRun.locked_by.is_(None) if current is None else JobRun.locked_by == current


def _is_stale(holder: str, until: datetime | None, now: datetime) -> bool:
    if until is None or until <= now:
        return True
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _ensure_row(conn: Connection, name: str) -> None:
    table = JobRun.__table__
    assert isinstance(table, sa.Table)
    if conn.dialect.name == "postgresql":
        conn.execute(postgresql.insert(table).values(name=name).on_conflict_do_nothing())
    else:
        conn.execute(sqlite.insert(table).values(name=name).on_conflict_do_nothing())


def mark_started(name: str) -> None:
    with db.engine.begin() as conn:
        _ensure_row(conn, name)
        conn.execute(
            sa.update(JobRun).where(JobRun.name == name).values(last_started_at=clock.now())
        )


def mark_finished(name: str, summary: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            sa.update(JobRun)
            .where(JobRun.name == name)
            .values(last_finished_at=clock.now(), last_summary=summary[:500])
        )


def last_finished() -> dict[str, datetime]:
    """When each job last finished, for catching up after downtime."""
    rows = db.session.execute(sa.select(JobRun.name, JobRun.last_finished_at)).all()
    db.session.rollback()
    return {name: at for name, at in rows if at is not None}
