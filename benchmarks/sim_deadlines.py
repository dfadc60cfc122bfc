"""What a walked transition does to a case's terms, step by step as
`caseflow.workflow.deadline_effects.apply_deadline_effects` does it to Deadline rows, and the
deadline rows a walked case leaves."""

from datetime import date, datetime

from benchmarks.sim_model import DueDates, Ids, Row, SimCase, SimDeadline, SimSuspension, Tables
from caseflow import clock
from caseflow.models import DeadlineStatus
from caseflow.workflow.deadline_rules import (
    deadline_moves,
    first_suspended_day,
    stop_outcome,
    suspension_end,
)
from caseflow.workflow.schema import DeadlineDef, TransitionDef, Workflow


class DeadlineSteps:
    """The deadline half of the walker: it needs the walker's ids, due dates and tables."""

    ids: Ids
    due: DueDates
    tables: Tables

    def _deadline_effects(
        self,
        case: SimCase,
        workflow: Workflow,
        transition: TransitionDef | None,
        from_state: str | None,
        data: Row,
        actor_id: int | None,
        moment: datetime,
    ) -> None:
        today = clock.local_date(moment)
        deadlines = list(case.deadlines)
        by_code = {d.code: d for d in deadlines}
        trigger = transition.trigger if transition is not None else None
        moves = deadline_moves(workflow, from_state, case.state, trigger)

        for code in moves.resumes:
            deadline = by_code.get(code)
            if deadline is not None and deadline.status == DeadlineStatus.SUSPENDED:
                self._resume(deadline, today, actor_id)

        if transition is not None and transition.extends is not None:
            deadline = by_code[transition.extends]
            weeks = int(str(data["weken"]))
            deadline.extensions.append(
                {
                    "id": self.ids.take("deadline_extensions"),
                    "deadline_id": deadline.id,
                    "weeks": weeks,
                    "reason": str(data.get("reden") or data.get("toelichting") or ""),
                    "basis": workflow.deadlines[transition.extends].extension_basis,
                    "actor_id": actor_id,
                    "created_at": moment,
                }
            )
            deadline.extension_weeks += weeks

        for deadline in deadlines:
            if deadline.status == DeadlineStatus.STOPPED:
                continue
            if deadline.code in moves.lapses:
                self._stop(deadline, today, actor_id, lapsed=True)
            elif deadline.code in moves.stops:
                self._stop(deadline, today, actor_id)

        for code in moves.starts:
            current = by_code.get(code)
            if current is None or current.status == DeadlineStatus.STOPPED:
                cycle = 1 + sum(1 for d in deadlines if d.code == code)
                spec = workflow.deadlines[code]
                start, counted_from = _counted_from(case, spec) or (today, None)
                started = SimDeadline(
                    id=self.ids.take("deadlines"),
                    code=code,
                    cycle=cycle,
                    spec=spec,
                    start_date=start,
                    due_date=start,
                    created_at=moment,
                    counted_from=counted_from,
                )
                started.due_date = self.due.of(started, today)
                case.deadlines.append(started)
                by_code[code] = started

        # A request for information suspends from the day after its letter is sent.
        waits_for_letter = transition is not None and transition.letter_suspends
        for code in () if waits_for_letter else moves.suspends:
            deadline = by_code.get(code)
            if deadline is not None and deadline.status == DeadlineStatus.RUNNING:
                reason = data.get("reden") or data.get("toelichting")
                self._suspend(deadline, today, actor_id, str(reason) if reason else None)

        for deadline in by_code.values():
            if deadline.status == DeadlineStatus.STOPPED:
                continue
            if moves.closes:
                self._stop(deadline, today, actor_id, lapsed=True)
            else:
                deadline.due_date = self.due.of(deadline, today)

    def suspend_on_sending(
        self, case: SimCase, sent_on: date, actor_id: int | None, reason: str
    ) -> list[str]:
        """As `caseflow.workflow.deadline_effects.suspend_on_sending`: the running terms the
        case's state suspends stand still from the day after the letter was sent; their titles."""
        suspends = case.workflow.states[case.state].suspends
        titles = []
        for deadline in case.deadlines:
            if deadline.code in suspends and deadline.status == DeadlineStatus.RUNNING:
                self._suspend(deadline, sent_on, actor_id, reason)
                deadline.due_date = self.due.of(deadline, sent_on)
                titles.append(deadline.spec.title)
        return titles

    def _suspend(
        self, deadline: SimDeadline, today: date, actor_id: int | None, reason: str | None
    ) -> None:
        deadline.suspensions.append(
            SimSuspension(
                id=self.ids.take("deadline_suspensions"),
                start_date=first_suspended_day(today),
                end_date=None,
                reason=reason,
                started_by_id=actor_id,
            )
        )
        deadline.status = DeadlineStatus.SUSPENDED

    def _resume(self, deadline: SimDeadline, today: date, actor_id: int | None) -> None:
        open_suspension = next((s for s in deadline.suspensions if s.end_date is None), None)
        if open_suspension is not None:
            open_suspension.end_date = suspension_end(open_suspension.start_date, today)
            open_suspension.ended_by_id = actor_id
        deadline.status = DeadlineStatus.RUNNING

    def _stop(
        self, deadline: SimDeadline, today: date, actor_id: int | None, lapsed: bool = False
    ) -> None:
        if deadline.status == DeadlineStatus.SUSPENDED:
            self._resume(deadline, today, actor_id)
        deadline.due_date = self.due.of(deadline, today)
        deadline.status = DeadlineStatus.STOPPED
        deadline.stopped_on = today
        deadline.outcome = stop_outcome(today, deadline.due_date, lapsed=lapsed)

    def deadline_rows(self, case: SimCase) -> None:
        for d in case.deadlines:
            spec = d.spec
            self.tables.add(
                "deadlines",
                {
                    "id": d.id,
                    "case_id": case.id,
                    "code": d.code,
                    "cycle": d.cycle,
                    "label": spec.title,
                    "kind": spec.kind,
                    "basis": spec.basis,
                    "start_date": d.start_date,
                    "counted_from": d.counted_from,
                    "set_by_regulation": spec.set_by_regulation,
                    "weeks": spec.weeks,
                    "days": spec.days,
                    "working_days": spec.working_days,
                    "extension_weeks": d.extension_weeks,
                    "due_date": d.due_date,
                    "status": d.status,
                    "stopped_on": d.stopped_on,
                    "outcome": d.outcome,
                    "created_at": d.created_at,
                },
            )
            for s in d.suspensions:
                self.tables.add(
                    "deadline_suspensions",
                    {
                        "id": s.id,
                        "deadline_id": d.id,
                        "start_date": s.start_date,
                        "end_date": s.end_date,
                        "reason": s.reason,
                        "started_by_id": s.started_by_id,
                        "ended_by_id": s.ended_by_id,
                    },
                )
            for e in d.extensions:
                self.tables.add("deadline_extensions", e)


def _counted_from(case: SimCase, spec: DeadlineDef) -> tuple[date, str] | None:
    """As the engine's `_counted_from`: from the melding, or from a date the case recorded."""
    if spec.counts_from_melding and case.melding_date is not None:
        return case.melding_date, f"gemeld {case.melding_via}"
    if spec.counts_from_field is not None:
        value = case.values.get(spec.counts_from_field)
        if value:
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
            return day, (spec.counts_from_label or spec.counts_from_field).lower()
    return None
