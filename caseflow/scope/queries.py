"""Scope as a property of every read: while a request runs, each ORM query of cases and clients
carries the viewer's scope, so a read path that forgets its filter shows less, never more.

The request sets the viewer (`viewing_as`); an anonymous request sees no case and no client.
Code that must look past the viewer's scope says so explicitly: the engine's own reads and
writes (a follow-up case lands in a team the actor is not in), reports with their own
municipality scope, the retention list and the processing log (their readers see no case).
Jobs and commands run outside a request and read unscoped.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import Case, Person, User
from caseflow.scope.clauses import case_scope, person_scope

# The execution option that lets one statement past the scope.
UNSCOPED: dict[str, Any] = {"caseflow_unscoped": True}


@dataclass
class _Viewer:
    user: User | None
    # Made on the first read that needs them: loading the user's teams is a query itself.
    criteria: tuple[Any, ...] | None = field(default=None)


_viewer: ContextVar[_Viewer | None] = ContextVar("caseflow_scope_viewer", default=None)


@contextmanager
def viewing_as(user: User | None) -> Iterator[None]:
    """Every case and client read inside is limited to what `user` may see (None: nothing)."""
    token = _viewer.set(_Viewer(user))
    try:
        yield
    finally:
        _viewer.reset(token)


def start_viewing(user: User | None) -> object:
    """`viewing_as` for a request, whose start and end are two hooks; pass the token to
    `stop_viewing`."""
    return _viewer.set(_Viewer(user))


def stop_viewing(token: object) -> None:
    _viewer.reset(token)  # type: ignore[arg-type]


@contextmanager
def unscoped() -> Iterator[None]:
    """Reads inside see past the viewer's scope: only where the caller applies its own."""
    token = _viewer.set(None)
    try:
        yield
    finally:
        _viewer.reset(token)


def is_scoped() -> bool:
    return _viewer.get() is not None


def _criteria(viewer: _Viewer) -> tuple[Any, ...]:
    if viewer.criteria is None:
        with unscoped():
            cases: ColumnElement[bool] = sa.false()
            persons: ColumnElement[bool] = sa.false()
            if viewer.user is not None:
                cases, persons = case_scope(viewer.user), person_scope(viewer.user)
        # Not carried on to the loaded objects: a relation loaded later is itself a read that
        # this hook scopes as its own context says, so an object loaded in scope does not keep
        # its relations hidden inside `unscoped()` (a partner's update writes the whole plan).
        viewer.criteria = (
            with_loader_criteria(Case, cases, propagate_to_loaders=False),
            with_loader_criteria(Person, persons, propagate_to_loaders=False),
        )
    return viewer.criteria


@event.listens_for(Session, "do_orm_execute")
def _apply_scope(state: ORMExecuteState) -> None:
    viewer = _viewer.get()
    if viewer is None or not state.is_select or state.execution_options.get("caseflow_unscoped"):
        return
    # Refreshing an object this request already holds discloses nothing new.
    if state.is_column_load:
        return
    state.statement = state.statement.options(*_criteria(viewer))
