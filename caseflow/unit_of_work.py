"""One unit of work per request, job or command: it commits once, or rolls everything back.

The engine and the services only flush. Whoever owns the unit (the request boundary in
caseflow.web.boundary, `unit_of_work()` for jobs and commands) decides: everything or nothing.

Some writes must outlive a refusal: the processing log of a refused view, a failed login
counted for the lockout. They are made with `keep_on_refusal`, which writes them in the unit
as usual and, should the unit roll back, writes them again in a short transaction of their own.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import g, has_app_context
from sqlalchemy.orm.exc import StaleDataError

from caseflow.extensions import db
from caseflow.workflow.errors import ConflictError

_KEPT = "caseflow_kept_on_refusal"


def begin() -> None:
    """Start a unit: nothing is kept from an earlier one."""
    if has_app_context():
        g.pop(_KEPT, None)


def _kept() -> list[Callable[[], object]]:
    if not has_app_context():
        return []
    kept: list[Callable[[], object]] = g.setdefault(_KEPT, [])
    return kept


def keep_on_refusal(write: Callable[[], object]) -> None:
    """Do `write` in this unit now; if the unit (or the savepoint around it) is rolled back,
    it is done again, so it stays whatever else is undone."""
    write()
    _kept().append(write)


def commit(*, keep_loaded: bool = False) -> None:
    """Commit the unit. With `keep_loaded`, objects keep what was just written (no reloads)."""
    session = db.session()
    expire = session.expire_on_commit
    session.expire_on_commit = not keep_loaded
    try:
        session.commit()
    except StaleDataError:
        rollback()
        raise ConflictError() from None
    except BaseException:
        rollback()
        raise
    finally:
        session.expire_on_commit = expire
    begin()


def rollback() -> None:
    """Undo the unit; then write what must be kept of it, in a transaction of its own."""
    db.session.rollback()
    kept = _kept()
    begin()
    if not kept:
        return
    try:
        for write in kept:
            write()
        db.session.commit()
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        raise


@contextmanager
def all_or_nothing() -> Iterator[None]:
    """A step's share of the unit, in a savepoint: flushed when it succeeds, undone alone when
    it fails, so the caller still decides about the rest of the unit. What the step wrote to be
    kept on refusal (a refusal in the rights log, say) is written again after the undo."""
    kept = len(_kept())
    try:
        with db.session.begin_nested():
            yield
    except BaseException:
        for write in _kept()[kept:]:
            write()
        raise


@contextmanager
def unit_of_work(*, keep_loaded: bool = False) -> Iterator[None]:
    """The boundary of a job or command: commit what the block did, or nothing of it."""
    begin()
    try:
        yield
    except BaseException:
        rollback()
        raise
    commit(keep_loaded=keep_loaded)
