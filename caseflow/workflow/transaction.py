"""The engine's share of a unit of work: the case row locked, stale copies refused, all flushed."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from caseflow.extensions import db
from caseflow.models.cases import Case
from caseflow.models.deadlines import Deadline
from caseflow.scope.queries import unscoped
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.closed_terms import staged_changes, write_changes
from caseflow.workflow.door import through_the_door
from caseflow.workflow.errors import ConflictError
from caseflow.workflow.writes import write_staged

_cases = Case.__table__
# The lock of a case whose deadlines are loaded (PostgreSQL): its version alone, as a plain
# statement that costs a fraction of the ORM's way of executing a select.
_LOCK = sa.select(_cases.c.version).where(_cases.c.id == sa.bindparam("id")).with_for_update()
# Cases of the running step whose row lock waits until the step is written.
_UNLOCKED = "caseflow_unlocked_cases"


@contextmanager
def in_transaction() -> Iterator[None]:
    """One step of the engine inside the unit of work: all of it, or none of it; never committed.

    What the caller staged is flushed first, outside the door, so a write to a case's facts
    next to a `fire()` is refused rather than carried along by the engine. The step itself runs
    in a savepoint: a refusal or a failure halfway leaves the unit as it was before the step,
    and the caller may still commit or roll back the rest. What the step staged is written with
    the engine's own statements where it can be (`caseflow.workflow.writes`), and the terms
    it stopped are added to their day's roll-up (`caseflow.workflow.closed_terms`).
    """
    db.session.flush()
    # The engine sees every case it touches: a follow-up may land in a team the actor is not in.
    with through_the_door(), unscoped():
        try:
            with all_or_nothing():
                yield
                session = db.session()
                closed = staged_changes(session)
                write_staged(session, before_flush=_take_locks)
                write_changes(session.connection(), closed)
        except StaleDataError:
            raise ConflictError() from None
        finally:
            db.session().info.pop(_UNLOCKED, None)


def lock_case(case: Case, expected_version: int | None) -> None:
    """Take the case row for this transaction and refuse to act on a stale copy of it.

    The deadlines with their suspensions and extensions come along when they are not loaded
    yet, in three statements rather than one per deadline, under the row lock. When they are
    loaded, nothing is asked now: a step the engine writes itself writes the case row first,
    `UPDATE ... WHERE id = :id AND version = :v` (caseflow.workflow.writes), which waits for a
    colleague's transaction on the same case and then finds the version moved. A step that
    goes to the ORM's flush takes the row lock (PostgreSQL) before that flush, so two steps on
    one case do not hold other rows while they wait for each other (a query inside the step
    that flushed earlier wrote the case row, version-checked, already). SQLite has no row
    locks: one writer at a time, and the version is checked where the case row is written.
    """
    if "deadlines" in sa.inspect(case).unloaded:
        statement = (
            sa.select(Case.version, Case)
            .where(Case.id == case.id)
            .with_for_update()
            .options(
                selectinload(Case.deadlines).selectinload(Deadline.suspensions),
                selectinload(Case.deadlines).selectinload(Deadline.extensions),
            )
        )
        current = db.session.scalar(statement)
    else:
        current = case.version
        if db.session.get_bind().dialect.name != "sqlite":
            db.session().info.setdefault(_UNLOCKED, []).append(case)
    if current is None or current != case.version:
        raise ConflictError()
    if expected_version is not None and expected_version != current:
        raise ConflictError()
    # Every step writes the case row on the version it read, also a step that leaves each fact
    # as it was (a note in the same instant as the step before): a stale copy is refused there.
    flag_modified(case, "last_event_at")


def _take_locks() -> None:
    """The row locks lock_case left for the write. The version found is the one the step read,
    or the one it wrote already when a query in the step flushed the case (under the lock)."""
    connection = db.session.connection()
    for case in db.session().info.pop(_UNLOCKED, []):
        if connection.scalar(_LOCK, {"id": case.id}) != case.version:
            raise ConflictError()


def seconds_since(case: Case, now: Any) -> int:
    return max(0, int((now - case.last_event_at).total_seconds()))
