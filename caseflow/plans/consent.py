"""The household's consent, per plan, to share with a partner: for which life domains and which
information, from and until when, how it was given and by whom; and its withdrawal, which ends
the partner's access at once (caseflow.scope.partners asks for a consent never withdrawn).

Consent is part of the plan: recording or withdrawing it leaves a plan version.
"""

from dataclasses import dataclass, field
from datetime import date

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    CONSENT_WAYS,
    LIFE_DOMAINS,
    HouseholdPlan,
    PartnerOrganisation,
    PlanConsent,
    PlanConsentDomain,
    User,
)
from caseflow.permissions import LEAD_TEAMS
from caseflow.plans.content import require_director
from caseflow.plans.errors import PlanError, flushed
from caseflow.plans.versions import lock_plan, record_version
from caseflow.workflow.errors import InvalidData, NotAuthorised


@dataclass(frozen=True)
class ConsentInput:
    partner_organisation_id: int | None
    domains: list[str]
    information: str | None
    valid_from: date | None
    valid_until: date | None
    given_how: str
    witness: str | None
    giver_ids: list[int] = field(default_factory=list)


def _check(plan: HouseholdPlan, data: ConsentInput) -> PartnerOrganisation:
    errors: dict[str, str] = {}
    partner = db.session.get(PartnerOrganisation, data.partner_organisation_id or 0)
    if partner is None or not partner.active:
        errors["partner_organisation_id"] = "Kies de partner die de gegevens mag zien."
    if any(d not in LIFE_DOMAINS for d in data.domains):
        errors["domains"] = "Kies alleen leefgebieden uit de lijst."
    elif not data.domains and not (data.information or "").strip():
        errors["domains"] = (
            "Kies de leefgebieden, of beschrijf welke informatie gedeeld mag worden."
        )
    today = clock.today()
    if data.valid_from is None:
        errors["valid_from"] = "Vul in vanaf wanneer de toestemming geldt."
    if data.valid_until is not None:
        if data.valid_until < today:
            errors["valid_until"] = "Deze datum ligt in het verleden."
        elif data.valid_from is not None and data.valid_until < data.valid_from:
            errors["valid_until"] = "De toestemming kan niet eindigen voor ze begint."
    if data.given_how not in CONSENT_WAYS:
        errors["given_how"] = "Kies hoe het huishouden toestemming gaf."
    elif data.given_how == "mondeling" and not (data.witness or "").strip():
        errors["witness"] = "Bij mondelinge toestemming is een getuige verplicht. Vul de naam in."
    members = {p.id for p in plan.members}
    if not data.giver_ids:
        errors["giver_ids"] = "Kies wie van het huishouden toestemming gaf."
    elif not set(data.giver_ids) <= members:
        errors["giver_ids"] = "Kies alleen leden die meedoen aan het plan."
    if errors:
        raise InvalidData(errors)
    assert partner is not None
    return partner


def record_consent(plan: HouseholdPlan, actor: User, data: ConsentInput) -> PlanConsent:
    """The household gives consent to share with a partner; recorded by its director."""
    with flushed():
        plan = lock_plan(plan)
        require_director(plan.household, actor)
        if not plan.is_active:
            raise PlanError("Dit plan loopt niet meer.")
        partner = _check(plan, data)
        assert data.valid_from is not None
        consent = PlanConsent(
            plan=plan,
            partner_organisation=partner,
            information=(data.information or "").strip() or None,
            valid_from=data.valid_from,
            valid_until=data.valid_until,
            given_how=data.given_how,
            witness=(data.witness or "").strip() or None,
            domains=[PlanConsentDomain(domain=d) for d in sorted(set(data.domains))],
            givers=[p for p in plan.members if p.id in data.giver_ids],
            recorded_by_id=actor.id,
            recorded_at=clock.now(),
        )
        db.session.add(consent)
        db.session.flush()
        covers = ", ".join(consent.domain_labels) or "informatie"
        record_version(plan, actor, f"Toestemming vastgelegd: {partner.name} ({covers})")
    return consent


def withdraw_consent(
    consent: PlanConsent, actor: User, withdrawn_on: date | None, note: str | None
) -> None:
    """The household withdraws its consent: the partner loses access from this moment."""
    if withdrawn_on is None:
        raise InvalidData({"withdrawn_on": "Vul in wanneer het huishouden de toestemming introk."})
    if withdrawn_on > clock.today():
        raise InvalidData({"withdrawn_on": "Deze datum ligt in de toekomst."})
    with flushed():
        plan = lock_plan(consent.plan)
        if not actor.may(LEAD_TEAMS):
            require_director(plan.household, actor)
        elif not actor.serves(plan.household.municipality_id):
            raise NotAuthorised("U werkt niet voor de gemeente van dit plan.")
        db.session.refresh(consent)
        if consent.withdrawn_at is not None:
            raise PlanError("Deze toestemming is al ingetrokken.")
        consent.withdrawn_on = withdrawn_on
        consent.withdrawn_at = clock.now()
        consent.withdrawn_by_id = actor.id
        consent.withdrawal_note = (note or "").strip() or None
        record_version(plan, actor, f"Toestemming ingetrokken: {consent.partner_organisation.name}")


def running_consents(plan: HouseholdPlan, partner_id: int) -> list[PlanConsent]:
    today = clock.today()
    return [
        c for c in plan.consents if c.partner_organisation_id == partner_id and c.runs_on(today)
    ]
