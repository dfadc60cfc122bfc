"""Single sign-on through OpenID Connect (authorization code flow with PKCE, by Authlib).

The identity provider says who someone is; caseflow decides what they may: the configured claim
(CASEFLOW_OIDC_USER_CLAIM, preferred_username by default) is matched to a caseflow account by
user name or e-mail address, and that account's roles, teams and municipalities apply. Someone
the provider knows and caseflow does not is refused in Dutch, and the refusal is kept in the
rights log. Logging out ends the caseflow session and, where the provider offers an
end_session_endpoint, the provider's session too.
"""

from typing import Any
from urllib.parse import urlencode, urlsplit

import sqlalchemy as sa
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import (
    Blueprint,
    Flask,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user
from joserfc.errors import JoseError

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import User
from caseflow.rights.log import record_refusal

bp = Blueprint("oidc", __name__)

_EXTENSION = "caseflow.oidc"
_ID_TOKEN = "oidc_id_token"
_NEXT = "oidc_next"
SSO_LOGIN = "sso"


def enabled(app: Flask | None = None) -> bool:
    return _EXTENSION in (app or current_app).extensions


def init_oidc(app: Flask) -> None:
    """Register the provider when CASEFLOW_OIDC_ISSUER is set; otherwise SSO stays off."""
    issuer = app.config.get("OIDC_ISSUER", "")
    if not issuer:
        return
    oauth = OAuth(app)
    oauth.register(
        "provider",
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": app.config["OIDC_SCOPES"], "code_challenge_method": "S256"},
    )
    app.extensions[_EXTENSION] = oauth
    app.register_blueprint(bp)


def _client() -> Any:
    return current_app.extensions[_EXTENSION].provider


def signed_in_with_sso() -> bool:
    return session.get("login_method") == SSO_LOGIN


@bp.get("/login/sso")
def start() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("worklist.mine"))
    target = request.args.get("next") or ""
    # Only a path on caseflow itself: "//host" and "/\\host" would lead elsewhere.
    local = target.startswith("/") and not target.startswith(("//", "/\\"))
    session[_NEXT] = target if local else None
    return _client().authorize_redirect(url_for("oidc.callback", _external=True))  # type: ignore[no-any-return]


def _claims(token: dict[str, Any]) -> dict[str, Any]:
    """The ID token's claims, and the userinfo endpoint's when the claim we match on is not
    among them (providers differ in what they put in the ID token)."""
    claims = dict(token.get("userinfo") or {})
    if current_app.config["OIDC_USER_CLAIM"] not in claims:
        claims |= dict(_client().userinfo(token=token))
    return claims


def _account(value: str) -> User | None:
    field = current_app.config["OIDC_ACCOUNT_FIELD"]
    if field == "email":
        return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == value.lower()))
    return db.session.scalar(sa.select(User).where(User.username == value))


def _refuse(detail: str) -> ResponseReturnValue:
    record_refusal(None, None, "aanmelden_sso", detail, request.remote_addr)
    return render_template("auth/sso_refused.html"), 403


@bp.get("/login/sso/callback")
def callback() -> ResponseReturnValue:
    try:
        token = _client().authorize_access_token()
        claims = _claims(token)
    except (OAuthError, JoseError) as error:
        current_app.logger.warning("single sign-on failed: %s", error.error)
        return render_template("auth/sso_failed.html"), 400
    claim = current_app.config["OIDC_USER_CLAIM"]
    value = str(claims.get(claim) or "")
    user = _account(value) if value else None
    if user is None or not user.active:
        known = "geen actief account" if user is not None else "geen account"
        return _refuse(f"{claim} '{value[:100]}' van de identity provider heeft {known}")
    target = session.pop(_NEXT, None)
    session.clear()
    session.permanent = True
    login_user(user)
    session[_ID_TOKEN] = token.get("id_token")
    session["login_method"] = SSO_LOGIN
    user.last_login_at = clock.now()
    return redirect(target or url_for("worklist.mine"))


def provider_logout() -> str | None:
    """Where to send the browser to end the provider's session too, or None. Call before the
    caseflow session is cleared: it needs the ID token of this login."""
    id_token = session.get(_ID_TOKEN)
    if not enabled() or not id_token:
        return None
    end = _client().load_server_metadata().get("end_session_endpoint")
    if not end:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": current_app.config["OIDC_CLIENT_ID"],
            "post_logout_redirect_uri": url_for("auth.login", _external=True),
        }
    )
    return f"{end}{'&' if '?' in end else '?'}{query}"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
