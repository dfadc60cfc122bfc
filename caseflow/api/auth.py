"""ZGW-style authentication: each application signs a short-lived JWT (HS256) with its own
secret; the token names the application (`client_id`), the application's row says what it may.

A token is refused when its signature does not match, when it was issued more than
API_JWT_MAX_AGE seconds ago or in the future, or when the application is switched off.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

import jwt
import sqlalchemy as sa
from flask import current_app, g, request

from caseflow import clock
from caseflow.api.problems import ApiError
from caseflow.extensions import db
from caseflow.models import ApiApplication

# Also read by the request log, which names the application (never a person).
_APPLICATION = "caseflow_api_application"
# Clocks of two machines differ a little; a token "from the future" within this is accepted.
LEEWAY_SECONDS = 60

F = TypeVar("F", bound=Callable[..., Any])


def _unauthenticated(detail: str) -> ApiError:
    return ApiError(401, detail)


def _token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthenticated("Geef een JWT mee in de Authorization-header (Bearer).")
    return token.strip()


def authenticate() -> ApiApplication:
    """The application whose valid token this request carries, or a 401."""
    token = _token()
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise _unauthenticated("Het token is geen geldige JWT.") from None
    if header.get("alg") != "HS256":
        raise _unauthenticated("Alleen tokens ondertekend met HS256 worden aanvaard.")
    client_id = claims.get("client_id") or claims.get("iss")
    if not isinstance(client_id, str) or not client_id:
        raise _unauthenticated("Het token noemt geen client_id.")
    application = db.session.scalar(
        sa.select(ApiApplication).where(ApiApplication.client_id == client_id)
    )
    if application is None or not application.active:
        raise _unauthenticated("Deze applicatie is onbekend of staat uit.")
    try:
        jwt.decode(
            token,
            application.secret,
            algorithms=["HS256"],
            options={"verify_iat": False, "require": ["iat"]},
        )
    except jwt.PyJWTError:
        raise _unauthenticated("De ondertekening van het token klopt niet.") from None
    _check_issued_at(claims.get("iat"))
    return application


def _check_issued_at(iat: object) -> None:
    if isinstance(iat, bool) or not isinstance(iat, int | float):
        raise _unauthenticated("Het token heeft geen geldige iat.")
    now = clock.now().timestamp()
    if iat > now + LEEWAY_SECONDS:
        raise _unauthenticated("Het token is uitgegeven in de toekomst.")
    if now - iat > current_app.config["API_JWT_MAX_AGE"]:
        raise _unauthenticated("Het token is verlopen; maak een nieuw token.")


def application() -> ApiApplication:
    found: ApiApplication = getattr(g, _APPLICATION)
    return found


def requires(scope: str) -> Callable[[F], F]:
    """The view needs a valid token of an application with `scope` (read or write)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            found = authenticate()
            if not found.allows(scope):
                raise ApiError(
                    403, f"Deze applicatie heeft de scope '{scope}' niet.", code="permission_denied"
                )
            setattr(g, _APPLICATION, found)
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorate
