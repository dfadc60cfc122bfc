"""One transaction per change: the case row locked, stale copies refused, state kept on commit."""

from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from caseflow.extensions import db
from caseflow.models.cases import Case
from caseflow.models.deadlines import Deadline
from caseflow.workflow.errors import ConflictError

T = TypeVar("T")


def in_transaction(work: Callable[[], T], commit: bool) -> T:
    """Run `work` and commit it (or leave the commit to the caller); on any error, undo all."""
    try:
        result = work()
        db.session.flush()
        if commit:
            commit_keeping_state()
        return result
    except StaleDataError:
        db.session.rollback()
        raise ConflictError() from None
    except BaseException:
        db.session.rollback()
        raise


def commit_keeping_state() -> None:
    """Commit without expiring what is loaded: the objects hold exactly what was just written.

    A caller that moves the same case again then sends no reloads of the case, its deadlines
    or the actor's roles; `lock_case` still refuses the copy if another transaction changed it.
    """
    session = db.session()
    expire = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire


def lock_case(case: Case, expected_version: int | None) -> None:
    """Take the case row for this transaction and refuse to act on a stale copy of it.

    The deadlines with their suspensions and extensions come along when they are not loaded
    yet, in three statements rather than one per deadline.
    """
    statement = sa.select(Case.version).where(Case.id == case.id).with_for_update()
    if "deadlines" in sa.inspect(case).unloaded:
        statement = statement.add_columns(Case).options(
            selectinload(Case.deadlines).selectinload(Deadline.suspensions),
            selectinload(Case.deadlines).selectinload(Deadline.extensions),
        )
    current = db.session.execute(statement).first()
    if current is None:
        raise ConflictError()
    if current[0] != case.version or (
        expected_version is not None and expected_version != current[0]
    ):
        raise ConflictError()


def seconds_since(case: Case, now: Any) -> int:
    return max(0, int((now - case.last_event_at).total_seconds()))
