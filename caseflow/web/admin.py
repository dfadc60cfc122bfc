"""Beheer gebieden: areas and their postcode ranges per municipality, and the area teams."""

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.extensions import db
from caseflow.models import Area, Municipality, PostcodeRange, Team, User
from caseflow.permissions import ADMINISTER
from caseflow.plans import areas
from caseflow.routing import postcode_number
from caseflow.web.common import int_arg, user
from caseflow.web.ids import parse_id
from caseflow.web.plan_forms import (
    AreaForm,
    Errors,
    MemberForm,
    RangeForm,
    TeamForm,
    fresh,
    place_errors,
    submitted,
)
from caseflow.workflow.errors import InvalidData, WorkflowError

bp = Blueprint("admin", __name__, url_prefix="/beheer")


def _municipalities() -> list[Municipality]:
    found = areas.administered(user())
    if not found:
        abort(403)
    return found


def _staff(municipality: Municipality) -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.active.is_(True), User.municipalities.any(id=municipality.id))
            .order_by(User.full_name)
        )
    )


def _lookup(municipalities: list[Municipality]) -> dict[str, Any] | None:
    postcode = (request.args.get("postcode") or "").strip()
    chosen = next((m for m in municipalities if m.id == int_arg("gemeente")), None)
    if not postcode or chosen is None:
        return None
    if postcode_number(postcode) is None:
        return {"postcode": postcode, "municipality": chosen, "error": "Vul een postcode in."}
    area, team = areas.where_is(chosen, postcode)
    return {"postcode": postcode, "municipality": chosen, "area": area, "team": team}


def _page(errors: Errors | None = None, status: int = 200, **given: Any) -> ResponseReturnValue:
    municipalities = _municipalities()
    new_area = given.pop("new_area", None) or fresh(AreaForm, "gebied")
    new_area.municipality_id.choices = [(m.id, m.name) for m in municipalities]
    per_area: dict[int, dict[str, Any]] = {}
    for municipality in municipalities:
        for area in municipality.areas:
            team = areas.area_team(area)
            member = given.get(f"area{area.id}", {}).get("member") or fresh(
                MemberForm, f"lid{area.id}"
            )
            member.user_id.choices = [(0, "Kies…")] + [
                (u.id, u.full_name)
                for u in _staff(municipality)
                if team is None or u not in team.members
            ]
            forms: dict[str, Any] = {
                "range": fresh(RangeForm, f"bereik{area.id}"),
                "team": fresh(TeamForm, f"team{area.id}", team_name=f"Gebiedsteam {area.name}"),
                "team_row": team,
            }
            forms.update(given.get(f"area{area.id}", {}))
            forms["member"] = member
            per_area[area.id] = forms
    return render_template(
        "admin/areas.html",
        municipalities=municipalities,
        per_area=per_area,
        new_area=new_area,
        lookup=_lookup(municipalities),
        errors=errors or [],
    ), status


@bp.route("/gebieden")
@login_required
def areas_page() -> ResponseReturnValue:
    return _page()


def _area(area_id: int) -> Area:
    area = db.session.get(Area, area_id)
    if area is None:
        abort(404)
    if not user().may(ADMINISTER) or not user().serves(area.municipality_id):
        abort(403)
    return area


def _refused(exc: WorkflowError, form: Any, key: str, name: str) -> ResponseReturnValue:
    db.session.expire_all()
    errors: Errors = (
        place_errors(form, exc) if isinstance(exc, InvalidData) else [(None, exc.message)]
    )
    given = {"new_area": form} if key == "new_area" else {key: {name: form}}
    return _page(errors, 400, **given)


@bp.route("/gebieden", methods=["POST"])
@login_required
def add_area() -> ResponseReturnValue:
    municipalities = _municipalities()
    form = submitted(AreaForm, "gebied")
    municipality = next(
        (m for m in municipalities if m.id == parse_id(form.municipality_id.data)), None
    )
    try:
        if municipality is None:
            raise InvalidData({"municipality_id": "Kies een gemeente."})
        area = areas.add_area(
            municipality, form.name.data or "", form.first.data, form.last.data, user()
        )
    except WorkflowError as exc:
        return _refused(exc, form, "new_area", "")
    flash(f"Gebied {area.name} is toegevoegd aan {municipality.name}.")
    return redirect(url_for("admin.areas_page") + f"#gebied-{area.id}")


@bp.route("/gebieden/<int:area_id>/postcodes", methods=["POST"])
@login_required
def add_range(area_id: int) -> ResponseReturnValue:
    area = _area(area_id)
    form = submitted(RangeForm, f"bereik{area.id}")
    try:
        areas.add_range(area, form.first.data, form.last.data, user())
    except WorkflowError as exc:
        return _refused(exc, form, f"area{area_id}", "range")
    flash(f"Postcodes {form.first.data}–{form.last.data} horen nu bij {area.name}.")
    return redirect(url_for("admin.areas_page") + f"#gebied-{area.id}")


@bp.route("/postcodes/<int:range_id>/verwijderen", methods=["POST"])
@login_required
def remove_range(range_id: int) -> ResponseReturnValue:
    row = db.session.get(PostcodeRange, range_id)
    if row is None:
        abort(404)
    area = _area(row.area_id)
    label = f"{row.first}–{row.last}"
    try:
        areas.remove_range(row, user())
    except WorkflowError as exc:
        flash(exc.message, "error")
    else:
        flash(f"Postcodes {label} horen niet meer bij {area.name}.")
    return redirect(url_for("admin.areas_page") + f"#gebied-{area.id}")


@bp.route("/gebieden/<int:area_id>/team", methods=["POST"])
@login_required
def add_team(area_id: int) -> ResponseReturnValue:
    area = _area(area_id)
    form = submitted(TeamForm, f"team{area.id}")
    try:
        team = areas.add_area_team(area, form.team_name.data or "", user())
    except WorkflowError as exc:
        return _refused(exc, form, f"area{area_id}", "team")
    flash(f"{team.name} is aangemaakt voor {area.name}.")
    return redirect(url_for("admin.areas_page") + f"#gebied-{area.id}")


@bp.route("/teams/<int:team_id>/leden", methods=["POST"])
@login_required
def membership(team_id: int) -> ResponseReturnValue:
    team = db.session.get(Team, team_id)
    if team is None or team.area_id is None:
        abort(404)
    area = _area(team.area_id)
    form = submitted(MemberForm, f"lid{area.id}")
    present = request.form.get("actie") != "verwijderen"
    member = db.session.get(User, parse_id(form.user_id.data) or 0)
    try:
        areas.set_membership(team, member, user(), present=present, origin=request.remote_addr)
    except WorkflowError as exc:
        return _refused(exc, form, f"area{area.id}", "member")
    assert member is not None
    flash(f"{member.full_name} is {'toegevoegd aan' if present else 'verwijderd uit'} {team.name}.")
    return redirect(url_for("admin.areas_page") + f"#gebied-{area.id}")
