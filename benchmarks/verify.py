"""Proof on a sample that generated cases look exactly as if the engine had made them.

Per sampled case: the event chain follows the workflow's transitions and ends in the case's
state; the seconds per event add up to the case's age at its last event; closed cases sit in a
final state with a valid result; deadlines that stopped have an outcome and a date, due dates
recompute with `caseflow.deadlines.legal_due_date`; and replaying the events through the engine's
own `apply_deadline_effects` gives the same deadlines, suspensions and extensions.
"""

import json
import random
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from types import SimpleNamespace
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from benchmarks.common import make_app
from benchmarks.generate import read_meta
from benchmarks.verify_registers import check_papers_and_registers, register_case_ids
from caseflow import clock
from caseflow.extensions import db
from caseflow.letters.kinds import KINDS
from caseflow.models import Case, CaseEvent, Deadline, DeadlineStatus, Outcome, User
from caseflow.workflow.deadline_effects import (
    apply_deadline_effects,
    compute_due_date,
    suspend_on_sending,
)
from caseflow.workflow.engine import ASSIGN_TRIGGER, CREATE_TRIGGER, NOTE_TRIGGER
from caseflow.workflow.papers import DOCUMENT_ADDED, LETTER_SENT
from caseflow.workflow.registry import registry
from caseflow.workflow.schema import Workflow

# Events that record something without moving the case: an assignment, a note, a letter sent,
# a document added (caseflow.workflow.papers).
NO_STATE_CHANGE = (ASSIGN_TRIGGER, NOTE_TRIGGER, LETTER_SENT, DOCUMENT_ADDED)
KIND_BY_LABEL = {kind.label: kind for kind in KINDS.values()}


@dataclass
class Report:
    checked: int = 0
    problems: list[str] = field(default_factory=list)
    deadlines: int = 0
    events: int = 0
    # Cases of the bezwaar, beroep and klachten registers checked beside the random sample.
    register_cases: int = 0

    @property
    def ok(self) -> bool:
        return self.checked > 0 and not self.problems

    def summary(self) -> str:
        verdict = "OK" if self.ok else f"{len(self.problems)} problem(s)"
        head = (
            f"verified {self.checked} cases: {verdict} ({self.register_cases} of registers, "
            f"{self.events} events, {self.deadlines} deadlines)"
        )
        return "\n".join([head, *self.problems[:20]])


def verify_database(url: str, sample: int = 300, seed: int = 7) -> Report:
    # Only what the generator made: a run's own scenarios add cases of their own (the
    # transitions walk a definition without its letters) to a database that is reused.
    generated = json.loads(read_meta(url).get("counts", "{}")).get("cases")
    app = make_app(url)
    with app.app_context():
        try:
            return verify_sample(sample, seed, generated)
        finally:
            db.session.remove()
            db.engine.dispose()


def verify_sample(sample: int, seed: int, generated: int | None = None) -> Report:
    """A sample of the cases with ids up to `generated` (the generator numbers its cases from
    1), or of all cases."""
    report = Report()
    highest = db.session.scalar(sa.select(sa.func.max(Case.id))) or 0
    if generated is not None:
        highest = min(highest, generated)
    rng = random.Random(seed)
    ids = set(rng.sample(range(1, highest + 1), min(sample, highest)))
    # The registers are small beside the cases: a share of them is checked on top.
    extra = set(register_case_ids(max(5, sample // 10), rng)) - ids
    report.register_cases = len(extra)
    ids |= extra
    cases = db.session.scalars(
        sa.select(Case)
        .where(Case.id.in_(ids))
        .options(
            selectinload(Case.events),
            selectinload(Case.municipality),
            selectinload(Case.deadlines).selectinload(Deadline.suspensions),
            selectinload(Case.deadlines).selectinload(Deadline.extensions),
        )
    ).all()
    for case in cases:
        report.checked += 1
        report.events += len(case.events)
        report.deadlines += len(case.deadlines)
        for problem in check_case(case):
            report.problems.append(f"case {case.id} ({case.case_type}): {problem}")
    db.session.rollback()
    return report


def check_case(case: Case) -> list[str]:
    workflow = registry().get(case.case_type).for_municipality(case.municipality.code)
    problems = _check_events(case, workflow)
    problems += _check_deadlines(case, workflow)
    problems += _replay(case, workflow)
    problems += check_papers_and_registers(case, workflow)
    return problems


def _check_events(case: Case, workflow: Workflow) -> list[str]:
    events = case.events
    problems: list[str] = []
    if not events or events[0].trigger != CREATE_TRIGGER or events[0].to_state != workflow.initial:
        return ["does not start with its creation event in the initial state"]
    state = workflow.initial
    entered = moved = events[0].occurred_at
    for previous, event in pairwise(events):
        if event.occurred_at < previous.occurred_at:
            problems.append(f"event {event.id} is older than the one before it")
        if event.from_state != state:
            problems.append(f"event {event.id} starts in {event.from_state}, case was in {state}")
        if event.trigger in NO_STATE_CHANGE:
            if event.to_state != state:
                problems.append(f"event {event.id} ({event.trigger}) changed the state")
            continue
        transition = workflow.transition(event.trigger, state)
        if transition is None or transition.dest != event.to_state:
            problems.append(f"event {event.id}: {event.trigger} is no transition from {state}")
        if event.to_state != state:
            entered = event.occurred_at
        moved = event.occurred_at
        state = event.to_state
    last = events[-1]
    if case.state != last.to_state:
        problems.append(f"state {case.state} is not the last event's {last.to_state}")
    if case.last_event_at != last.occurred_at:
        problems.append("last_event_at is not the time of the last event")
    if case.state_entered_at != entered:
        problems.append("state_entered_at is not the time the current state was entered")
    if case.opened_at != events[0].occurred_at:
        problems.append("opened_at is not the time of the creation event")
    age = int((last.occurred_at - case.opened_at).total_seconds())
    counted = sum(e.seconds_in_previous_state for e in events)
    # Each step is counted in whole seconds, so the sum may fall short by under a second each.
    if not 0 <= age - counted < len(events):
        problems.append(f"event seconds add up to {counted}, the case is {age} s old")
    if case.version != len(events):
        problems.append(f"version {case.version} for {len(events)} events")
    final = workflow.states[case.state].final
    if final != (case.closed_at is not None):
        problems.append("closed_at does not match whether the state is final")
    if final:
        results = workflow.states[case.state].results
        allowed = set(results) if results else {case.state}
        if case.result not in allowed:
            problems.append(f"result {case.result} is not a result of {case.state}")
        # A letter may still go out after the step that closed the case.
        if case.closed_at != moved:
            problems.append("closed_at is not the time of the closing event")
    elif case.result is not None:
        problems.append("an open case has a result")
    return problems


def _last_effect_day(case: Case) -> date:
    """The day the deadlines were last recomputed: the last event that moved the case, or a
    letter whose sending suspended terms."""
    moves = [
        e
        for e in case.events
        if e.trigger not in NO_STATE_CHANGE
        or (e.trigger == LETTER_SENT and e.data.get("opgeschort"))
    ]
    return clock.local_date(moves[-1].occurred_at)


def _suspended_terms(event: CaseEvent) -> bool:
    return event.trigger == LETTER_SENT and bool(event.data.get("opgeschort"))


def _check_deadlines(case: Case, workflow: Workflow) -> list[str]:
    problems = []
    day = _last_effect_day(case)
    for d in case.deadlines:
        label = f"deadline {d.code}#{d.cycle}"
        stopped = d.status == DeadlineStatus.STOPPED
        if stopped != (d.outcome is not None and d.stopped_on is not None):
            problems.append(f"{label}: status {d.status} with outcome {d.outcome}")
        open_suspensions = [s for s in d.suspensions if s.end_date is None]
        if (d.status == DeadlineStatus.SUSPENDED) != (len(open_suspensions) == 1):
            problems.append(f"{label}: status {d.status} with {len(open_suspensions)} open")
        if (
            d.status == DeadlineStatus.SUSPENDED
            and d.code not in workflow.states[case.state].suspends
        ):
            problems.append(f"{label}: suspended while {case.state} suspends nothing of it")
        if d.extension_weeks != sum(e.weeks for e in d.extensions):
            problems.append(f"{label}: extension weeks do not add up")
        at = d.stopped_on if stopped and d.stopped_on else day
        expected = compute_due_date(d, at)
        if d.due_date != expected:
            problems.append(f"{label}: due {d.due_date}, legal_due_date gives {expected}")
        if stopped and d.outcome != Outcome.LAPSED and d.stopped_on is not None:
            in_time = d.stopped_on <= d.due_date
            if (d.outcome == Outcome.IN_TIME) != in_time:
                problems.append(f"{label}: outcome {d.outcome} for stop on {d.stopped_on}")
        if workflow.states[case.state].final and not stopped:
            problems.append(f"{label}: still {d.status} on a closed case")
    return problems


def _replay(case: Case, workflow: Workflow) -> list[str]:
    """Run the events through the engine's deadline code on a detached copy of the case."""
    ghost = Case(
        case_type=case.case_type,
        state=workflow.initial,
        melding_date=case.melding_date,
        melding_via=case.melding_via,
    )
    for event in case.events:
        actor = cast(User, SimpleNamespace(id=event.actor_id)) if event.actor_id else None
        day = clock.local_date(event.occurred_at)
        data: dict[str, Any] = dict(event.data or {})
        # A copy, so a term counting from a recorded date finds it as the engine does.
        ghost.events.append(CaseEvent(trigger=event.trigger, data=data))
        if event.trigger == LETTER_SENT:
            kind = KIND_BY_LABEL.get(str(data.get("brief")))
            if kind is not None and kind.suspends_when_sent:
                suspend_on_sending(ghost, workflow, actor, day, f"{kind.label} verstuurd")
            continue
        if event.trigger in NO_STATE_CHANGE:
            continue
        if event.trigger == CREATE_TRIGGER:
            apply_deadline_effects(ghost, [], workflow, None, None, {}, actor, day)
            continue
        transition = workflow.transition(event.trigger, event.from_state or "")
        if transition is None:
            return [f"replay: no transition {event.trigger} from {event.from_state}"]
        ghost.state = event.to_state
        apply_deadline_effects(
            ghost, list(ghost.deadlines), workflow, transition, event.from_state, data, actor, day
        )
    return _compare(case.deadlines, ghost.deadlines)


def _shape(d: Deadline) -> tuple[Any, ...]:
    return (
        d.code,
        d.cycle,
        str(d.status),
        d.start_date,
        d.counted_from,
        d.due_date,
        d.stopped_on,
        str(d.outcome) if d.outcome else None,
        d.extension_weeks,
        tuple((s.start_date, s.end_date, s.reason) for s in d.suspensions),
        tuple(e.weeks for e in d.extensions),
    )


def _compare(stored: list[Deadline], replayed: list[Deadline]) -> list[str]:
    ours = sorted(_shape(d) for d in stored)
    engine = sorted(_shape(d) for d in replayed)
    if ours == engine:
        return []
    return [f"replay through apply_deadline_effects differs: stored {ours} engine {engine}"]


__all__ = ["CaseEvent", "Report", "verify_database", "verify_sample"]
