"""Who lives in the household and who is around them, on the household's regie page: add,
end and move a membership; add and end someone in a member's network."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.extensions import db
from caseflow.models import Household, HouseholdMember, NetworkRelation, Person
from caseflow.plans.members import MemberInput, add_member, end_membership, move_member
from caseflow.plans.network import RelationInput, add_relation, end_relation
from caseflow.web.common import user
from caseflow.web.forms import DutchForm
from caseflow.web.plan_cocreation_forms import (
    EndMemberForm,
    EndRelationForm,
    MemberForm,
    MoveMemberForm,
    RelationForm,
)
from caseflow.web.plan_forms import date_errors, place_errors, submitted
from caseflow.web.regie import household_or_403, render_household
from caseflow.workflow.errors import InvalidData, NotAuthorised, WorkflowError

bp = Blueprint("household", __name__, url_prefix="/regie/huishoudens")
CHANGE = "samenstelling huishouden wijzigen"


def _back(household: Household, message: str) -> ResponseReturnValue:
    flash(message)
    return redirect(url_for("regie.household", household_id=household.id) + "#kop-huishouden")


def _refused(
    household_id: int, exc: WorkflowError, name: str, form: DutchForm
) -> ResponseReturnValue:
    if isinstance(exc, NotAuthorised):
        raise exc  # a 403 for the error page, which logs it
    db.session.expire_all()
    household, case = household_or_403(household_id, CHANGE)
    if isinstance(exc, InvalidData):
        return render_household(household, case, place_errors(form, exc), 400, **{name: form})
    return render_household(household, case, [(None, exc.message)], 400, **{name: form})


def _member(household: Household, member_id: int) -> HouseholdMember:
    member = db.session.get(HouseholdMember, member_id)
    if member is None or member.household_id != household.id or member.ended_on is not None:
        abort(404)
    return member


@bp.route("/<int:household_id>/leden", methods=["POST"])
@login_required
def add(household_id: int) -> ResponseReturnValue:
    household, _ = household_or_403(household_id, CHANGE)
    form = submitted(MemberForm, "lid")
    if bad := date_errors(form):
        return _refused(household_id, bad, "member_form", form)
    data = MemberInput(
        relation=form.relation.data or "",
        started_on=form.started_on.data,
        person_id=form.person_id.data or None,
        bsn=(form.bsn.data or "").strip() or None,
        given_names=form.given_names.data or "",
        family_name=form.family_name.data or "",
        date_of_birth=form.date_of_birth.data,
        join_plan=bool(form.join_plan.data),
    )
    try:
        row = add_member(household, user(), data)
    except WorkflowError as exc:
        return _refused(household_id, exc, "member_form", form)
    return _back(household, f"{row.person.full_name} hoort nu bij {household.name}.")


@bp.route("/<int:household_id>/leden/<int:member_id>/einde", methods=["POST"])
@login_required
def end(household_id: int, member_id: int) -> ResponseReturnValue:
    household, _ = household_or_403(household_id, CHANGE)
    member = _member(household, member_id)
    form = submitted(EndMemberForm, f"einde{member.id}")
    name = member.person.full_name
    if bad := date_errors(form):
        return _refused(household_id, bad, f"end_{member.id}", form)
    try:
        end_membership(member, user(), form.ended_on.data, form.reason.data)
    except WorkflowError as exc:
        return _refused(household_id, exc, f"end_{member.id}", form)
    return _back(household, f"{name} hoort niet meer bij {household.name}.")


@bp.route("/<int:household_id>/leden/<int:member_id>/verhuizen", methods=["POST"])
@login_required
def move(household_id: int, member_id: int) -> ResponseReturnValue:
    household, _ = household_or_403(household_id, CHANGE)
    member = _member(household, member_id)
    form = submitted(MoveMemberForm, f"verhuizen{member.id}")
    if bad := date_errors(form):
        return _refused(household_id, bad, f"move_{member.id}", form)
    target = db.session.get(Household, form.to.data) if form.to.data else None
    try:
        row = move_member(
            member,
            user(),
            form.moved_on.data,
            to=target,
            new_household_name=form.new_household_name.data,
            relation=form.relation.data or "",
        )
    except WorkflowError as exc:
        return _refused(household_id, exc, f"move_{member.id}", form)
    return _back(household, f"{row.person.full_name} woont nu in {row.household.name}.")


@bp.route("/<int:household_id>/netwerk", methods=["POST"])
@login_required
def add_relation_page(household_id: int) -> ResponseReturnValue:
    household, _ = household_or_403(household_id, CHANGE)
    form = submitted(RelationForm, "netwerk")
    if bad := date_errors(form):
        return _refused(household_id, bad, "relation_form", form)
    person = db.session.scalar(sa.select(Person).where(Person.id == (form.person_id.data or 0)))
    data = RelationInput(
        kind=form.kind.data or "",
        name=form.name.data or "",
        organisation=form.organisation.data,
        role=form.role.data,
        phone=form.phone.data,
        email=form.email.data,
        started_on=form.started_on.data,
    )
    try:
        if person is None:
            raise InvalidData({"person_id": "Kies een lid van het huishouden."})
        row = add_relation(household, person, user(), data)
    except WorkflowError as exc:
        return _refused(household_id, exc, "relation_form", form)
    return _back(household, f"{row.name} staat in het netwerk van {person.full_name}.")


@bp.route("/<int:household_id>/netwerk/<int:relation_id>/einde", methods=["POST"])
@login_required
def end_relation_page(household_id: int, relation_id: int) -> ResponseReturnValue:
    household, _ = household_or_403(household_id, CHANGE)
    relation = db.session.get(NetworkRelation, relation_id)
    members = {m.person_id for m in household.members}
    if relation is None or relation.person_id not in members:
        abort(404)
    form = submitted(EndRelationForm, f"netwerkeinde{relation.id}")
    if bad := date_errors(form):
        return _refused(household_id, bad, f"end_relation_{relation.id}", form)
    try:
        end_relation(household, relation, user(), form.ended_on.data)
    except WorkflowError as exc:
        return _refused(household_id, exc, f"end_relation_{relation.id}", form)
    return _back(household, f"De betrokkenheid van {relation.name} is beëindigd.")
