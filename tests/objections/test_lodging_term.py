"""The bezwaar term (Awb 6:7, 6:8) and timeliness (6:9), across Ascension Day.

A decision made known on Thursday 2 April 2026: the six weeks start on Friday 3 April and end on
Thursday 14 May, which is Ascension Day, so the term runs to Friday 15 May (Algemene
termijnenwet art. 1).
"""

from datetime import date

import pytest

from caseflow.deadlines import HolidayCalendar
from caseflow.objections.terms import lodging_term

MADE_KNOWN = date(2026, 4, 2)  # a Thursday, six weeks before Ascension Day
LAST_DAY = date(2026, 5, 15)


def test_the_term_ending_on_ascension_day_runs_to_the_friday() -> None:
    term = lodging_term(MADE_KNOWN, LAST_DAY, None, HolidayCalendar())

    assert term.ends_on == LAST_DAY
    assert term.in_time
    assert any("Hemelvaart" in line and "15 mei 2026" in line for line in term.explanation)
    assert term.explanation[0].startswith("Bekendgemaakt (de termijn begint de dag erna")


@pytest.mark.parametrize(
    ("received", "posted", "in_time"),
    [
        (date(2026, 5, 14), None, True),  # on Ascension Day itself: before the end
        (date(2026, 5, 15), None, True),  # received on the last day
        (date(2026, 5, 18), None, False),  # the Monday after, not by post
        (date(2026, 5, 20), date(2026, 5, 15), True),  # posted on the last day, 5 days later
        (date(2026, 5, 22), date(2026, 5, 15), True),  # a week after the end, just in time
        (date(2026, 5, 23), date(2026, 5, 15), False),  # more than a week after the end
        (date(2026, 5, 20), date(2026, 5, 18), False),  # posted after the end
    ],
)
def test_on_time_when_received_before_the_end_or_posted_before_it_and_received_within_a_week(
    received: date, posted: date | None, in_time: bool
) -> None:
    term = lodging_term(MADE_KNOWN, received, posted, HolidayCalendar())

    assert term.in_time is in_time
    verdict = term.explanation[-1]
    assert verdict.startswith("Tijdig" if in_time else "Te laat")
    if in_time and posted is not None:
        assert "Awb 6:9 lid 2" in verdict
    if not in_time:
        assert "Awb 6:11" in verdict


def test_five_may_is_a_holiday_every_year_for_the_term() -> None:
    # Made known on Tuesday 24 March 2026: six weeks end on Liberation Day, Tuesday 5 May.
    term = lodging_term(date(2026, 3, 24), date(2026, 5, 6), None, HolidayCalendar())

    assert term.ends_on == date(2026, 5, 6)
    assert term.in_time
