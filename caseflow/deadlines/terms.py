"""Due dates of legal terms and service norms, with a plain-Dutch derivation."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise

from caseflow.deadlines.calendar import (
    DEFAULT_CALENDAR,
    HolidayCalendar,
    add_working_days,
    is_working_day,
)
from caseflow.deadlines.dutch_dates import capitalize, format_date, plural

Suspension = tuple[date, date]

ONE_DAY = timedelta(days=1)
# Atw art. 4: the act does not apply to terms of more than twelve weeks or ninety days.
ATW_MAX_WEEKS_IN_DAYS = 12 * 7
ATW_MAX_DAYS = 90
# Atw art. 2: a term of at least three days must contain at least two working days.
ATW_MIN_TERM_DAYS = 3
ATW_MIN_WORKING_DAYS = 2


@dataclass(frozen=True)
class TermSpec:
    """Everything a due date depends on besides the day of receipt and the holidays.

    One value instead of six keyword arguments, so a term read from a case, a workflow
    definition or a test is passed around (and cached) whole. The holidays stay apart: they
    belong to the installation, not to the term.
    """

    weeks: int = 0
    days: int = 0
    working_days: int = 0
    # A service norm (servicenorm) is the organisation's own target: the Atw does not apply.
    statutory: bool = True
    # Set by a municipal regulation (verordening), not by a statute: the Atw does not apply
    # either, and the explanation says why. Only read when ``statutory`` is false.
    by_regulation: bool = False
    extension_weeks: int = 0
    suspensions: tuple[Suspension, ...] = ()


def legal_due_date(
    received: date, term: TermSpec, *, calendar: HolidayCalendar | None = None
) -> date:
    """The last day of the term that starts counting on the day of receipt."""
    return _due_date(received, term, DEFAULT_CALENDAR if calendar is None else calendar)


# The engine asks for the due date of every running term at every step of a case, mostly for
# the same days and terms; the answer depends on nothing else, so it is kept.
@lru_cache(maxsize=4096)
def _due_date(received: date, term: TermSpec, calendar: HolidayCalendar) -> date:
    due, _ = _derive(received, term, calendar)
    return due


def explain(
    received: date,
    term: TermSpec,
    *,
    calendar: HolidayCalendar | None = None,
    received_as: str = "Ontvangen",
) -> list[str]:
    """How ``legal_due_date`` gets its answer, one short Dutch sentence per step.

    The first sentence names the day the term counts from, as ``received_as`` says it came in
    (e.g. "Gemeld bij de centrale toegang"); the last one always names the due date.
    """
    _, steps = _derive(received, term, calendar, received_as)
    return steps


def describe_length(weeks: int = 0, days: int = 0, working_days: int = 0) -> str:
    """A term's length as a title says it: ``6 weken``, ``1 werkdag``, ``1 week en 2 dagen``."""
    parts = []
    if weeks:
        parts.append(plural(weeks, "week", "weken"))
    if days:
        parts.append(plural(days, "dag", "dagen"))
    if working_days:
        parts.append(plural(working_days, "werkdag", "werkdagen"))
    return " en ".join(parts) or plural(0, "dag", "dagen")


def _derive(
    received: date,
    term: TermSpec,
    calendar: HolidayCalendar | None,
    received_as: str = "Ontvangen",
) -> tuple[date, list[str]]:
    weeks, days, working_days = term.weeks, term.days, term.working_days
    extension_weeks, statutory = term.extension_weeks, term.statutory
    cal = DEFAULT_CALENDAR if calendar is None else calendar
    _check_lengths(weeks=weeks, days=days, working_days=working_days, extension=extension_weeks)
    periods = _checked_suspensions(term.suspensions)

    steps = [f"{received_as} op {format_date(received)}."]
    calendar_days = 7 * weeks + days
    due = received + timedelta(days=calendar_days)
    if calendar_days or not working_days:
        steps.append(f"Termijn van {_describe(weeks, days)}: loopt tot {format_date(due)}.")
    if working_days:
        due = add_working_days(due, working_days, cal)
        label = plural(working_days, "werkdag", "werkdagen")
        lead = "Daarna" if calendar_days else "Termijn van"
        steps.append(
            f"{lead} {label} (zaterdag, zondag en feestdagen tellen niet mee): "
            f"loopt tot {format_date(due)}."
        )
    if extension_weeks:
        due += timedelta(weeks=extension_weeks)
        steps.append(
            f"Verdaagd met {plural(extension_weeks, 'week', 'weken')}: nu {format_date(due)}."
        )
    for start, end in periods:
        moved = (end - start).days
        due += timedelta(days=moved)
        span = f"{format_date(start)} tot {format_date(end)}"
        if moved:
            steps.append(
                f"Opgeschort van {span}: {plural(moved, 'dag', 'dagen')} erbij, "
                f"nu {format_date(due)}."
            )
        else:
            steps.append(f"Opschorting van {span} duurt 0 dagen: blijft {format_date(due)}.")

    term_days = calendar_days + 7 * extension_weeks
    if not statutory:
        if not is_working_day(due, cal):
            what = (
                "Deze termijn staat in een gemeentelijke verordening"
                if term.by_regulation
                else "Dit is een servicenorm"
            )
            steps.append(
                f"{what}: de Algemene termijnenwet geldt niet, "
                f"dus de termijn blijft op {format_date(due)}."
            )
    elif not _atw_applies(term_days, counted_in_weeks=bool(weeks or extension_weeks)):
        if not is_working_day(due, cal):
            limit = "12 weken" if weeks or extension_weeks else "90 dagen"
            steps.append(
                f"De termijn is langer dan {limit}; volgens de Algemene termijnenwet (art. 4) "
                f"schuift hij daarom niet door en blijft op {format_date(due)}."
            )
    else:
        if term_days + working_days >= ATW_MIN_TERM_DAYS:
            due = _apply_article_2(received, due, periods, cal, steps)
        due = _apply_article_1(due, cal, steps)

    steps.append(f"Uiterste datum: {format_date(due)}.")
    return due, steps


def _check_lengths(**lengths: int) -> None:
    labels = {
        "weeks": "weken",
        "days": "dagen",
        "working_days": "werkdagen",
        "extension": "weken verdaging",
    }
    for key, value in lengths.items():
        if value < 0:
            raise ValueError(
                f"Het aantal {labels[key]} mag niet negatief zijn (opgegeven: {value})."
            )


def _checked_suspensions(suspensions: Sequence[Suspension]) -> list[Suspension]:
    for start, end in suspensions:
        if end < start:
            raise ValueError(
                f"Opschorting van {format_date(start)} tot {format_date(end)} klopt niet: "
                "de einddatum ligt vóór de begindatum."
            )
    periods = sorted(suspensions)
    running = [(start, end) for start, end in periods if end > start]
    for (first_start, first_end), (next_start, next_end) in pairwise(running):
        if next_start < first_end:
            raise ValueError(
                f"Opschortingen overlappen: {format_date(first_start)} tot "
                f"{format_date(first_end)} en {format_date(next_start)} tot "
                f"{format_date(next_end)}. Een opgeschorte dag mag maar één keer meetellen."
            )
    return periods


def _describe(weeks: int, days: int) -> str:
    parts = []
    if weeks:
        parts.append(plural(weeks, "week", "weken"))
    if days or not weeks:
        parts.append(plural(days, "dag", "dagen"))
    return " en ".join(parts)


def _atw_applies(term_days: int, *, counted_in_weeks: bool) -> bool:
    limit = ATW_MAX_WEEKS_IN_DAYS if counted_in_weeks else ATW_MAX_DAYS
    return term_days <= limit


def _is_suspended(day: date, periods: Sequence[Suspension]) -> bool:
    return any(start <= day < end for start, end in periods)


def _apply_article_2(
    received: date,
    due: date,
    periods: Sequence[Suspension],
    cal: HolidayCalendar,
    steps: list[str],
) -> date:
    # Suspended days are no part of the term, so they cannot supply its two working days.
    found: list[date] = []
    day = received
    while len(found) < ATW_MIN_WORKING_DAYS:
        day += ONE_DAY
        if not _is_suspended(day, periods) and is_working_day(day, cal):
            found.append(day)
    if found[-1] <= due:
        return due
    inside = sum(1 for working_day in found if working_day <= due)
    what = "maar 1 werkdag" if inside == 1 else "geen enkele werkdag"
    steps.append(
        f"De termijn bevat {what}; volgens de Algemene termijnenwet (art. 2) moeten dat er "
        f"minstens 2 zijn, dus loopt de termijn door tot {format_date(found[-1])}."
    )
    return found[-1]


def _apply_article_1(due: date, cal: HolidayCalendar, steps: list[str]) -> date:
    if is_working_day(due, cal):
        return due
    reasons = [f"{capitalize(format_date(due))} {_why_not_working(due, cal)}"]
    moved = due + ONE_DAY
    while not is_working_day(moved, cal):
        holiday = cal.name(moved)
        if holiday is not None:
            reasons.append(f"{format_date(moved)} is {holiday}")
        moved += ONE_DAY
    steps.append(
        f"{' en '.join(reasons)}; volgens de Algemene termijnenwet (art. 1) schuift de termijn "
        f"door naar {format_date(moved)}."
    )
    return moved


def _why_not_working(day: date, cal: HolidayCalendar) -> str:
    holiday = cal.name(day)
    if holiday is not None:
        return f"is {holiday}"
    return "valt in het weekend"
