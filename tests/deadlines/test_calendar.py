from datetime import date

import holidays
import pytest

from caseflow.deadlines import (
    DEFAULT_CALENDAR,
    HolidayCalendar,
    add_working_days,
    is_working_day,
    working_days_between,
)

from .dates import on


def test_holidays_2026_are_exactly_the_atw_list() -> None:
    assert DEFAULT_CALENDAR.holidays_in(2026) == {
        on("do 2026-01-01"): "Nieuwjaarsdag",
        on("vr 2026-04-03"): "Goede Vrijdag",
        on("ma 2026-04-06"): "Tweede Paasdag",
        on("ma 2026-04-27"): "Koningsdag",
        on("di 2026-05-05"): "Bevrijdingsdag",
        on("do 2026-05-14"): "Hemelvaartsdag",
        on("ma 2026-05-25"): "Tweede Pinksterdag",
        on("vr 2026-12-25"): "Eerste Kerstdag",
        on("za 2026-12-26"): "Tweede Kerstdag",
    }


def test_holidays_2027_are_exactly_the_atw_list() -> None:
    assert list(DEFAULT_CALENDAR.holidays_in(2027)) == [
        on("vr 2027-01-01"),
        on("vr 2027-03-26"),
        on("ma 2027-03-29"),
        on("di 2027-04-27"),
        on("wo 2027-05-05"),
        on("do 2027-05-06"),
        on("ma 2027-05-17"),
        on("za 2027-12-25"),
        on("zo 2027-12-26"),
    ]


def test_liberation_day_counts_in_a_year_that_is_no_lustrum() -> None:
    assert DEFAULT_CALENDAR.name(on("di 2026-05-05")) == "Bevrijdingsdag"
    assert not is_working_day(on("di 2026-05-05"))


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031])
def test_liberation_day_counts_every_year(year: int) -> None:
    assert DEFAULT_CALENDAR.is_holiday(date(year, 5, 5))


def test_the_package_alone_gives_5_may_2026_only_as_optional() -> None:
    public = holidays.country_holidays("NL", years=2026)
    assert date(2026, 5, 5) not in public


def test_kings_day_moves_to_26_april_when_27_april_is_a_sunday() -> None:
    assert DEFAULT_CALENDAR.name(on("za 2025-04-26")) == "Koningsdag"
    assert not DEFAULT_CALENDAR.is_holiday(on("zo 2025-04-27"))
    assert DEFAULT_CALENDAR.name(on("ma 2026-04-27")) == "Koningsdag"
    assert not DEFAULT_CALENDAR.is_holiday(on("zo 2026-04-26"))


def test_easter_and_whit_sunday_are_no_atw_holidays_but_no_working_days() -> None:
    for sunday in (on("zo 2026-04-05"), on("zo 2026-05-24")):
        assert DEFAULT_CALENDAR.name(sunday) is None
        assert not is_working_day(sunday)


@pytest.mark.parametrize(
    "day",
    [
        on("ma 2026-02-16"),  # carnaval
        on("di 2026-02-17"),  # carnaval
        on("ma 2026-05-04"),  # Dodenherdenking
        on("di 2026-09-15"),  # Prinsjesdag
        on("vr 2025-12-05"),  # Sinterklaasavond
        on("do 2026-12-24"),  # Kerstavond
        on("do 2026-12-31"),  # Oudejaarsdag
    ],
)
def test_days_outside_the_atw_are_working_days(day: date) -> None:
    assert DEFAULT_CALENDAR.name(day) is None
    assert is_working_day(day)


def test_extra_days_by_royal_decree() -> None:
    friday_after_ascension = on("vr 2026-05-15")
    calendar = HolidayCalendar(extra_days=[friday_after_ascension])
    assert calendar.is_holiday(friday_after_ascension)
    assert "koninklijk besluit" in (calendar.name(friday_after_ascension) or "")
    assert not is_working_day(friday_after_ascension, calendar)
    assert is_working_day(friday_after_ascension)
    assert calendar.extra_days == frozenset({friday_after_ascension})


def test_an_extra_day_on_a_holiday_keeps_the_holiday_name() -> None:
    calendar = HolidayCalendar(extra_days=[on("ma 2026-04-06")])
    assert calendar.name(on("ma 2026-04-06")) == "Tweede Paasdag"


def test_the_package_is_asked_once_per_year(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    original = holidays.country_holidays

    def counting(*args: object, **kwargs: object) -> holidays.HolidayBase:
        calls.append(kwargs.get("years"))
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(holidays, "country_holidays", counting)
    calendar = HolidayCalendar()
    for day in (on("do 2026-01-01"), on("ma 2026-04-06"), on("vr 2026-12-25")):
        assert calendar.is_holiday(day)
    assert calendar.is_holiday(on("vr 2027-01-01"))
    assert calendar.name(on("wo 2026-03-18")) is None
    assert calls == [2026, 2027]


def test_holidays_in_returns_a_copy() -> None:
    calendar = HolidayCalendar()
    calendar.holidays_in(2026).clear()
    assert calendar.is_holiday(on("do 2026-01-01"))


def test_working_days() -> None:
    assert is_working_day(on("vr 2026-03-06"))
    assert not is_working_day(on("za 2026-03-07"))
    assert not is_working_day(on("zo 2026-03-08"))
    assert not is_working_day(on("vr 2026-04-03"))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (on("vr 2026-03-06"), 3, on("wo 2026-03-11")),
        (on("do 2026-04-02"), 3, on("do 2026-04-09")),  # Goede Vrijdag and Tweede Paasdag
        (on("vr 2026-04-24"), 1, on("di 2026-04-28")),  # Koningsdag
        (on("ma 2026-05-04"), 1, on("wo 2026-05-06")),  # Bevrijdingsdag
        (on("wo 2026-05-13"), 1, on("vr 2026-05-15")),  # Hemelvaartsdag
        (on("vr 2026-05-22"), 1, on("di 2026-05-26")),  # Tweede Pinksterdag
        (on("do 2026-12-24"), 2, on("di 2026-12-29")),  # Kerstdagen
        (on("do 2026-12-31"), 1, on("ma 2027-01-04")),  # Nieuwjaarsdag
        (on("zo 2026-03-08"), 0, on("zo 2026-03-08")),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


def test_add_working_days_with_an_extra_day() -> None:
    calendar = HolidayCalendar(extra_days=[on("vr 2026-05-15")])
    assert add_working_days(on("wo 2026-05-13"), 1, calendar) == on("ma 2026-05-18")


def test_add_working_days_refuses_a_negative_number() -> None:
    with pytest.raises(ValueError, match="negatief"):
        add_working_days(on("vr 2026-03-06"), -1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (on("vr 2026-03-06"), on("wo 2026-03-11"), 3),
        (on("do 2026-04-02"), on("do 2026-04-09"), 3),
        (on("do 2026-12-24"), on("ma 2027-01-04"), 5),
        (on("vr 2026-03-06"), on("vr 2026-03-06"), 0),
        (on("vr 2026-03-06"), on("zo 2026-03-08"), 0),
        (on("wo 2026-03-11"), on("vr 2026-03-06"), -3),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected
