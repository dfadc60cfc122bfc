"""The door, enforced: a case's life facts change only while the engine is at work.

A case's state, result, team, handler and moments are what every worklist and report counts.
The engine writes them together with the event that explains them; a write anywhere else
would be a fact without its event. At flush time this module refuses such writes, and new
cases that the engine did not open. The same holds for the registers a decision writes (a
provision, a benefit): an entry made anywhere else would be a grant without its decision.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from caseflow.models.benefits import Benefit
from caseflow.models.cases import Case
from caseflow.models.provisions import Provision

# Columns and the relationships that set them: the facts of a case the engine owns.
GUARDED = (
    "state",
    "result",
    "opened_at",
    "melding_date",
    "melding_via",
    "closed_at",
    "state_entered_at",
    "destroyed_at",
    "definition_version",
    "team_id",
    "team",
    "assignee_id",
    "assignee",
)

_inside_engine: ContextVar[bool] = ContextVar("caseflow_inside_engine", default=False)


class DoorViolation(RuntimeError):
    """Case data written outside the engine: a programming error, never a user's."""


@contextmanager
def through_the_door() -> Iterator[None]:
    """Mark the block as the engine's own work (a transition, an assignment, a destruction)."""
    token = _inside_engine.set(True)
    try:
        yield
    finally:
        _inside_engine.reset(token)


def _changed(case: Case) -> list[str]:
    attrs = sa.inspect(case).attrs
    return [name for name in GUARDED if attrs[name].history.has_changes()]


@event.listens_for(Session, "before_flush")
def _refuse_writes_outside_the_engine(session: Session, context: Any, instances: Any) -> None:
    if _inside_engine.get():
        return
    for obj in session.new:
        if isinstance(obj, Case):
            raise DoorViolation("a case is opened by the workflow engine only (start_case)")
        if isinstance(obj, Provision | Benefit):
            raise DoorViolation("a provision or benefit is written by its decision only")
    for obj in session.dirty:
        if isinstance(obj, Case) and (names := _changed(obj)):
            raise DoorViolation(
                f"case {obj.id}: {', '.join(names)} changed outside the workflow engine"
            )
