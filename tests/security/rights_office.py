"""The web office with beheerders: two for Maastricht, one for Vaals; helpers for the rights log."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask, g, request_started

from caseflow.extensions import db
from caseflow.models import RightsChange, Role, User
from tests.factories import Factory
from tests.offices import Office, web_office


@dataclass
class RightsOffice:
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


def make_rights_office(factory: Factory) -> RightsOffice:
    office = web_office(factory)
    return RightsOffice(
        office=office,
        beheerder=factory.user(
            Role.BEHEERDER, municipalities=[office.maastricht], username="beheerder"
        ),
        tweede_beheerder=factory.user(
            Role.BEHEERDER, municipalities=[office.maastricht], username="beheerder2"
        ),
        vaals_beheerder=factory.user(
            Role.BEHEERDER, municipalities=[office.vaals], username="beheerder-vaals"
        ),
    )


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
    found = re.search(rf'<p class="field-error" id="{re.escape(field_id)}-fout">([^<]*)</p>', page)
    return found.group(1) if found else ""
