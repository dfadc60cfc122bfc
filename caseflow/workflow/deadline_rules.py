"""The deadline rules of a transition, decided from the workflow definition alone.

Which terms start, stop, lapse, suspend or resume when a case goes from one state to another
depends only on the definition, not on rows. Keeping that decision (and the few date rules that
go with it) free of the database lets the engine apply it to Deadline rows and the benchmark's
simulation apply it to cases in memory, so the two cannot drift apart.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from caseflow.deadlines.terms import Suspension
from caseflow.models.deadlines import Outcome
from caseflow.workflow.schema import Workflow


@dataclass(frozen=True)
class DeadlineMoves:
    """Deadline codes per effect of one transition, in the order the effects apply."""

    # Leaving a state that suspends them: their clocks run again.
    resumes: tuple[str, ...] = ()
    # Ended without a decision (withdrawn, sent back); wins over `stops` for the same code.
    lapses: frozenset[str] = frozenset()
    stops: frozenset[str] = frozenset()
    # In definition order, so cycle numbers and new ids come out the same every time.
    starts: tuple[str, ...] = ()
    suspends: tuple[str, ...] = ()
    # A final state: every term that is still running lapses.
    closes: bool = False


def deadline_moves(
    workflow: Workflow, from_state: str | None, to_state: str, trigger: str | None
) -> DeadlineMoves:
    """What a transition by ``trigger`` does to the terms; ``from_state`` is None on creation.

    On-enter rules fire only when the state changes; on-trigger rules fire on every transition
    with that trigger, a self-loop (an extension, a report) included. A term that only says
    what it counts from (`starts: {from: melding}`) starts when the case is opened.
    """
    changed = from_state != to_state
    lapses = frozenset(
        code
        for code, spec in workflow.deadlines.items()
        if changed and to_state in spec.lapses_on_enter
    )
    stops = frozenset(
        code
        for code, spec in workflow.deadlines.items()
        if code not in lapses
        and (
            (changed and to_state in spec.stops_on_enter)
            or (trigger is not None and trigger in spec.stops_on_trigger)
        )
    )
    starts = tuple(
        spec.code
        for spec in workflow.deadlines.values()
        if (changed and spec.starts_on_enter == to_state)
        or (trigger is not None and spec.starts_on_trigger == trigger)
        or (from_state is None and spec.starts_on_create)
    )
    return DeadlineMoves(
        resumes=workflow.states[from_state].suspends if changed and from_state is not None else (),
        lapses=lapses,
        stops=stops,
        starts=starts,
        suspends=workflow.states[to_state].suspends if changed else (),
        closes=workflow.states[to_state].final,
    )


def first_suspended_day(today: date) -> date:
    # Awb 4:15: the term is suspended from the day after the request to complete is sent.
    return today + timedelta(days=1)


def suspension_end(start_date: date, today: date) -> date:
    """The end of a suspension ended ``today``; never before its first day (it may be tomorrow)."""
    return max(today, start_date)


def counted_suspensions(
    periods: Iterable[tuple[date, date | None]], today: date
) -> tuple[Suspension, ...]:
    """Suspensions as a due date counts them on ``today``."""
    # An open suspension counts as if the clock ran again today: the date to expect right now.
    return tuple(
        (start, end if end is not None else suspension_end(start, today)) for start, end in periods
    )


def stop_outcome(today: date, due_date: date, *, lapsed: bool) -> Outcome:
    """In time or late by the due date, unless the term ended without a decision."""
    if lapsed:
        return Outcome.LAPSED
    return Outcome.IN_TIME if today <= due_date else Outcome.LATE
