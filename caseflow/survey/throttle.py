"""The public survey page's brake: a handful of tries per address, so nobody guesses links.

It counts in the login throttle's table under a key of its own ("enquete:@<address>"), which no
user name can produce (a user name has no ':'), and keeps the count when a request is refused.
"""

from datetime import timedelta

from caseflow import clock
from caseflow.extensions import db
from caseflow.models.security import LoginThrottle
from caseflow.unit_of_work import keep_on_refusal

MAX_REQUESTS = 30
WINDOW = timedelta(minutes=30)
KEY_LENGTH = 80


def _key(origin: str | None) -> str:
    return f"enquete:@{origin or 'onbekend'}"[:KEY_LENGTH]


def too_many(origin: str | None) -> bool:
    """Count this request; whether the address has asked too often within the window."""
    row = db.session.get(LoginThrottle, _key(origin))
    now = clock.now()
    if row is not None and row.locked_until is not None and row.locked_until > now:
        return True
    keep_on_refusal(lambda: _count(origin))
    return False


def _count(origin: str | None) -> None:
    now = clock.now()
    key = _key(origin)
    row = db.session.get(LoginThrottle, key) or LoginThrottle(username=key, failures=0)
    if row.last_failure_at is not None and now - row.last_failure_at > WINDOW:
        row.failures = 0
    row.failures += 1
    row.last_failure_at = now
    if row.failures >= MAX_REQUESTS:
        row.locked_until = now + WINDOW
    db.session.add(row)
    db.session.flush()
