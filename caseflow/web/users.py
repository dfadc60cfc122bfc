"""Beheer gebruikers: personal accounts, their roles, municipalities and teams, and the history of
every change to them. Views parse and render; `caseflow.rights.accounts` decides and logs."""

from typing import Any, NoReturn

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from sqlalchemy.orm import selectinload

from caseflow.extensions import db
from caseflow.models import RightsChange, User
from caseflow.rights import accounts
from caseflow.rights.log import record_refusal
from caseflow.web.common import int_arg, user
from caseflow.web.plan_forms import Errors, fresh, place_errors, submitted
from caseflow.web.user_forms import NewUserForm, ResetPasswordForm, RightsForm, unreadable
from caseflow.workflow.errors import InvalidData, NotAuthorised

bp = Blueprint("users", __name__, url_prefix="/beheer")
HISTORY = 100


def _refuse(subject: User | None, detail: str) -> NoReturn:
    record_refusal(user(), subject, "inzien", detail, request.remote_addr)
    abort(403)


def _subject(user_id: int) -> User:
    """A user the beheerder may look at: one of their municipalities' (themselves included)."""
    subject = db.session.get(User, user_id)
    if subject is None:
        abort(404)
    if not accounts.in_scope(user(), subject):
        _refuse(subject, "gebruikerspagina")
    return subject


def _choices(form: RightsForm) -> RightsForm:
    me = user()
    form.municipality_ids.choices = [(m.id, m.name) for m in accounts.administered(me)]
    form.team_ids.choices = [(t.id, t.name) for t in accounts.manageable_teams(me)]
    return form


@bp.route("/gebruikers")
@login_required
def index() -> ResponseReturnValue:
    me = user()
    municipalities = accounts.administered(me)
    if not municipalities:
        _refuse(None, "gebruikersoverzicht")
    chosen = int_arg("gemeente")
    users = accounts.users_in_scope(me, chosen)
    return render_template(
        "users/index.html", users=users, municipalities=municipalities, chosen=chosen
    )


def _new_page(form: NewUserForm, errors: Errors | None = None) -> ResponseReturnValue:
    return render_template("users/new.html", form=form, errors=errors or []), (
        400 if errors else 200
    )


@bp.route("/gebruikers/nieuw")
@login_required
def new() -> ResponseReturnValue:
    if not accounts.administered(user()):
        _refuse(None, "nieuw account")
    return _new_page(_choices(fresh(NewUserForm, "")))


@bp.route("/gebruikers/nieuw", methods=["POST"])
@login_required
def create() -> ResponseReturnValue:
    form = _choices(submitted(NewUserForm, ""))
    try:
        if bad := unreadable(form):
            raise bad
        created = accounts.create_account(
            user(),
            username=form.username.data or "",
            full_name=form.full_name.data or "",
            email=form.email.data or "",
            password=form.password.data or "",
            roles=form.roles.data or [],
            municipality_ids=form.municipality_ids.data or [],
            team_ids=form.team_ids.data or [],
            origin=request.remote_addr,
        )
    except NotAuthorised:
        abort(403)
    except InvalidData as exc:
        return _new_page(form, place_errors(form, exc))
    flash(f"Het account van {created.full_name} is aangemaakt.")
    return redirect(url_for("users.show", user_id=created.id))


def _show(subject: User, errors: Errors | None = None, **given: Any) -> ResponseReturnValue:
    me = user()
    rights = given.get("rights") or _choices(
        fresh(
            RightsForm,
            "rechten",
            roles=sorted(subject.roles),
            municipality_ids=[m.id for m in subject.municipalities],
            team_ids=[t.id for t in subject.teams],
        )
    )
    history = db.session.scalars(
        sa.select(RightsChange)
        .where(RightsChange.user_id == subject.id)
        .options(selectinload(RightsChange.actor))
        .order_by(RightsChange.id.desc())
        .limit(HISTORY)
    ).all()
    administered = {m.id for m in accounts.administered(me)}
    return render_template(
        "users/show.html",
        subject=subject,
        is_self=subject.id == me.id,
        rights=rights,
        reset=given.get("reset") or fresh(ResetPasswordForm, "reset"),
        other_municipalities=[m for m in subject.municipalities if m.id not in administered],
        history=history,
        limit=HISTORY,
        errors=errors or [],
    ), (400 if errors else 200)


@bp.route("/gebruikers/<int:user_id>")
@login_required
def show(user_id: int) -> ResponseReturnValue:
    return _show(_subject(user_id))


@bp.route("/gebruikers/<int:user_id>/rechten", methods=["POST"])
@login_required
def change(user_id: int) -> ResponseReturnValue:
    subject = _subject(user_id)
    form = _choices(submitted(RightsForm, "rechten"))
    try:
        if bad := unreadable(form):
            raise bad
        count = accounts.change_rights(
            user(),
            subject,
            roles=form.roles.data or [],
            municipality_ids=form.municipality_ids.data or [],
            team_ids=form.team_ids.data or [],
            origin=request.remote_addr,
        )
    except NotAuthorised:
        abort(403)
    except InvalidData as exc:
        db.session.expire_all()
        return _show(subject, place_errors(form, exc), rights=form)
    flash(
        f"{count} {'wijziging' if count == 1 else 'wijzigingen'} opgeslagen voor "
        f"{subject.full_name}."
        if count
        else "Er is niets gewijzigd."
    )
    return redirect(url_for("users.show", user_id=subject.id))


@bp.route("/gebruikers/<int:user_id>/actief", methods=["POST"])
@login_required
def activation(user_id: int) -> ResponseReturnValue:
    subject = _subject(user_id)
    active = request.form.get("actief") == "ja"
    try:
        accounts.set_active(user(), subject, active, request.remote_addr)
    except NotAuthorised:
        abort(403)
    flash(f"Het account van {subject.full_name} is {'actief' if active else 'op inactief gezet'}.")
    return redirect(url_for("users.show", user_id=subject.id))


@bp.route("/gebruikers/<int:user_id>/wachtwoord", methods=["POST"])
@login_required
def reset_password(user_id: int) -> ResponseReturnValue:
    subject = _subject(user_id)
    form = submitted(ResetPasswordForm, "reset")
    try:
        accounts.reset_password(user(), subject, form.password.data or "", request.remote_addr)
    except NotAuthorised:
        abort(403)
    except InvalidData as exc:
        return _show(subject, place_errors(form, exc), reset=form)
    flash(f"{subject.full_name} moet het nieuwe wachtwoord bij de volgende keer inloggen wijzigen.")
    return redirect(url_for("users.show", user_id=subject.id))
