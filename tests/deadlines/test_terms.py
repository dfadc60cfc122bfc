from collections.abc import Callable
from datetime import date

import pytest

from caseflow.deadlines import HolidayCalendar, TermSpec, legal_due_date

from .dates import on


def test_weeks_land_on_the_same_weekday() -> None:
    # Wmo 2015 art. 2.3.5 lid 2: beschikking within 2 weeks of the aanvraag.
    assert legal_due_date(on("do 2026-03-19"), TermSpec(weeks=2)) == on("do 2026-04-02")


def test_days_count_from_the_day_of_receipt() -> None:
    # Wmo 2015 art. 2.3.2 lid 2: personal plan within 7 days of the melding.
    assert legal_due_date(on("ma 2026-03-09"), TermSpec(days=7)) == on("ma 2026-03-16")


def test_eight_weeks_awb() -> None:
    assert legal_due_date(on("wo 2026-01-14"), TermSpec(weeks=8)) == on("wo 2026-03-11")


@pytest.mark.parametrize(
    ("received", "weeks", "expected"),
    [
        # Goede Vrijdag, weekend and Tweede Paasdag in one go.
        (on("vr 2026-03-27"), 1, on("di 2026-04-07")),
        (on("vr 2027-03-19"), 1, on("di 2027-03-30")),
        # Koningsdag on a Monday.
        (on("ma 2026-04-13"), 2, on("di 2026-04-28")),
        # 5 May in a year that is no lustrum year.
        (on("di 2026-04-21"), 2, on("wo 2026-05-06")),
        (on("do 2026-04-30"), 2, on("vr 2026-05-15")),  # Hemelvaartsdag
        (on("za 2026-05-09"), 2, on("di 2026-05-26")),  # weekend and Tweede Pinksterdag
        (on("vr 2026-12-11"), 2, on("ma 2026-12-28")),  # Eerste and Tweede Kerstdag
        (on("vr 2025-12-12"), 2, on("ma 2025-12-29")),  # Tweede Kerstdag on a Friday
        (on("za 2027-12-11"), 2, on("ma 2027-12-27")),  # Kerstdagen in the weekend
        (on("do 2025-12-18"), 2, on("vr 2026-01-02")),  # Nieuwjaarsdag on a Thursday
        (on("vr 2026-12-18"), 2, on("ma 2027-01-04")),  # Nieuwjaarsdag on a Friday
    ],
)
def test_article_1_moves_past_weekends_and_holidays(
    received: date, weeks: int, expected: date
) -> None:
    assert legal_due_date(received, TermSpec(weeks=weeks)) == expected


def test_kings_day_on_saturday_26_april_2025() -> None:
    assert legal_due_date(on("wo 2025-04-16"), TermSpec(days=10)) == on("ma 2025-04-28")


def test_a_day_equated_by_royal_decree_counts_as_a_holiday() -> None:
    calendar = HolidayCalendar(extra_days=[on("vr 2026-05-15")])
    received = on("do 2026-04-30")
    assert legal_due_date(received, TermSpec(weeks=2), calendar=calendar) == on("ma 2026-05-18")


def test_a_suspension_can_push_the_date_onto_a_holiday() -> None:
    received = on("do 2026-03-19")
    suspension = (on("ma 2026-03-23"), on("vr 2026-03-27"))
    due = legal_due_date(received, TermSpec(weeks=2, suspensions=(suspension,)))
    assert due == on("di 2026-04-07")


def test_unsorted_suspensions_add_up() -> None:
    suspensions = (
        (on("wo 2026-03-25"), on("vr 2026-03-27")),
        (on("wo 2026-03-18"), on("vr 2026-03-20")),
    )
    # 30 March plus 4 days is Goede Vrijdag 3 April; the next working day is 7 April.
    received = on("ma 2026-03-16")
    due = legal_due_date(received, TermSpec(weeks=2, suspensions=suspensions))
    assert due == on("di 2026-04-07")


def test_adjacent_suspensions_are_allowed() -> None:
    suspensions = (
        (on("ma 2026-03-02"), on("ma 2026-03-09")),
        (on("ma 2026-03-09"), on("ma 2026-03-16")),
    )
    received = on("ma 2026-02-23")
    due = legal_due_date(received, TermSpec(weeks=8, suspensions=suspensions))
    assert due == on("ma 2026-05-04")


def test_a_suspension_of_zero_days_moves_nothing() -> None:
    empty = (on("di 2026-03-10"), on("di 2026-03-10"))
    due = legal_due_date(on("ma 2026-03-09"), TermSpec(days=7, suspensions=(empty,)))
    assert due == on("ma 2026-03-16")


def test_objection_term_extended_to_12_weeks_still_follows_the_atw() -> None:
    # Awb 7:10: 6 weeks plus 6 weeks verdaging is 12 weeks, not more than 12 weeks.
    due = legal_due_date(on("za 2026-01-10"), TermSpec(weeks=6, extension_weeks=6))
    assert due == on("di 2026-04-07")


def test_objection_with_committee_extended_to_18_weeks_falls_outside_the_atw() -> None:
    due = legal_due_date(on("zo 2025-11-30"), TermSpec(weeks=12, extension_weeks=6))
    assert due == on("zo 2026-04-05")


def test_awb_4_14_extension() -> None:
    due = legal_due_date(on("wo 2026-01-14"), TermSpec(weeks=8, extension_weeks=4))
    assert due == on("wo 2026-04-08")


def test_twelve_weeks_ending_on_a_sunday_moves() -> None:
    assert legal_due_date(on("zo 2026-01-11"), TermSpec(weeks=12)) == on("di 2026-04-07")


def test_thirteen_weeks_ending_on_a_sunday_stays_there() -> None:
    assert legal_due_date(on("zo 2026-01-04"), TermSpec(weeks=13)) == on("zo 2026-04-05")


def test_ninety_days_follow_the_atw_and_ninety_one_do_not() -> None:
    assert legal_due_date(on("zo 2026-01-04"), TermSpec(days=90)) == on("di 2026-04-07")
    assert legal_due_date(on("zo 2026-01-04"), TermSpec(days=91)) == on("zo 2026-04-05")


def test_more_than_twelve_weeks_counts_days_added_to_weeks() -> None:
    # 12 weeks and 1 day is more than twelve weeks, although it is less than 90 days.
    assert legal_due_date(on("za 2026-01-10"), TermSpec(weeks=12, days=1)) == on("zo 2026-04-05")


def test_suspensions_do_not_count_towards_the_twelve_week_limit() -> None:
    suspension = (on("ma 2026-02-02"), on("ma 2026-02-16"))
    due = legal_due_date(on("zo 2025-12-28"), TermSpec(weeks=12, suspensions=(suspension,)))
    assert due == on("di 2026-04-07")


def test_article_2_needs_two_working_days_in_a_short_term() -> None:
    # Friday plus 3 days is Monday, but the term holds only that one working day.
    assert legal_due_date(on("vr 2026-03-06"), TermSpec(days=3)) == on("di 2026-03-10")


def test_article_2_over_easter() -> None:
    # Friday, Saturday, Sunday and Monday after Maundy Thursday hold no working day at all;
    # article 1 alone would give Tuesday 7 April.
    assert legal_due_date(on("do 2026-04-02"), TermSpec(days=4)) == on("wo 2026-04-08")
    assert legal_due_date(on("do 2026-04-02"), TermSpec(days=3)) == on("wo 2026-04-08")


def test_article_2_does_not_apply_to_a_term_under_three_days() -> None:
    assert legal_due_date(on("do 2026-04-02"), TermSpec(days=2)) == on("di 2026-04-07")


def test_article_2_leaves_suspended_days_out() -> None:
    # Thursday and Friday are suspended, so Saturday to Monday hold one working day only.
    suspension = (on("do 2026-03-05"), on("za 2026-03-07"))
    due = legal_due_date(on("wo 2026-03-04"), TermSpec(days=3, suspensions=(suspension,)))
    assert due == on("di 2026-03-10")


def test_service_norm_ends_on_a_sunday_and_stays_there() -> None:
    due = legal_due_date(on("do 2026-03-26"), TermSpec(days=10, statutory=False))
    assert due == on("zo 2026-04-05")


def test_service_norm_ends_on_a_holiday_and_stays_there() -> None:
    due = legal_due_date(on("vr 2026-03-27"), TermSpec(weeks=1, statutory=False))
    assert due == on("vr 2026-04-03")


def test_service_norm_skips_no_days_for_article_2() -> None:
    due = legal_due_date(on("vr 2026-03-06"), TermSpec(days=3, statutory=False))
    assert due == on("ma 2026-03-09")


def test_working_days_for_debt_help_under_threat_of_eviction() -> None:
    # Wgs art. 4: 3 working days; Friday becomes Wednesday.
    assert legal_due_date(on("vr 2026-03-06"), TermSpec(working_days=3)) == on("wo 2026-03-11")


@pytest.mark.parametrize("statutory", [True, False])
def test_working_days_skip_holidays(statutory: bool) -> None:
    due = legal_due_date(on("do 2026-04-02"), TermSpec(working_days=3, statutory=statutory))
    assert due == on("do 2026-04-09")


def test_working_days_over_christmas_and_new_year() -> None:
    assert legal_due_date(on("do 2026-12-24"), TermSpec(working_days=5)) == on("ma 2027-01-04")


def test_calendar_part_first_then_working_days() -> None:
    # 1 week lands on Maundy Thursday; then 2 working days after Easter.
    due = legal_due_date(on("do 2026-03-26"), TermSpec(weeks=1, working_days=2))
    assert due == on("wo 2026-04-08")


def test_working_days_with_a_suspension_ending_on_a_sunday() -> None:
    suspension = (on("do 2026-03-05"), on("wo 2026-03-11"))
    received = on("wo 2026-03-04")
    statutory = legal_due_date(received, TermSpec(working_days=3, suspensions=(suspension,)))
    service = legal_due_date(
        received, TermSpec(working_days=3, suspensions=(suspension,), statutory=False)
    )
    assert statutory == on("ma 2026-03-16")
    assert service == on("zo 2026-03-15")


def test_no_term_at_all_is_the_day_of_receipt() -> None:
    assert legal_due_date(on("wo 2026-03-04"), TermSpec()) == on("wo 2026-03-04")


def test_reversed_suspension_is_refused() -> None:
    backwards = (on("vr 2026-03-13"), on("do 2026-03-12"))
    with pytest.raises(ValueError, match="einddatum ligt vóór de begindatum"):
        legal_due_date(on("ma 2026-03-09"), TermSpec(weeks=2, suspensions=(backwards,)))


def test_overlapping_suspensions_are_refused_even_when_unsorted() -> None:
    suspensions = (
        (on("ma 2026-03-16"), on("vr 2026-03-20")),
        (on("di 2026-03-10"), on("di 2026-03-17")),
    )
    with pytest.raises(ValueError, match="Opschortingen overlappen"):
        legal_due_date(on("ma 2026-03-09"), TermSpec(weeks=6, suspensions=suspensions))


NEGATIVE_LENGTHS: dict[str, Callable[[], date]] = {
    "weken": lambda: legal_due_date(on("ma 2026-03-09"), TermSpec(weeks=-1)),
    "dagen": lambda: legal_due_date(on("ma 2026-03-09"), TermSpec(days=-3)),
    "werkdagen": lambda: legal_due_date(on("ma 2026-03-09"), TermSpec(working_days=-2)),
    "weken verdaging": lambda: legal_due_date(on("ma 2026-03-09"), TermSpec(extension_weeks=-6)),
}


@pytest.mark.parametrize("word", list(NEGATIVE_LENGTHS))
def test_negative_lengths_are_refused(word: str) -> None:
    with pytest.raises(ValueError, match=f"aantal {word} mag niet negatief"):
        NEGATIVE_LENGTHS[word]()
