"""Temporary lockout after repeated failed logins."""

from datetime import timedelta

from caseflow import clock
from caseflow.extensions import db
from caseflow.models.security import LoginThrottle
from caseflow.unit_of_work import keep_on_refusal

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# Failures older than this no longer count towards a lockout.
WINDOW = timedelta(minutes=30)


def _row(username: str) -> LoginThrottle | None:
    return db.session.get(LoginThrottle, username.strip().lower()[:80])


def is_locked(username: str) -> bool:
    row = _row(username)
    return row is not None and row.locked_until is not None and row.locked_until > clock.now()


def record_failure(username: str) -> None:
    """Count a failed login; the count stays when the request is refused and rolled back."""
    keep_on_refusal(lambda: _count_failure(username))


def _count_failure(username: str) -> None:
    key = username.strip().lower()[:80]
    now = clock.now()
    row = db.session.get(LoginThrottle, key) or LoginThrottle(username=key, failures=0)
    if row.last_failure_at is not None and now - row.last_failure_at > WINDOW:
        row.failures = 0
    row.failures += 1
    row.last_failure_at = now
    if row.failures >= MAX_FAILURES:
        row.locked_until = now + LOCKOUT
    db.session.add(row)
    db.session.flush()


def record_success(username: str) -> None:
    row = _row(username)
    if row is not None:
        db.session.delete(row)
