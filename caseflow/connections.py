"""Settings on every new database connection, per dialect."""

import sqlite3
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

SQLITE_PRAGMAS = (
    "journal_mode=WAL",
    "synchronous=NORMAL",
    "busy_timeout=5000",
    "cache_size=-32768",
    "mmap_size=1073741824",
)


def tune_connections(engine: Engine) -> None:
    """SQLite tuned as a server would be; PostgreSQL without just-in-time compilation.

    SQLite: with the write-ahead log and `synchronous=NORMAL` a commit no longer waits for two
    syncs of the disk (a crash of the process loses nothing, a power cut at most the last
    commits), readers and the one writer stop blocking each other, and a large file is read
    through a memory map rather than a 2 MB page cache.

    PostgreSQL: the report queries cost enough for the planner to compile them, which takes
    longer (about 100 ms) than these short queries then save.
    """
    if sa.event.contains(engine, "connect", _on_connect):
        return
    sa.event.listen(engine, "connect", _on_connect)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        for pragma in SQLITE_PRAGMAS:
            dbapi_connection.execute(f"PRAGMA {pragma}")
    elif type(dbapi_connection).__module__.startswith("psycopg"):
        dbapi_connection.execute("SET jit = off")
        dbapi_connection.commit()
