"""Consent and information requests on the plan page: record and withdraw the household's
consent to share with a partner, and put a targeted question to a partner or a consultant."""

from flask import Blueprint, abort
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.extensions import db
from caseflow.models import PlanConsent
from caseflow.plans.consent import ConsentInput, record_consent, withdraw_consent
from caseflow.plans.requests import RequestInput, ask
from caseflow.web.common import user
from caseflow.web.plan_cocreation_forms import ConsentForm, RequestForm, WithdrawForm
from caseflow.web.plan_forms import date_errors, submitted
from caseflow.web.plans import done, plan_or_403, refused
from caseflow.workflow.errors import WorkflowError

bp = Blueprint("plan_consent", __name__, url_prefix="/plannen")


@bp.route("/<int:plan_id>/toestemmingen", methods=["POST"])
@login_required
def record(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "toestemming vastleggen")
    form = submitted(ConsentForm, "toestemming")
    if bad := date_errors(form):
        return refused(plan_id, bad, "consent_form", form)
    data = ConsentInput(
        partner_organisation_id=form.partner_organisation_id.data or None,
        domains=list(form.domains.data or []),
        information=form.information.data,
        valid_from=form.valid_from.data,
        valid_until=form.valid_until.data,
        given_how=form.given_how.data or "",
        witness=form.witness.data,
        giver_ids=list(form.giver_ids.data or []),
    )
    try:
        consent = record_consent(plan, user(), data)
    except WorkflowError as exc:
        return refused(plan_id, exc, "consent_form", form)
    return done(
        plan,
        f"De toestemming voor {consent.partner_organisation.name} is vastgelegd.",
        "#toestemming",
    )


@bp.route("/<int:plan_id>/toestemmingen/<int:consent_id>/intrekken", methods=["POST"])
@login_required
def withdraw(plan_id: int, consent_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "toestemming intrekken")
    consent = db.session.get(PlanConsent, consent_id)
    if consent is None or consent.plan_id != plan.id:
        abort(404)
    form = submitted(WithdrawForm, f"intrekken{consent.id}")
    if bad := date_errors(form):
        return refused(plan_id, bad, f"withdraw_{consent.id}", form)
    try:
        withdraw_consent(consent, user(), form.withdrawn_on.data, form.note.data)
    except WorkflowError as exc:
        return refused(plan_id, exc, f"withdraw_{consent.id}", form)
    return done(
        plan,
        f"De toestemming voor {consent.partner_organisation.name} is ingetrokken. De partner "
        "heeft vanaf nu geen toegang meer.",
        "#toestemming",
    )


@bp.route("/<int:plan_id>/informatieverzoeken", methods=["POST"])
@login_required
def ask_page(plan_id: int) -> ResponseReturnValue:
    plan = plan_or_403(plan_id, "informatieverzoek stellen")
    form = submitted(RequestForm, "verzoek")
    if bad := date_errors(form):
        return refused(plan_id, bad, "request_form", form)
    data = RequestInput(
        addressee=form.addressee.data or "",
        about_person_id=form.about_person_id.data or None,
        question=form.question.data or "",
        basis=form.basis.data or "",
        legal_basis=form.legal_basis.data,
        consent_id=form.consent_id.data or None,
        answer_by=form.answer_by.data,
    )
    try:
        asked = ask(plan, user(), data)
    except WorkflowError as exc:
        return refused(plan_id, exc, "request_form", form)
    return done(plan, f"Uw vraag is gesteld aan {asked.addressee_label}.", "#verzoeken")
