"""SQLite tuned as a server would be: write-ahead log, fewer syncs, patient locks."""

import sqlite3
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

PRAGMAS = (
    "journal_mode=WAL",
    "synchronous=NORMAL",
    "busy_timeout=5000",
    "cache_size=-32768",
    "mmap_size=1073741824",
)


def tune_sqlite(engine: Engine) -> None:
    """Set the pragmas on every new connection of `engine` when it is SQLite.

    With the write-ahead log and `synchronous=NORMAL` a commit no longer waits for two syncs
    of the disk: a crash of the process loses nothing, a power cut at most the last commits.
    Readers and the one writer no longer block each other (web server beside the scheduler).
    """
    if engine.dialect.name == "sqlite" and not sa.event.contains(engine, "connect", _set_pragmas):
        sa.event.listen(engine, "connect", _set_pragmas)


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()
