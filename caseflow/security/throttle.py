"""Temporary lockout after repeated failed logins, counted three ways.

- per name from one address: 5 failures lock that name from that address (the usual typo-prone
  user, or someone guessing one password);
- per address: 20 failures lock the address for every name (someone trying many names);
- per name from anywhere: 20 failures lock the name everywhere (a guess spread over addresses).
Locking someone else out now costs an attacker four times the attempts the old per-name lock
did, and the victim at their own desk is locked only by the last rule. Unknown names count the
same as known ones, so nothing is given away.
"""

from datetime import timedelta

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models.security import LoginThrottle
from caseflow.unit_of_work import keep_on_refusal

MAX_FAILURES = 5
MAX_FAILURES_WIDE = 20
LOCKOUT = timedelta(minutes=15)
# Failures older than this no longer count towards a lockout.
WINDOW = timedelta(minutes=30)
KEY_LENGTH = 80


def _name(username: str) -> str:
    return username.strip().lower()


def _name_keys(username: str, origin: str | None) -> tuple[str, str]:
    """The counters of this name: from this address, and from anywhere. A user name has no
    '@' or ':' (rights/accounts.USERNAME), so the keys cannot collide with one another."""
    name = _name(username)
    return f"{name}@{origin or 'onbekend'}"[:KEY_LENGTH], f"{name}:*"[:KEY_LENGTH]


def _keys(username: str, origin: str | None) -> dict[str, int]:
    """Each counter for this attempt with the failures that lock it."""
    here, anywhere = _name_keys(username, origin)
    address = f"@{origin or 'onbekend'}"[:KEY_LENGTH]
    return {here: MAX_FAILURES, address: MAX_FAILURES_WIDE, anywhere: MAX_FAILURES_WIDE}


def is_locked(username: str, origin: str | None = None) -> bool:
    now = clock.now()
    for key in _keys(username, origin):
        row = db.session.get(LoginThrottle, key)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            return True
    return False


def record_failure(username: str, origin: str | None = None) -> None:
    """Count a failed login; the count stays when the request is refused and rolled back."""
    keep_on_refusal(lambda: _count_failure(username, origin))


def _count_failure(username: str, origin: str | None) -> None:
    now = clock.now()
    for key, limit in _keys(username, origin).items():
        row = db.session.get(LoginThrottle, key) or LoginThrottle(username=key, failures=0)
        if row.last_failure_at is not None and now - row.last_failure_at > WINDOW:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= limit:
            row.locked_until = now + LOCKOUT
        db.session.add(row)
    db.session.flush()


def record_success(username: str, origin: str | None = None) -> None:
    """A good password clears this name's counters from this address (not the address's)."""
    for key in _name_keys(username, origin):
        row = db.session.get(LoginThrottle, key)
        if row is not None:
            db.session.delete(row)


def lift(username: str) -> None:
    """A beheerder reset the password: every lock on this name goes, from every address."""
    name = _name(username)
    db.session.execute(
        sa.delete(LoginThrottle).where(
            sa.or_(
                LoginThrottle.username == f"{name}:*",
                LoginThrottle.username.startswith(f"{name}@", autoescape=True),
            )
        )
    )
