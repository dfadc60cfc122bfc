"""The deadline scan: a full first run, a rerun the same day, and the next day's run.

The first run finds every signal the data calls for; a rerun finds nothing new; the next day's
run adds only what crossed a threshold overnight, which is what the scheduler does every day.
Peak memory is the largest Python heap during a full scan (tracemalloc, in a second full run
so the timed one is not slowed by tracing) and the process's peak resident size.
"""

import resource
import time
import tracemalloc
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Deadline, DeadlineStatus, MailOutbox, Signal


def _reset() -> None:
    db.session.execute(sa.delete(MailOutbox))
    db.session.execute(sa.delete(Signal))
    db.session.commit()


def _run(today: Any) -> tuple[float, int]:
    from caseflow.signals import scan_deadlines

    begin = time.perf_counter()
    result = scan_deadlines(today)
    return time.perf_counter() - begin, result.total


def deadline_scan(app: Flask) -> dict[str, Any]:
    with app.app_context():
        try:
            from caseflow.signals import scan_deadlines  # noqa: F401
        except ImportError as exc:
            return {"skipped": f"caseflow.signals is not importable yet ({exc})"}
        today = clock.today()
        running = db.session.scalar(
            sa.select(sa.func.count()).where(Deadline.status == DeadlineStatus.RUNNING)
        )
        _reset()
        full_seconds, full_signals = _run(today)
        rerun_seconds, rerun_signals = _run(today)
        next_seconds, next_signals = _run(today + timedelta(days=1))
        mails = db.session.scalar(sa.select(sa.func.count()).select_from(MailOutbox))
        _reset()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        traced_seconds, _ = _run(today)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        db.session.remove()
    return {
        "running_deadlines": running,
        "full_seconds": round(full_seconds, 3),
        "full_signals": full_signals,
        "mail_rows": mails,
        "rerun_seconds": round(rerun_seconds, 3),
        "rerun_signals": rerun_signals,
        "next_day_seconds": round(next_seconds, 3),
        "next_day_signals": next_signals,
        "peak_python_mb": round(peak / 2**20, 1),
        "traced_full_seconds": round(traced_seconds, 3),
        "process_peak_rss_mb": round(rss_after / 1024, 1),
        "rss_growth_during_traced_scan_mb": round((rss_after - rss_before) / 1024, 1),
    }
