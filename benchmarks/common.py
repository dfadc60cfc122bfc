"""Presets, database URLs, the app the benchmarks run in, and timing helpers."""

import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
DATA_DIR = RESULTS_DIR / "data"
PG_SERVER_URL = os.environ.get(
    "CASEFLOW_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PG_DATABASE = os.environ.get("CASEFLOW_BENCH_PG_DATABASE", "caseflow_bench")
SECRET_KEY = "caseflow-bench-only"


@dataclass(frozen=True)
class Preset:
    name: str
    cases: int
    municipalities: int
    history_days: int


PRESETS = {
    "XS": Preset("XS", 1_000, 6, 120),
    "S": Preset("S", 10_000, 6, 365),
    "M": Preset("M", 100_000, 12, 730),
    "L": Preset("L", 1_000_000, 30, 1095),
}


def database_url(kind: str, scale: str) -> str:
    """The benchmark database of one kind (sqlite | postgresql) and scale."""
    if kind == "sqlite":
        return "sqlite:///" + str(DATA_DIR / f"caseflow-{scale}.sqlite")
    if kind == "postgresql":
        # One database per scale, as SQLite has one file per scale: a run at M keeps L.
        return PG_SERVER_URL.rsplit("/", 1)[0] + "/" + f"{PG_DATABASE}_{scale.lower()}"
    raise ValueError(f"unknown database kind {kind!r}")


def dialect_of(url: str) -> str:
    return sa.engine.make_url(url).get_backend_name()


def recreate_database(url: str) -> None:
    """An empty database at `url`: the SQLite file removed, or the PostgreSQL database remade."""
    if dialect_of(url) == "sqlite":
        path = Path(sa.engine.make_url(url).database or "")
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    name = sa.engine.make_url(url).database
    server = sa.create_engine(PG_SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()


def make_app(url: str) -> Flask:
    from caseflow import create_app

    _request_log_to_file()
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": SECRET_KEY,
            "WTF_CSRF_ENABLED": False,
        }
    )


def _request_log_to_file() -> None:
    """The app writes a JSON line per request to stderr unless its logger has a handler: here
    the lines go to a file, so they are still written but not into the runner's table."""
    import logging

    logger = logging.getLogger("caseflow.requests")
    if logger.handlers:
        return
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "requests.log"
    path.write_text("")
    # Appending: the migrations' logging setup closes every handler, and only a handler that
    # appends opens its file again.
    handler = logging.FileHandler(path, mode="a")
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def session_user_id(app: Flask, user_id: int) -> str:
    """What Flask-Login keeps in the session for this user (the id with its password key)."""
    from caseflow.extensions import db
    from caseflow.models import User

    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None, f"no user {user_id}"
        return user.get_id()


def migrate_schema(app: Flask) -> list[str]:
    """The schema as `flask --app caseflow init-db` makes it: every migration, in order.

    Tables the models define but no migration creates yet are added with create_all; their
    names are returned so a run can say so.
    """
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()
    return add_missing_tables(app)


def add_missing_tables(app: Flask) -> list[str]:
    """Create the tables the models define and the database lacks; return their names.

    Reused data is first brought to the newest migration (`migrate_schema`), so this only
    matters for models that have no migration yet.
    """
    from caseflow.extensions import db
    from caseflow.models import Base

    with app.app_context():
        existing = set(sa.inspect(db.engine).get_table_names())
        missing = sorted(set(Base.metadata.tables) - existing)
        if missing:
            Base.metadata.create_all(db.engine, checkfirst=True)
        db.engine.dispose()
        return missing


@dataclass
class Stopwatch:
    """Bounded sampling: stops after `max_count` samples or `max_seconds`, whichever first,
    but not before `min_count` samples, so a slow page still gets a percentile."""

    max_count: int
    max_seconds: float
    min_count: int = 3
    samples: list[float] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def running(self) -> bool:
        if len(self.samples) < min(self.min_count, self.max_count):
            return True
        return (
            len(self.samples) < self.max_count
            and time.perf_counter() - self.started < self.max_seconds
        )

    def restart(self) -> None:
        self.started = time.perf_counter()

    @contextmanager
    def sample(self) -> Iterator[None]:
        begin = time.perf_counter()
        yield
        self.samples.append(time.perf_counter() - begin)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


def percentile(samples: list[float], percent: float) -> float:
    """Nearest-rank percentile (no interpolation): a value that was actually measured."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(percent / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def latency_summary(samples: list[float]) -> dict[str, float | int]:
    """p50, p95, max and mean in milliseconds."""
    return {
        "n": len(samples),
        "p50_ms": round(percentile(samples, 50) * 1000, 2),
        "p95_ms": round(percentile(samples, 95) * 1000, 2),
        "max_ms": round(max(samples) * 1000, 2) if samples else float("nan"),
        "mean_ms": round(statistics.fmean(samples) * 1000, 2) if samples else float("nan"),
    }


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    begin = time.perf_counter()
    result = fn()
    return time.perf_counter() - begin, result
