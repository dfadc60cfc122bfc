"""Beheer partners: the partner organisations that work on household plans, and the personal
accounts of their staff. Views parse and render; caseflow.partners.organisations decides."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.extensions import db
from caseflow.models import PartnerOrganisation
from caseflow.partners.organisations import (
    create_organisation,
    create_staff_account,
    organisations,
    staff_of,
)
from caseflow.permissions import MANAGE_PARTNERS
from caseflow.rights.accounts import administered
from caseflow.web.common import user
from caseflow.web.partner_forms import OrganisationForm, StaffAccountForm
from caseflow.web.plan_forms import Errors, fresh, place_errors, submitted
from caseflow.workflow.errors import InvalidData

bp = Blueprint("partner_admin", __name__, url_prefix="/beheer/partners")


def _manager() -> None:
    if not user().may(MANAGE_PARTNERS):
        abort(403)


def _list(
    form: OrganisationForm | None = None, errors: Errors | None = None
) -> ResponseReturnValue:
    return render_template(
        "partners/admin.html",
        organisations=organisations(),
        form=form or fresh(OrganisationForm, "org"),
        errors=errors or [],
    ), (400 if errors else 200)


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    _manager()
    return _list()


@bp.route("/", methods=["POST"])
@login_required
def create() -> ResponseReturnValue:
    _manager()
    form = submitted(OrganisationForm, "org")
    try:
        made = create_organisation(
            user(),
            name=form.name.data or "",
            kind=form.kind.data or "",
            contact_name=form.contact_name.data,
            phone=form.phone.data,
            email=form.email.data,
        )
    except InvalidData as exc:
        return _list(form, place_errors(form, exc))
    flash(f"{made.name} is vastgelegd. Maak nu de accounts van de medewerkers aan.")
    return redirect(url_for("partner_admin.organisation", organisation_id=made.id))


def _organisation(organisation_id: int) -> PartnerOrganisation:
    found = db.session.get(PartnerOrganisation, organisation_id)
    if found is None:
        abort(404)
    return found


def _page(
    organisation: PartnerOrganisation,
    form: StaffAccountForm | None = None,
    errors: Errors | None = None,
) -> ResponseReturnValue:
    form = form or fresh(StaffAccountForm, "account")
    form.municipality_ids.choices = [(m.id, m.name) for m in administered(user())]
    return render_template(
        "partners/admin_organisation.html",
        organisation=organisation,
        staff=staff_of(organisation, user()),
        form=form,
        errors=errors or [],
    ), (400 if errors else 200)


@bp.route("/<int:organisation_id>")
@login_required
def organisation(organisation_id: int) -> ResponseReturnValue:
    _manager()
    return _page(_organisation(organisation_id))


@bp.route("/<int:organisation_id>/medewerkers", methods=["POST"])
@login_required
def add_staff(organisation_id: int) -> ResponseReturnValue:
    _manager()
    found = _organisation(organisation_id)
    form = submitted(StaffAccountForm, "account")
    form.municipality_ids.choices = [(m.id, m.name) for m in administered(user())]
    try:
        account = create_staff_account(
            user(),
            found,
            username=form.username.data or "",
            full_name=form.full_name.data or "",
            email=form.email.data or "",
            password=form.password.data or "",
            municipality_ids=list(form.municipality_ids.data or []),
            origin=request.remote_addr,
        )
    except InvalidData as exc:
        return _page(found, form, place_errors(form, exc))
    flash(f"Het account {account.username} is aangemaakt voor {found.name}.")
    return redirect(url_for("partner_admin.organisation", organisation_id=found.id))
