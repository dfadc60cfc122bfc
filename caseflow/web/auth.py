"""Login and logout: with a password (for development, or where no identity provider is used)
or by single sign-on (caseflow.web.oidc); logout ends both."""

import hmac
import secrets
from functools import cache
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.orm import selectinload
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from caseflow import clock
from caseflow.extensions import db, login_manager
from caseflow.models import User
from caseflow.security.headers import CSP
from caseflow.security.throttle import is_locked, record_failure, record_success
from caseflow.web import oidc
from caseflow.web.common import user
from caseflow.web.forms import DutchForm
from caseflow.web.ids import parse_id

bp = Blueprint("auth", __name__)
WRONG = "Gebruikersnaam of wachtwoord klopt niet."
PASSWORDS_OFF = "Inloggen met een wachtwoord staat uit. Log in met uw organisatie-account."
LOCKED = (
    "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw, of neem contact op "
    "met de beheerder."
)


class LoginForm(DutchForm):
    username = StringField("Gebruikersnaam", validators=[DataRequired("Vul uw gebruikersnaam in.")])
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in.")])


def init_login(app: Flask) -> None:
    oidc.init_oidc(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in om verder te gaan."

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        # A deactivated account, or a session from before the password changed, is logged out
        # at its next request, not when its session would have ended.
        user_id, _, key = session_id.partition(":")
        number = parse_id(user_id)
        # What every page asks of its user (roles, municipalities, teams: the menu and the
        # scope of every read) comes along now, before the scope that needs it is in force.
        found = (
            db.session.get(User, number, options=_USER_WITH_REACH) if number is not None else None
        )
        if found is None or not found.active or not hmac.compare_digest(key, found.session_key):
            return None
        return found


_USER_WITH_REACH = (
    selectinload(User.role_rows),
    selectinload(User.municipalities),
    selectinload(User.teams),
)


@cache
def dummy_hash() -> str:
    """A hash of a password nobody has, made like real ones: unknown names are checked as long."""
    return generate_password_hash(secrets.token_urlsafe(16))


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/"):
        return target
    return url_for("worklist.mine")


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("worklist.mine"))
    form = LoginForm()
    error = None
    passwords = current_app.config["PASSWORD_LOGIN"]
    if not passwords:
        # Nothing of a password is read: not even to count a failure.
        status = 403 if request.method == "POST" else 200
        return render_template(
            "auth/login.html",
            form=None,
            error=PASSWORDS_OFF if status == 403 else None,
            sso=oidc.enabled(),
        ), status
    if form.validate_on_submit():
        username = (form.username.data or "").strip()
        origin = request.remote_addr
        user = db.session.scalar(sa.select(User).where(User.username == username))
        # An unknown name costs the same hash check as a known one: timing tells nothing.
        checked = check_password_hash(
            user.password_hash if user is not None else dummy_hash(), form.password.data or ""
        )
        if is_locked(username, origin):
            error = LOCKED
        elif user is None or not user.active or not checked:
            record_failure(username, origin)
            error = LOCKED if is_locked(username, origin) else WRONG
        else:
            record_success(username, origin)
            user.last_login_at = clock.now()
            session.clear()
            session.permanent = True  # the idle timeout is PERMANENT_SESSION_LIFETIME
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form, error=error, sso=oidc.enabled())


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> ResponseReturnValue:
    provider = oidc.provider_logout()
    # Every session of this user ends, including a copy of this cookie kept elsewhere.
    user().session_generation += 1
    logout_user()
    session.clear()
    flash("U bent uitgelogd.")
    if provider is None:
        return redirect(url_for("auth.login"))
    # Then the identity provider's session: this form's answer leads there, so the page's
    # policy lets the form go to the provider as well as to caseflow.
    response = redirect(provider)
    response.headers["Content-Security-Policy"] = CSP.replace(
        "form-action 'self'", f"form-action 'self' {oidc.origin(provider)}"
    )
    return response
