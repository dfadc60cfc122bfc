"""The user's own account: changing the password, and being sent there while it must change."""

from flask import Blueprint, Flask, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user

from caseflow.rights.accounts import change_own_password
from caseflow.web.common import user
from caseflow.web.oidc import signed_in_with_sso
from caseflow.web.plan_forms import place_errors
from caseflow.web.user_forms import PasswordChangeForm
from caseflow.workflow.errors import InvalidData

bp = Blueprint("account", __name__, url_prefix="/account")
# Pages a user who must change their password may still reach.
OPEN_ENDPOINTS = {"account.password", "auth.logout", "auth.login", "static"}


def init_password_gate(app: Flask) -> None:
    @app.before_request
    def _must_change_password() -> ResponseReturnValue | None:
        if (
            current_user.is_authenticated
            and current_user.must_change_password
            # Whoever logs in through the identity provider has no use for a caseflow password.
            and not signed_in_with_sso()
            and request.endpoint not in OPEN_ENDPOINTS
        ):
            return redirect(url_for("account.password"))
        return None


@bp.route("/wachtwoord", methods=["GET", "POST"])
@login_required
def password() -> ResponseReturnValue:
    me = user()
    form = PasswordChangeForm()
    errors: list[tuple[str | None, str]] = []
    if request.method == "POST":
        try:
            change_own_password(
                me,
                form.current.data or "",
                form.new.data or "",
                form.repeat.data or "",
                request.remote_addr,
            )
        except InvalidData as exc:
            errors = place_errors(form, exc)
        else:
            # A new session for the new password: whatever knew the old session id is out.
            session.clear()
            session.permanent = True
            login_user(me)
            flash("Uw wachtwoord is gewijzigd.")
            return redirect(url_for("worklist.mine"))
    return render_template(
        "account/password.html", form=form, errors=errors, forced=me.must_change_password
    ), (400 if errors else 200)
