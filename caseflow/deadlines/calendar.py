"""Public holidays and working days per the Algemene termijnenwet (Atw)."""

from collections.abc import Iterable
from datetime import date, timedelta

import holidays

# Names as the `holidays` package writes them in Dutch (lower-cased), mapped to the name we show.
# Only the days of Atw art. 3 lid 1 and Goede Vrijdag (art. 3 lid 2) are here. Eerste Paasdag and
# Eerste Pinksterdag are left out on purpose: the Atw does not list them and they are Sundays.
ATW_HOLIDAY_NAMES = {
    "nieuwjaarsdag": "Nieuwjaarsdag",
    "goede vrijdag": "Goede Vrijdag",
    "tweede paasdag": "Tweede Paasdag",
    "koningsdag": "Koningsdag",
    "koninginnedag": "Koninginnedag",
    "bevrijdingsdag": "Bevrijdingsdag",
    "hemelvaartsdag": "Hemelvaartsdag",
    "tweede pinksterdag": "Tweede Pinksterdag",
    "eerste kerstdag": "Eerste Kerstdag",
    "tweede kerstdag": "Tweede Kerstdag",
}

EQUATED_DAY_NAME = "een bij koninklijk besluit met een feestdag gelijkgestelde dag"


class HolidayCalendar:
    """The Atw holidays (art. 3), plus days equated to them by royal decree (art. 3 lid 3)."""

    def __init__(self, extra_days: Iterable[date] = ()) -> None:
        self._extra_days = frozenset(extra_days)
        self._years: dict[int, dict[date, str]] = {}

    @property
    def extra_days(self) -> frozenset[date]:
        return self._extra_days

    def holidays_in(self, year: int) -> dict[date, str]:
        """All holidays of one year with their Dutch name, in date order."""
        return dict(self._year(year))

    def is_holiday(self, day: date) -> bool:
        return self.name(day) is not None

    def name(self, day: date) -> str | None:
        """The Dutch name of the holiday on ``day``, or None when it is no holiday."""
        return self._year(day.year).get(day)

    def _year(self, year: int) -> dict[date, str]:
        cached = self._years.get(year)
        if cached is None:
            cached = self._load(year)
            self._years[year] = cached
        return cached

    def _load(self, year: int) -> dict[date, str]:
        # The "public" category has 5 May only in lustrum years; "optional" adds the others.
        source = holidays.country_holidays(
            "NL", years=year, categories=("public", "optional"), language="nl"
        )
        found: dict[date, str] = {}
        for day, raw_name in source.items():
            names = [
                ATW_HOLIDAY_NAMES[part.strip().lower()]
                for part in str(raw_name).split(";")
                if part.strip().lower() in ATW_HOLIDAY_NAMES
            ]
            if names:
                found[day] = " en ".join(dict.fromkeys(names))
        # Atw art. 3 names 5 May for every year; do not let a change in the package drop it.
        found.setdefault(date(year, 5, 5), "Bevrijdingsdag")
        for day in self._extra_days:
            if day.year == year:
                found.setdefault(day, EQUATED_DAY_NAME)
        return dict(sorted(found.items()))


DEFAULT_CALENDAR = HolidayCalendar()


def _calendar(calendar: HolidayCalendar | None) -> HolidayCalendar:
    return DEFAULT_CALENDAR if calendar is None else calendar


def is_working_day(day: date, calendar: HolidayCalendar | None = None) -> bool:
    """Monday to Friday and not a holiday."""
    return day.weekday() < 5 and not _calendar(calendar).is_holiday(day)


def add_working_days(start: date, n: int, calendar: HolidayCalendar | None = None) -> date:
    """The n-th working day after ``start`` (``start`` itself does not count)."""
    if n < 0:
        raise ValueError(f"Het aantal werkdagen mag niet negatief zijn (opgegeven: {n}).")
    cal = _calendar(calendar)
    day = start
    remaining = n
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, cal):
            remaining -= 1
    return day


def _weekdays_after(start: date, end: date) -> int:
    """Mondays to Fridays in (start, end], for start <= end."""
    full_weeks, rest = divmod((end - start).days, 7)
    count = full_weeks * 5
    weekday = start.weekday()
    for offset in range(1, rest + 1):
        if (weekday + offset) % 7 < 5:
            count += 1
    return count


def working_days_between(start: date, end: date, calendar: HolidayCalendar | None = None) -> int:
    """Working days in (start, end]; negative when ``end`` lies before ``start``.

    With ``start`` = today and ``end`` = a due date this says how many working days are left;
    a negative number means the term has passed by that many working days.
    """
    if end < start:
        return -working_days_between(end, start, calendar)
    cal = _calendar(calendar)
    count = _weekdays_after(start, end)
    for year in range(start.year, end.year + 1):
        for day in cal.holidays_in(year):
            if start < day <= end and day.weekday() < 5:
                count -= 1
    return count
