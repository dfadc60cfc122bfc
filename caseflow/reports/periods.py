"""Report periods on Amsterdam calendar dates: month, four-month period, year or custom."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from caseflow.clock import LOCAL_TZ
from caseflow.deadlines.dutch_dates import MONTHS

# Bestuursrapportages cover January-April, May-August and September-December.
TERTIAL_MONTHS = 4
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_TERTIAL = re.compile(r"^(\d{4})-T([123])$")
_YEAR = re.compile(r"^(\d{4})$")
_CUSTOM = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


class ReportError(ValueError):
    """A period or filter a report cannot work with; the message is Dutch."""


def local_midnight_utc(day: date) -> datetime:
    """The UTC moment at which `day` starts in Amsterdam."""
    return datetime(day.year, day.month, day.day, tzinfo=LOCAL_TZ).astimezone(UTC)


@dataclass(frozen=True)
class Period:
    """Inclusive first and last Amsterdam calendar day; None leaves that side open."""

    start: date | None
    end: date | None
    code: str
    label: str

    @classmethod
    def everything(cls) -> "Period":
        return cls(None, None, "", "alle perioden")

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        first = date(year, month, 1)
        last = _next_month(first) - timedelta(days=1)
        return cls(first, last, f"{year}-{month:02d}", f"{MONTHS[month - 1]} {year}")

    @classmethod
    def tertial(cls, year: int, number: int) -> "Period":
        first = date(year, (number - 1) * TERTIAL_MONTHS + 1, 1)
        last = date(year, number * TERTIAL_MONTHS, 1)
        last = _next_month(last) - timedelta(days=1)
        first_name, last_name = MONTHS[first.month - 1], MONTHS[last.month - 1]
        label = f"{number}e viermaandsperiode {year} ({first_name}–{last_name})"
        return cls(first, last, f"{year}-T{number}", label)

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31), f"{year}", f"{year}")

    @classmethod
    def custom(cls, start: date | None, end: date | None) -> "Period":
        if start is None and end is None:
            return cls.everything()
        if start is not None and end is not None and end < start:
            raise ReportError("De einddatum ligt vóór de begindatum.")
        code = f"{start.isoformat() if start else ''}..{end.isoformat() if end else ''}"
        first = _short(start) if start else "het begin"
        last = _short(end) if end else "nu"
        return cls(start, end, code, f"{first} t/m {last}")

    @classmethod
    def parse(cls, text: str) -> "Period":
        """Read a period code such as 2026-03, 2026-T1, 2026 or 2026-01-01..2026-02-15."""
        text = text.strip()
        if not text:
            return cls.everything()
        try:
            if m := _MONTH.match(text):
                return cls.month(int(m[1]), int(m[2]))
            if m := _TERTIAL.match(text):
                return cls.tertial(int(m[1]), int(m[2]))
            if m := _YEAR.match(text):
                return cls.year(int(m[1]))
            if m := _CUSTOM.match(text):
                return cls.custom(date.fromisoformat(m[1]), date.fromisoformat(m[2]))
        except ValueError as exc:
            if isinstance(exc, ReportError):
                raise
            raise ReportError(f"De periode '{text}' bestaat niet.") from None
        raise ReportError(f"De periode '{text}' wordt niet herkend.")

    @property
    def utc_start(self) -> datetime | None:
        return local_midnight_utc(self.start) if self.start else None

    @property
    def utc_end(self) -> datetime | None:
        """Exclusive: the first moment after the last day."""
        return local_midnight_utc(self.end + timedelta(days=1)) if self.end else None

    def months(self) -> list["Period"]:
        return self._split(lambda d: Period.month(d.year, d.month), _next_month)

    def years(self) -> list["Period"]:
        return self._split(lambda d: Period.year(d.year), lambda d: date(d.year + 1, 1, 1))

    def _split(
        self, make: Callable[[date], "Period"], step: Callable[[date], date]
    ) -> list["Period"]:
        if self.start is None or self.end is None:
            raise ReportError("Kies een begin- en einddatum om per maand of jaar te tellen.")
        parts = []
        day = self.start
        while day <= self.end:
            whole = make(day)
            assert whole.end is not None
            start, end = max(day, self.start), min(whole.end, self.end)
            same = (start, end) == (whole.start, whole.end)
            parts.append(whole if same else _part(whole, start, end))
            day = step(whole.start or day)
        return parts


def _part(whole: Period, start: date, end: date) -> Period:
    return Period(start, end, whole.code, f"{whole.label} ({_short(start)} t/m {_short(end)})")


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _short(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def tertial_of(day: date) -> Period:
    return Period.tertial(day.year, (day.month - 1) // TERTIAL_MONTHS + 1)


def year_to_date(period: Period) -> Period:
    """From 1 January of the period's year up to its last day (the cumulative column)."""
    if period.end is None:
        return period
    return Period.custom(date(period.end.year, 1, 1), period.end)


def recent_choices(
    today: date, months: int = 15, tertials: int = 6, years: int = 5
) -> list[Period]:
    """Periods offered in the filter form, newest first."""
    choices: list[Period] = []
    first = date(today.year, today.month, 1)
    for _ in range(months):
        choices.append(Period.month(first.year, first.month))
        first = (first - timedelta(days=1)).replace(day=1)
    current = tertial_of(today)
    year, number = current.start.year if current.start else today.year, int(current.code[-1])
    for _ in range(tertials):
        choices.append(Period.tertial(year, number))
        year, number = (year, number - 1) if number > 1 else (year - 1, 3)
    choices.extend(Period.year(today.year - i) for i in range(years))
    return choices
