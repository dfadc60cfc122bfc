"""What a transition does to a case's deadlines: start, suspend, resume, extend, stop."""

from datetime import date

from caseflow import clock
from caseflow.deadlines import TermSpec, explain, legal_due_date
from caseflow.deadlines.app_calendar import holiday_calendar
from caseflow.deadlines.dutch_dates import capitalize, format_date
from caseflow.models.cases import Case
from caseflow.models.deadlines import Deadline, DeadlineStatus, Extension, Suspension
from caseflow.models.organisation import User
from caseflow.workflow.deadline_rules import (
    counted_suspensions,
    deadline_moves,
    first_suspended_day,
    stop_outcome,
    suspension_end,
)
from caseflow.workflow.registry import registry
from caseflow.workflow.schema import DeadlineDef, TransitionDef, Workflow


def term_spec(deadline: Deadline, today: date) -> TermSpec:
    """The term of a deadline row as it stands on ``today``."""
    periods = [(s.start_date, s.end_date) for s in deadline.suspensions]
    return TermSpec(
        weeks=deadline.weeks,
        days=deadline.days,
        working_days=deadline.working_days,
        statutory=deadline.is_statutory and not deadline.set_by_regulation,
        by_regulation=deadline.set_by_regulation,
        extension_weeks=deadline.extension_weeks,
        suspensions=counted_suspensions(periods, today),
    )


def compute_due_date(deadline: Deadline, today: date) -> date:
    term = term_spec(deadline, today)
    return legal_due_date(deadline.start_date, term, calendar=holiday_calendar())


def explain_deadline(deadline: Deadline, today: date) -> list[str]:
    """How the date was reached, from the same row (title, length, start) the page shows."""
    term = term_spec(deadline, today)
    received_as = capitalize(deadline.counted_from) if deadline.counted_from else "Ontvangen"
    steps = explain(deadline.start_date, term, calendar=holiday_calendar(), received_as=received_as)
    began = clock.local_date(deadline.created_at or clock.now())
    if _counts_from_melding(deadline) and deadline.start_date < began:
        opened = clock.local_date(deadline.case.opened_at)
        since = (
            f"het openen van deze zaak op {format_date(opened)}"
            if began == opened
            else f"{format_date(began)}, toen de termijn in deze zaak begon"
        )
        steps.insert(
            1,
            "Een melding is vormvrij en wie haar aanneemt, handelt namens het college: de "
            f"termijn telt vanaf de melding, niet vanaf {since}.",
        )
    return steps


def _counts_from_melding(deadline: Deadline) -> bool:
    spec = registry().get(deadline.case.case_type).deadlines.get(deadline.code)
    return bool(deadline.counted_from) and spec is not None and spec.counts_from_melding


def recorded_date(case: Case, field: str) -> date | None:
    """The date the case last recorded in `field` (its creation included)."""
    for event in reversed(case.events):
        value = (event.data or {}).get(field)
        if value:
            return value if isinstance(value, date) else date.fromisoformat(str(value))
    return None


def _counted_from(case: Case, spec: DeadlineDef) -> tuple[date, str] | None:
    """The day a term counts from when it is not the day it starts, and how that day came in."""
    if spec.counts_from_melding and case.melding_date is not None:
        return case.melding_date, f"gemeld {case.melding_via}"
    if spec.counts_from_field is not None:
        day = recorded_date(case, spec.counts_from_field)
        if day is not None:
            return day, (spec.counts_from_label or spec.counts_from_field).lower()
    return None


def extension_problem(deadlines: list[Deadline], spec: DeadlineDef, weeks: int) -> str | None:
    """A Dutch reason why this extension is not possible, or None."""
    deadline = next((d for d in deadlines if d.code == spec.code), None)
    if deadline is None or deadline.status == DeadlineStatus.STOPPED:
        return f"De termijn '{spec.title}' loopt niet; verlengen kan niet."
    left = spec.extendable_weeks - deadline.extension_weeks
    if weeks > left:
        return f"De termijn '{spec.title}' kan nog maximaal {left} week/weken verlengd worden."
    return None


def apply_deadline_effects(
    case: Case,
    deadlines: list[Deadline],
    workflow: Workflow,
    transition: TransitionDef | None,
    from_state: str | None,
    data: dict[str, object],
    actor: User | None,
    today: date,
) -> list[Deadline]:
    """Update `deadlines` (the case's current ones) in place; return the ones newly started."""
    trigger = transition.trigger if transition is not None else None
    moves = deadline_moves(workflow, from_state, case.state, trigger)
    by_code = {d.code: d for d in deadlines}
    actor_id = actor.id if actor else None

    for code in moves.resumes:
        deadline = by_code.get(code)
        if deadline is not None and deadline.status == DeadlineStatus.SUSPENDED:
            _resume(deadline, today, actor_id)

    if transition is not None and transition.extends is not None:
        deadline = by_code[transition.extends]
        weeks = int(str(data["weken"]))
        deadline.extensions.append(
            Extension(
                weeks=weeks,
                reason=str(data.get("reden") or data.get("toelichting") or ""),
                basis=workflow.deadlines[transition.extends].extension_basis,
                actor_id=actor_id,
            )
        )
        deadline.extension_weeks += weeks

    for deadline in deadlines:
        if deadline.status == DeadlineStatus.STOPPED:
            continue
        if deadline.code in moves.lapses:
            _stop(deadline, today, actor_id, lapsed=True)
        elif deadline.code in moves.stops:
            _stop(deadline, today, actor_id)

    started = []
    for code in moves.starts:
        current = by_code.get(code)
        if current is None or current.status == DeadlineStatus.STOPPED:
            cycle = 1 + sum(1 for d in deadlines if d.code == code)
            deadline = _start(case, workflow.deadlines[code], today, cycle)
            started.append(deadline)
            by_code[code] = deadline

    # A request for information suspends from the day after it is sent (suspend_on_sending).
    waits_for_letter = transition is not None and transition.letter_suspends
    for code in () if waits_for_letter else moves.suspends:
        deadline = by_code.get(code)
        if deadline is not None and deadline.status == DeadlineStatus.RUNNING:
            _suspend(deadline, today, actor_id, data)

    for deadline in by_code.values():
        if deadline.status == DeadlineStatus.STOPPED:
            continue
        if moves.closes:
            # A closed case has no running terms; one its workflow did not stop simply lapses.
            _stop(deadline, today, actor_id, lapsed=True)
        else:
            due = compute_due_date(deadline, today)
            # Only a date that moved: the same date set again would still mark the term as
            # changed, for the step's write to look at.
            if deadline.due_date != due:
                deadline.due_date = due
    return started


def suspend_on_sending(
    case: Case, workflow: Workflow, actor: User | None, sent_on: date, reason: str | None
) -> list[str]:
    """A request for information was sent on `sent_on`: the terms the case's state suspends
    stand still from the next day (Awb 4:15 lid 1). Returns the titles of the terms it
    suspended; none when the case has left that state meanwhile (the information came in
    before the letter went)."""
    suspended = []
    for deadline in case.deadlines:
        state = workflow.states.get(case.state)
        if state is None or deadline.code not in state.suspends:
            continue
        if deadline.status == DeadlineStatus.RUNNING:
            _suspend(deadline, sent_on, actor.id if actor else None, {"reden": reason})
            deadline.due_date = compute_due_date(deadline, sent_on)
            suspended.append(deadline.label)
    return suspended


def _start(case: Case, spec: DeadlineDef, today: date, cycle: int) -> Deadline:
    # Counted from the melding when the case has one (a case opened directly is its own), or
    # from the date the case recorded in the field the term names.
    counted = _counted_from(case, spec)
    start = counted[0] if counted is not None else today
    deadline = Deadline(
        code=spec.code,
        cycle=cycle,
        label=spec.title,
        kind=spec.kind,
        basis=spec.basis,
        start_date=start,
        counted_from=counted[1] if counted is not None else None,
        set_by_regulation=spec.set_by_regulation,
        weeks=spec.weeks,
        days=spec.days,
        working_days=spec.working_days,
        extension_weeks=0,
        status=DeadlineStatus.RUNNING,
        due_date=start,
        # A new term has none yet; saying so spares a query when they are first read.
        suspensions=[],
        extensions=[],
    )
    deadline.due_date = compute_due_date(deadline, today)
    case.deadlines.append(deadline)
    return deadline


def _suspend(
    deadline: Deadline, today: date, actor_id: int | None, data: dict[str, object]
) -> None:
    reason = data.get("reden") or data.get("toelichting")
    deadline.suspensions.append(
        Suspension(
            start_date=first_suspended_day(today),
            reason=str(reason) if reason else None,
            started_by_id=actor_id,
        )
    )
    deadline.status = DeadlineStatus.SUSPENDED


def _resume(deadline: Deadline, today: date, actor_id: int | None) -> None:
    suspension = deadline.open_suspension
    if suspension is not None:
        suspension.end_date = suspension_end(suspension.start_date, today)
        suspension.ended_by_id = actor_id
    deadline.status = DeadlineStatus.RUNNING


def _stop(deadline: Deadline, today: date, actor_id: int | None, lapsed: bool = False) -> None:
    if deadline.status == DeadlineStatus.SUSPENDED:
        _resume(deadline, today, actor_id)
    deadline.due_date = compute_due_date(deadline, today)
    deadline.status = DeadlineStatus.STOPPED
    deadline.stopped_on = today
    deadline.outcome = stop_outcome(today, deadline.due_date, lapsed=lapsed)
