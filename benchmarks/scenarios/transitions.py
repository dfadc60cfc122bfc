"""Transitions per second: the engine, the bare floor, and SpiffWorkflow, in one run.

All three walk the same four steps of a bijzondere-bijstand application (take up, ask for
more information, receive it, decide), one transaction with commit per step, single process,
on the same database. The product's bijzondere bijstand also drafts a letter at two of those
steps, and then suspends its terms when the request's letter is sent, not on entering the
state; the BPMN process has no letters. So the three are compared on the definition without its
letters (suspending on entering the state), and the engine walks the definition as it is once
more, with its letters drafted, as a row of its own.
"""

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from benchmarks.common import BENCH_DIR
from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    Base,
    DeadlineStatus,
    Municipality,
    Outcome,
    Person,
    Role,
    Team,
    User,
)
from caseflow.unit_of_work import unit_of_work
from caseflow.workflow.closed_terms import write_changes
from caseflow.workflow.engine import fire, start_case
from caseflow.workflow.registry import registry

CASE_TYPE = "bijzondere_bijstand"
TERMS = (("beslissing", "legal", 8), ("servicenorm", "service_norm", 4))
STEPS = ("oppakken", "vraag_aanvulling", "aanvulling_ontvangen", "besluiten")
BPMN = BENCH_DIR / "spiff" / "aanvraag.bpmn"
SPIFF_TABLE = sa.Table(
    "bench_spiff_instances",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("state", sa.String(60), nullable=False),
    sa.Column("serialization", sa.Text, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Bounds:
    cases: int
    seconds: float


@dataclass
class Tally:
    """Case after case through all four steps, until the count or the time runs out.

    Opening a case and moving it are timed apart; only the moves make the transition rate.
    """

    bounds: Bounds
    cases: int = 0
    transitions: int = 0
    open_seconds: float = 0.0
    step_seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    def more(self) -> bool:
        return (
            self.cases < self.bounds.cases
            and time.perf_counter() - self.started < self.bounds.seconds
        )

    def opened(self, begin: float) -> None:
        self.open_seconds += time.perf_counter() - begin
        self.cases += 1

    def stepped(self, begin: float) -> None:
        self.step_seconds += time.perf_counter() - begin
        self.transitions += 1

    def result(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "opened_per_second": round(self.cases / self.open_seconds, 1),
            "transitions": self.transitions,
            "seconds": round(self.step_seconds, 3),
            "transitions_per_second": round(self.transitions / self.step_seconds, 1),
            "per_transition_ms": round(1000 * self.step_seconds / self.transitions, 3),
        }


def step_data(trigger: str, today: date) -> dict[str, Any]:
    if trigger == "vraag_aanvulling":
        return {"reden": "Bankafschriften ontbreken.", "hersteltermijn_tot": today + timedelta(14)}
    if trigger == "aanvulling_ontvangen":
        return {"toelichting": "Afschriften ontvangen."}
    if trigger == "besluiten":
        return {
            "motivering": "Noodzakelijke kosten.",
            "resultaat": "toegekend",
            "voorziening": "woonvoorziening",
            "omvang": "1 traplift",
            "ingangsdatum": today,
        }
    return {}


def _actors() -> tuple[User, Team, Municipality, Person]:
    """A consultant of the participation team, its team, a municipality and a client there."""
    team = db.session.scalars(
        sa.select(Team).where(Team.domain == "participatie").order_by(Team.id)
    ).first()
    assert team is not None, "no participation team: generate data first"
    user = next(u for u in team.members if u.has_role(Role.CONSULENT))
    municipality = team.municipalities[0]
    person = db.session.scalars(
        sa.select(Person).where(Person.municipality_id == municipality.id).limit(1)
    ).one()
    return user, team, municipality, person


@contextmanager
def _without_letters() -> Iterator[None]:
    """Bijzondere bijstand as the BPMN process walks it: no letter drafted at any step, and the
    request for information suspending the terms on entering its state."""
    workflows = registry().workflows
    walked = workflows[CASE_TYPE]
    plain = tuple(replace(t, letter=None, letter_suspends=False) for t in walked.transitions)
    workflows[CASE_TYPE] = replace(walked, transitions=plain)
    try:
        yield
    finally:
        workflows[CASE_TYPE] = walked


def engine_transitions(bounds: Bounds) -> dict[str, Any]:
    """The four steps without letters, as the floor and SpiffWorkflow walk them."""
    with _without_letters():
        return engine_with_letters(bounds)


def engine_with_letters(bounds: Bounds) -> dict[str, Any]:
    """start_case, then fire() for each of the four steps, each with its own commit."""
    user, team, municipality, person = _actors()
    tally = Tally(bounds)
    while tally.more():
        begin = time.perf_counter()
        with unit_of_work(keep_loaded=True):
            case = start_case(
                CASE_TYPE,
                municipality=municipality,
                actor=user,
                person=person,
                team=team,
                assignee=user,
            )
        tally.opened(begin)
        for trigger in STEPS:
            begin = time.perf_counter()
            with unit_of_work(keep_loaded=True):
                fire(case, trigger, user, step_data(trigger, clock.today()))
            tally.stepped(begin)
    db.session.remove()
    return tally.result()


def floor_transitions(bounds: Bounds) -> dict[str, Any]:
    """The same rows the engine writes for these steps, with Core statements in a plain loop."""
    user, team, municipality, person = _actors()
    actor, team_id, municipality_id, person_id = user.id, team.id, municipality.id, person.id
    db.session.remove()
    meta = Base.metadata.tables
    cases_t, events_t = meta["cases"], meta["case_events"]
    deadlines_t, suspensions_t = meta["deadlines"], meta["deadline_suspensions"]
    engine = db.engine
    tally = Tally(bounds)
    paths = ("ontvangen", "in_behandeling", "aanvulling_gevraagd", "in_behandeling", "besloten")
    while tally.more():
        begin = time.perf_counter()
        now = clock.now()
        start = clock.local_date(now)
        with engine.begin() as conn:
            case_id = conn.execute(
                sa.insert(cases_t).returning(cases_t.c.id),
                {
                    "case_type": CASE_TYPE,
                    "state": "ontvangen",
                    "municipality_id": municipality_id,
                    "team_id": team_id,
                    "assignee_id": actor,
                    "person_id": person_id,
                    "opened_at": now,
                    "state_entered_at": now,
                    "last_event_at": now,
                    "version": 1,
                },
            ).scalar_one()
            _event(conn, events_t, case_id, "aanmaken", None, "ontvangen", actor, now, {})
            deadline_ids = [
                conn.execute(
                    sa.insert(deadlines_t).returning(deadlines_t.c.id),
                    {
                        "case_id": case_id,
                        "code": code,
                        "cycle": 1,
                        "label": code,
                        "kind": kind,
                        "basis": None,
                        "start_date": start,
                        "weeks": weeks,
                        "days": 0,
                        "working_days": 0,
                        "extension_weeks": 0,
                        "due_date": start + timedelta(weeks=weeks),
                        "status": "running",
                        "created_at": now,
                    },
                ).scalar_one()
                for code, kind, weeks in TERMS
            ]
        tally.opened(begin)
        version = 1
        for index, trigger in enumerate(STEPS):
            source, dest = paths[index], paths[index + 1]
            begin = time.perf_counter()
            now = clock.now()
            today = clock.local_date(now)
            data = {
                k: v.isoformat() if isinstance(v, date) else v
                for k, v in step_data(trigger, today).items()
            }
            with engine.begin() as conn:
                _event(conn, events_t, case_id, trigger, source, dest, actor, now, data)
                values: dict[str, Any] = {
                    "state": dest,
                    "last_event_at": now,
                    "version": version + 1,
                }
                if source != dest:
                    values["state_entered_at"] = now
                if dest == "besloten":
                    values |= {"closed_at": now, "result": "toegekend"}
                updated = conn.execute(
                    sa.update(cases_t)
                    .where(cases_t.c.id == case_id, cases_t.c.version == version)
                    .values(**values)
                )
                assert updated.rowcount == 1
                version += 1
                for deadline_id, (_, _, weeks) in zip(deadline_ids, TERMS, strict=True):
                    due = start + timedelta(weeks=weeks)
                    _floor_deadline(
                        conn, deadlines_t, suspensions_t, trigger, deadline_id, due, today, actor
                    )
                if trigger == "besluiten":
                    # The stopped terms counted in their day's roll-up, as the engine does.
                    closed = Counter(
                        (today, municipality_id, team_id, CASE_TYPE, kind, Outcome.IN_TIME.value)
                        for _, kind, _ in TERMS
                    )
                    write_changes(conn, closed)
            tally.stepped(begin)
    return tally.result()


def _event(
    conn: Connection,
    table: sa.Table,
    case_id: int,
    trigger: str,
    source: str | None,
    dest: str,
    actor: int,
    now: datetime,
    data: dict[str, Any],
) -> None:
    conn.execute(
        sa.insert(table),
        {
            "case_id": case_id,
            "trigger": trigger,
            "from_state": source,
            "to_state": dest,
            "actor_id": actor,
            "occurred_at": now,
            "seconds_in_previous_state": 0,
            "reason": data.get("reden"),
            "data": data,
        },
    )


def _floor_deadline(
    conn: Connection,
    deadlines: sa.Table,
    suspensions: sa.Table,
    trigger: str,
    deadline_id: int,
    due: date,
    today: date,
    actor: int,
) -> None:
    if trigger == "vraag_aanvulling":
        conn.execute(
            sa.insert(suspensions),
            {
                "deadline_id": deadline_id,
                "start_date": today + timedelta(1),
                "started_by_id": actor,
                "reason": "Bankafschriften ontbreken.",
            },
        )
        conn.execute(
            sa.update(deadlines)
            .where(deadlines.c.id == deadline_id)
            .values(status=DeadlineStatus.SUSPENDED, due_date=due)
        )
    elif trigger == "aanvulling_ontvangen":
        conn.execute(
            sa.update(suspensions)
            .where(suspensions.c.deadline_id == deadline_id, suspensions.c.end_date.is_(None))
            .values(end_date=today + timedelta(1), ended_by_id=actor)
        )
        conn.execute(
            sa.update(deadlines)
            .where(deadlines.c.id == deadline_id)
            .values(status=DeadlineStatus.RUNNING, due_date=due)
        )
    elif trigger == "besluiten":
        conn.execute(
            sa.update(deadlines)
            .where(deadlines.c.id == deadline_id)
            .values(status=DeadlineStatus.STOPPED, stopped_on=today, outcome=Outcome.IN_TIME)
            .values(due_date=due)
        )


def spiff_transitions(bounds: Bounds) -> dict[str, Any]:
    """SpiffWorkflow: load, deserialize, complete the ready task, serialize, store, commit."""
    try:
        from SpiffWorkflow.bpmn import BpmnWorkflow  # type: ignore[import-untyped]
        from SpiffWorkflow.bpmn.parser import BpmnParser  # type: ignore[import-untyped]
        from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer  # type: ignore[import-untyped]
        from SpiffWorkflow.util.task import TaskState  # type: ignore[import-untyped]
    except ImportError as exc:
        return {"skipped": f"SpiffWorkflow is not installed ({exc}); pip install -e '.[bench]'"}
    from importlib.metadata import version

    parser = BpmnParser()
    parser.add_bpmn_file(str(Path(BPMN)))
    spec = parser.get_spec("aanvraag")
    serializer = BpmnWorkflowSerializer()
    engine = db.engine
    SPIFF_TABLE.create(engine, checkfirst=True)
    table = SPIFF_TABLE
    tally = Tally(bounds)
    while tally.more():
        begin = time.perf_counter()
        workflow = BpmnWorkflow(spec)
        workflow.do_engine_steps()
        with engine.begin() as conn:
            instance_id = conn.execute(
                sa.insert(table).returning(table.c.id),
                {
                    "state": "ontvangen",
                    "serialization": serializer.serialize_json(workflow),
                    "updated_at": clock.now(),
                },
            ).scalar_one()
        tally.opened(begin)
        for trigger in STEPS:
            begin = time.perf_counter()
            with engine.begin() as conn:
                stored = conn.execute(
                    sa.select(table.c.serialization).where(table.c.id == instance_id)
                ).scalar_one()
                workflow = serializer.deserialize_json(stored)
                task = workflow.get_next_task(state=TaskState.READY, manual=True)
                assert task is not None and task.task_spec.name == trigger
                task.data.update({k: str(v) for k, v in step_data(trigger, clock.today()).items()})
                task.run()
                workflow.do_engine_steps()
                conn.execute(
                    sa.update(table)
                    .where(table.c.id == instance_id)
                    .values(
                        state=trigger,
                        serialization=serializer.serialize_json(workflow),
                        updated_at=clock.now(),
                    )
                )
            tally.stepped(begin)
        assert workflow.is_completed()
    return {"spiffworkflow": version("SpiffWorkflow"), **tally.result()}
