"""Small helpers shared by the blueprints."""

from flask import request
from flask_login import current_user

from caseflow.models import User
from caseflow.web.ids import parse_id


def user() -> User:
    """The logged-in user as our own model (not the proxy), for the engine and queries."""
    me: User = current_user._get_current_object()
    return me


def int_arg(name: str, default: int | None = None) -> int | None:
    value = parse_id(request.args.get(name))
    return default if value is None else value
