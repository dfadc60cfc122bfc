"""Loading a case or client for a page: scope check, 404/403, and a processing-log row."""

from typing import NoReturn

import sqlalchemy as sa
from flask import abort, request
from flask_login import current_user

from caseflow.access_log import record
from caseflow.extensions import db
from caseflow.models import Case, Person, User
from caseflow.scope.queries import UNSCOPED


def _user() -> User:
    user: User = current_user._get_current_object()
    return user


def _refuse(purpose: str, person_id: int | None, case_id: int | None) -> NoReturn:
    record(
        _user(),
        "view",
        purpose,
        result="denied",
        person_id=person_id,
        case_id=case_id,
        origin=request.remote_addr,
    )
    abort(403)


def case_or_403(case_id: int, purpose: str) -> Case:
    """The case if the current user may see it (logged as a view); 404 or 403 (logged) if not."""
    # Whether it exists at all is asked past the scope: a hidden case is refused and logged.
    case = db.session.get(Case, case_id, execution_options=UNSCOPED)
    if case is None:
        abort(404)
    visible = db.session.scalar(sa.select(Case.id).where(Case.id == case_id))
    if visible is None:
        _refuse(purpose, case.person_id, case.id)
    record(
        _user(),
        "view",
        purpose,
        person_id=case.person_id,
        case_id=case.id,
        origin=request.remote_addr,
    )
    return case


def person_or_403(person_id: int, purpose: str) -> Person:
    person = db.session.get(Person, person_id, execution_options=UNSCOPED)
    if person is None or person.destroyed_at is not None:
        abort(404)
    visible = db.session.scalar(sa.select(Person.id).where(Person.id == person_id))
    if visible is None:
        _refuse(purpose, person.id, None)
    record(_user(), "view", purpose, person_id=person.id, origin=request.remote_addr)
    return person
