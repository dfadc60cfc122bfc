from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from caseflow.deadlines import (
    TermSpec,
    add_working_days,
    explain,
    is_working_day,
    legal_due_date,
    working_days_between,
)
from caseflow.deadlines.dutch_dates import format_date

# No example database on disk, and no deadline: the first use of a year loads its holidays.
SETTINGS = settings(database=None, deadline=None, max_examples=200)

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def suspension_lists(draw: st.DrawFn, received: date) -> tuple[tuple[date, date], ...]:
    """Non-overlapping suspensions after receipt, in random order."""
    periods = []
    start = received
    for _ in range(draw(st.integers(0, 4))):
        start += timedelta(days=draw(st.integers(0, 30)))
        end = start + timedelta(days=draw(st.integers(0, 40)))
        periods.append((start, end))
        start = end
    return tuple(draw(st.permutations(periods)))


@st.composite
def terms(draw: st.DrawFn, max_term_days: int = 200) -> tuple[date, TermSpec]:
    received = draw(dates)
    weeks = draw(st.integers(0, max_term_days // 7))
    days = draw(st.integers(0, max_term_days - 7 * weeks))
    extension_weeks = draw(st.integers(0, (max_term_days - 7 * weeks - days) // 7))
    term = TermSpec(
        weeks=weeks,
        days=days,
        working_days=draw(st.integers(0, 20)),
        extension_weeks=extension_weeks,
        suspensions=draw(suspension_lists(received)),
        statutory=draw(st.booleans()),
    )
    return received, term


@SETTINGS
@given(terms())
def test_due_date_is_never_before_receipt(case: tuple[date, TermSpec]) -> None:
    received, term = case
    assert legal_due_date(received, term) >= received


@SETTINGS
@given(terms(), st.data())
def test_a_suspension_never_makes_the_date_earlier(
    case: tuple[date, TermSpec], data: st.DataObject
) -> None:
    received, term = case
    suspensions = term.suspensions
    if not suspensions:
        return
    dropped = data.draw(st.integers(0, len(suspensions) - 1))
    fewer = replace(term, suspensions=suspensions[:dropped] + suspensions[dropped + 1 :])
    assert legal_due_date(received, fewer) <= legal_due_date(received, term)


@SETTINGS
@given(terms(), st.integers(1, 6))
def test_an_extension_never_makes_the_date_earlier(case: tuple[date, TermSpec], extra: int) -> None:
    received, term = case
    longer = replace(term, extension_weeks=term.extension_weeks + extra)
    assert legal_due_date(received, term) <= legal_due_date(received, longer)


@SETTINGS
@given(terms(max_term_days=84))
def test_a_statutory_term_of_at_most_12_weeks_ends_on_a_working_day(
    case: tuple[date, TermSpec],
) -> None:
    received, term = case
    assert is_working_day(legal_due_date(received, replace(term, statutory=True)))


@SETTINGS
@given(terms())
def test_a_service_norm_in_calendar_days_is_plain_arithmetic(
    case: tuple[date, TermSpec],
) -> None:
    received, term = case
    term = replace(term, statutory=False, working_days=0)
    suspended = sum((end - start).days for start, end in term.suspensions)
    length = 7 * (term.weeks + term.extension_weeks) + term.days + suspended
    assert legal_due_date(received, term) == received + timedelta(days=length)


@SETTINGS
@given(terms())
def test_explain_ends_with_the_due_date(case: tuple[date, TermSpec]) -> None:
    received, term = case
    steps = explain(received, term)
    assert steps[-1] == f"Uiterste datum: {format_date(legal_due_date(received, term))}."
    assert steps[0] == f"Ontvangen op {format_date(received)}."


@SETTINGS
@given(dates, st.integers(0, 400))
def test_working_days_between_undoes_add_working_days(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert is_working_day(end) or n == 0


@SETTINGS
@given(dates, st.integers(-60, 400))
def test_working_days_between_counts_day_by_day(start: date, offset: int) -> None:
    end = start + timedelta(days=offset)
    low, high = min(start, end), max(start, end)
    days = (low + timedelta(days=i) for i in range(1, (high - low).days + 1))
    count = sum(1 for day in days if is_working_day(day))
    assert working_days_between(start, end) == (count if end >= start else -count)
