"""One unit of work per request, job or command: it commits once, or rolls everything back.

The engine and the services only flush. Whoever owns the unit (the request boundary in
caseflow.web.boundary, `unit_of_work()` for jobs and commands) decides: everything or nothing.

Some writes must outlive a refusal: the processing log of a refused view, a failed login
counted for the lockout. They are made with `keep_on_refusal`, which writes them in the unit
as usual and, should the unit roll back, writes them again in a short transaction of their own.
"""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import g, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlalchemy.orm.exc import StaleDataError

from caseflow.extensions import db
from caseflow.workflow.errors import ConflictError

_KEPT = "caseflow_kept_on_refusal"
# In the session's info while its transaction has written anything (flushed or by a statement).
_WROTE = "caseflow_wrote"


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


def mark_written(session: Session) -> None:
    """The transaction wrote, by statements the events below do not see."""
    session.info[_WROTE] = True


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, context: object) -> None:
    mark_written(session)


@event.listens_for(Session, "do_orm_execute")
def _statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)


@contextmanager
def all_or_nothing() -> Iterator[None]:
    """A step's share of the unit: flushed when it succeeds, undone alone when it fails, so the
    caller still decides about the rest of the unit. What the step wrote to be kept on refusal
    (a refusal in the rights log, say) is written again after the undo.

    Only a unit that already wrote needs a savepoint to keep those writes; for the first writer
    (a job's step, most engine calls) undoing the step is undoing the transaction, which saves
    two statements per step."""
    kept = len(_kept())
    session = db.session()
    if session.info.get(_WROTE):
        _begin_for_savepoints(session)
        try:
            with session.begin_nested():
                yield
        except BaseException:
            _write_again(kept)
            raise
        return
    try:
        yield
        session.flush()
    except BaseException:
        if session.info.get(_WROTE) or session.new or session.dirty or session.deleted:
            session.rollback()
            _write_again(kept)
        raise


def _begin_for_savepoints(session: Session) -> None:
    """SQLite's driver begins a transaction only before a write, so a savepoint as the first
    statement would run outside one (and its release would commit). Begin IMMEDIATE: the step
    reads and then writes, and holding the write lock from its first read means no other writer
    slips in between (SQLite's row lock, in effect)."""
    dbapi_connection = session.connection().connection.dbapi_connection
    if isinstance(dbapi_connection, sqlite3.Connection) and not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN IMMEDIATE")


def _write_again(kept: int) -> None:
    for write in _kept()[kept:]:
        write()


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
