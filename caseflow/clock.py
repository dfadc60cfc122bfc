"""The one clock of caseflow: every 'now' comes from here so tests and demo data can travel."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
_frozen_at: ContextVar[datetime | None] = ContextVar("caseflow_frozen_at", default=None)


def now() -> datetime:
    """The current moment as a timezone-aware UTC datetime."""
    frozen = _frozen_at.get()
    return frozen if frozen is not None else datetime.now(UTC)


@contextmanager
def travel_to(moment: datetime) -> Iterator[None]:
    """Let now() return `moment` inside the block (used to build demo histories)."""
    if moment.tzinfo is None:
        raise ValueError("travel_to needs a timezone-aware moment")
    token = _frozen_at.set(moment.astimezone(UTC))
    try:
        yield
    finally:
        _frozen_at.reset(token)


def today() -> date:
    """Today's calendar date in the Netherlands, the date deadlines are counted on."""
    return local_date(now())


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ)
