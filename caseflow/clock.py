"""The one clock of caseflow: every 'now' comes from here so tests can travel in time."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")


def now() -> datetime:
    """The current moment as a timezone-aware UTC datetime."""
    return datetime.now(UTC)


def today() -> date:
    """Today's calendar date in the Netherlands, the date deadlines are counted on."""
    return local_date(now())


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ)
