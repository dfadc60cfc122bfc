"""The engine writes a step's own rows with its own statements (caseflow.workflow.writes): the
database holds what the objects in memory say, a stale copy or a failure leaves nothing of the
step behind, and a step that also writes other rows still goes through the ORM's flush."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
import time_machine
from sqlalchemy.orm import Session

from caseflow import clock, unit_of_work
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Deadline, Note, Suspension
from caseflow.workflow.door import through_the_door
from caseflow.workflow.engine import add_note, assign, fire
from caseflow.workflow.errors import ConflictError
from caseflow.workflow.registry import registry
from caseflow.workflow.writes import write_staged
from tests.offices import Office
from tests.workflow.helpers import open_case


def _steps() -> list[tuple[str, dict[str, Any]]]:
    today = clock.today()
    return [
        ("oppakken", {}),
        ("vraag_aanvulling", {"reden": "Afschriften", "hersteltermijn_tot": today + timedelta(14)}),
        ("aanvulling_ontvangen", {"toelichting": "Ontvangen."}),
        ("besluiten", {"motivering": "Noodzakelijk.", "resultaat": "toegekend"}),
    ]


@pytest.fixture
def flushes() -> Iterator[list[str]]:
    """The flushes that had rows to write, by the classes they wrote."""
    seen: list[str] = []

    def record(session: Session, *_: object) -> None:
        rows = [*session.new, *session.dirty, *session.deleted]
        if rows:
            seen.append(",".join(sorted({type(row).__name__ for row in rows})))

    sa.event.listen(Session, "before_flush", record)
    yield seen
    sa.event.remove(Session, "before_flush", record)


def _in_memory(case: Case) -> tuple[object, ...]:
    return (
        (case.state, case.version, case.closed_at, case.result, case.last_event_at),
        [(e.id, e.trigger, e.from_state, e.to_state) for e in case.events],
        [
            (d.id, d.code, d.status, d.due_date, d.stopped_on, d.outcome)
            for d in sorted(case.deadlines, key=lambda d: d.id)
        ],
        sorted(
            (s.id, s.deadline_id, s.start_date, s.end_date)
            for d in case.deadlines
            for s in d.suspensions
        ),
    )


def _in_database(case_id: int) -> tuple[object, ...]:
    """The same, read with plain statements: nothing of the session's objects is used."""
    connection = db.session.connection()
    row = connection.execute(
        sa.select(Case.state, Case.version, Case.closed_at, Case.result, Case.last_event_at).where(
            Case.id == case_id
        )
    ).one()
    events = connection.execute(
        sa.select(CaseEvent.id, CaseEvent.trigger, CaseEvent.from_state, CaseEvent.to_state)
        .where(CaseEvent.case_id == case_id)
        .order_by(CaseEvent.id)
    ).all()
    deadlines = connection.execute(
        sa.select(
            Deadline.id,
            Deadline.code,
            Deadline.status,
            Deadline.due_date,
            Deadline.stopped_on,
            Deadline.outcome,
        )
        .where(Deadline.case_id == case_id)
        .order_by(Deadline.id)
    ).all()
    suspensions = connection.execute(
        sa.select(Suspension.id, Suspension.deadline_id, Suspension.start_date, Suspension.end_date)
        .join(Deadline)
        .where(Deadline.case_id == case_id)
        .order_by(Suspension.id)
    ).all()
    return (
        tuple(row),
        [tuple(e) for e in events],
        [tuple(d) for d in deadlines],
        [tuple(s) for s in suspensions],
    )


@pytest.fixture
def without_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bijzondere bijstand with steps that draft no letter: a drafted letter is a row of another
    kind, so its step goes through the flush (below); here every step is the engine's alone, and
    the request for information suspends on entering its state."""
    workflows = registry().workflows
    walked = workflows["bijzondere_bijstand"]
    plain = tuple(replace(t, letter=None, letter_suspends=False) for t in walked.transitions)
    monkeypatch.setitem(workflows, "bijzondere_bijstand", replace(walked, transitions=plain))


@pytest.mark.usefixtures("without_letters")
def test_every_step_of_a_decision_is_written_as_the_objects_say(
    office: Office, flushes: list[str]
) -> None:
    case = open_case("bijzondere_bijstand", office)
    assert not db.session.new and not db.session.dirty
    assert _in_memory(case) == _in_database(case.id)
    for trigger, data in _steps():
        version = case.version
        fire(case, trigger, office.consulent, data)
        assert not db.session.new and not db.session.dirty
        assert case.version == version + 1
        assert _in_memory(case) == _in_database(case.id)
    assert flushes == []  # opened and moved by the engine's own statements, not the flush
    assert case.state == "besloten"
    assert {d.outcome for d in case.deadlines} == {"in_time"}
    assert [len(d.suspensions) for d in case.deadlines] == [1, 1]


def test_a_new_handler_is_written_into_the_case_row(office: Office, flushes: list[str]) -> None:
    case = open_case("bijzondere_bijstand", office)
    flushes.clear()
    assign(case, office.regisseur, office.teammanager, reason="Verlof")
    assert flushes == []
    written = db.session.connection().scalar(sa.select(Case.assignee_id).where(Case.id == case.id))
    assert written == case.assignee_id == office.regisseur.id
    assert _in_memory(case) == _in_database(case.id)


def test_a_copy_gone_stale_before_the_write_is_refused_with_nothing_written(
    office: Office,
) -> None:
    case = open_case("bijzondere_bijstand", office)
    unit_of_work.commit(keep_loaded=True)
    with db.engine.begin() as other:
        other.execute(sa.update(Case).where(Case.id == case.id).values(version=Case.version + 1))
    with through_the_door():
        case.last_event_at = case.last_event_at + timedelta(minutes=1)
        with pytest.raises(ConflictError):
            write_staged(db.session())
    unit_of_work.rollback()
    assert db.session.get_one(Case, case.id).version == 3  # opened, assigned, the other one


@pytest.mark.parametrize("step", ["note", "extension"])
def test_a_stale_copy_is_refused_also_by_a_step_that_changes_no_fact_of_the_case(
    office: Office, step: str
) -> None:
    case = open_case("bijzondere_bijstand", office)
    fire(case, "oppakken", office.consulent)
    unit_of_work.commit(keep_loaded=True)
    with db.engine.begin() as other:
        other.execute(sa.update(Case).where(Case.id == case.id).values(version=Case.version + 1))
    # The clock stands still: the step leaves state, moments and handler as they were.
    with pytest.raises(ConflictError):
        if step == "note":
            add_note(case, office.consulent, "Gebeld met de aanvrager.")
        else:
            fire(case, "verdagen", office.consulent, {"reden": "Advies nodig.", "weken": 2})
    unit_of_work.rollback()
    assert db.session.get_one(Case, case.id).version == 4  # opened, assigned, taken up, other
    assert [e.trigger for e in db.session.get_one(Case, case.id).events][-1] == "oppakken"


def test_a_unit_undone_after_its_steps_takes_the_steps_with_it(office: Office) -> None:
    case = open_case("bijzondere_bijstand", office)
    unit_of_work.commit(keep_loaded=True)
    before = _in_database(case.id)
    with pytest.raises(RuntimeError), unit_of_work.unit_of_work(keep_loaded=True):
        first = fire(case, "oppakken", office.consulent)
        trigger, data = _steps()[1]
        second = fire(case, trigger, office.consulent, data)  # in a savepoint: the unit wrote
        raise RuntimeError("the request fails after the steps")
    assert not sa.inspect(first).persistent and not sa.inspect(second).persistent
    assert _in_memory(case) == _in_database(case.id) == before
    assert case.state == "ontvangen"


def test_a_step_failing_late_leaves_the_step_before_it_in_the_unit(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = open_case("bijzondere_bijstand", office)
    unit_of_work.commit(keep_loaded=True)
    fire(case, "oppakken", office.consulent)  # written: the next step runs in a savepoint

    def fail(*_: object) -> None:
        raise RuntimeError("the last thing a step does fails")

    monkeypatch.setattr("caseflow.workflow.engine._open_follow_up", fail)
    trigger, data = _steps()[1]
    with pytest.raises(RuntimeError):
        fire(case, trigger, office.consulent, data)
    assert case.state == "in_behandeling"
    assert _in_memory(case) == _in_database(case.id)
    assert [e.trigger for e in case.events][-1] == "oppakken"


def test_a_step_with_rows_of_other_kinds_goes_through_the_flush(
    office: Office, flushes: list[str], travel: time_machine.Traveller
) -> None:
    case = open_case("bijzondere_bijstand", office)
    flushes.clear()
    travel.shift(timedelta(minutes=5))
    version = case.version
    note = add_note(case, office.consulent, "Gebeld met de aanvrager.")
    assert flushes == ["Case,CaseEvent,Note"]
    assert note.id is not None and case.version == version + 1
    assert _in_memory(case) == _in_database(case.id)
    assert db.session.get(Note, note.id) is note
