"""The rights tests' view of the web office, separate logins per client, the rights log."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask, g, request_started

from caseflow.extensions import db
from caseflow.models import RightsChange, User
from tests.offices import Office


@dataclass(frozen=True)
class RightsOffice:
    """The web office with beheerders: two for Maastricht, one for Vaals."""

    office: Office
    beheerder: User
    tweede_beheerder: User
    vaals_beheerder: User


@contextmanager
def separate_sessions(app: Flask) -> Iterator[None]:
    """Each request sees only its own client's login, as in production.

    The tests hold one app context open, so what flask-login and flask-wtf keep in `g` for one
    request (the user, the CSRF token) would otherwise carry over to the next request.
    """

    def forget_user(sender: Flask, **extra: object) -> None:
        g.pop("_login_user", None)
        g.pop("csrf_token", None)

    request_started.connect(forget_user, app)
    try:
        yield
    finally:
        request_started.disconnect(forget_user, app)


def log_rows(**where: object) -> list[RightsChange]:
    db.session.expire_all()
    query = sa.select(RightsChange).order_by(RightsChange.id)
    for name, value in where.items():
        query = query.where(getattr(RightsChange, name) == value)
    return list(db.session.scalars(query))


def fresh(user: User) -> User:
    db.session.expire_all()
    return db.session.get_one(User, user.id)


def field_error(page: str, field_id: str) -> str:
    """The text of the error shown beside a field (empty when there is none)."""
    found = re.search(
        rf'<p class="utrecht-form-field-error-message" id="{re.escape(field_id)}-fout">([^<]*)</p>',
        page,
    )
    return found.group(1) if found else ""
