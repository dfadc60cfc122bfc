"""Partner organisations and the accounts of their staff, kept by a beheerder.

A partner account is an ordinary personal account (same login, same password rules, the rights
log) with one role, `partner`, and its organisation; caseflow.rights.accounts keeps the two
kinds of account apart.
"""

import re

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import PARTNER_KINDS, Municipality, PartnerOrganisation, User
from caseflow.permissions import MANAGE_PARTNERS
from caseflow.rights.accounts import EMAIL, administered_ids, create_account
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.errors import InvalidData, NotAuthorised

PHONE = re.compile(r"^[0-9 +()-]{6,40}$")


def may_manage(actor: User) -> None:
    if not actor.may(MANAGE_PARTNERS) or not actor.active:
        raise NotAuthorised("Alleen een beheerder legt partnerorganisaties vast.")


def organisations(active_only: bool = False) -> list[PartnerOrganisation]:
    query = sa.select(PartnerOrganisation).order_by(PartnerOrganisation.name)
    if active_only:
        query = query.where(PartnerOrganisation.active.is_(True))
    return list(db.session.scalars(query))


def create_organisation(
    actor: User,
    *,
    name: str,
    kind: str,
    contact_name: str | None,
    phone: str | None,
    email: str | None,
) -> PartnerOrganisation:
    may_manage(actor)
    name = " ".join(name.split())
    errors: dict[str, str] = {}
    if len(name) < 2:
        errors["name"] = "Vul de naam van de organisatie in."
    elif db.session.scalar(
        sa.select(PartnerOrganisation.id).where(
            sa.func.lower(PartnerOrganisation.name) == name.lower()
        )
    ):
        errors["name"] = "Er is al een partnerorganisatie met deze naam."
    if kind not in PARTNER_KINDS:
        errors["kind"] = "Kies wat voor organisatie het is."
    if phone and not PHONE.match(phone.strip()):
        errors["phone"] = "Vul een telefoonnummer in, bijvoorbeeld 043 123 45 67."
    if email and not EMAIL.match(email.strip()):
        errors["email"] = "Vul een geldig e-mailadres in."
    if errors:
        raise InvalidData(errors)
    with all_or_nothing():
        organisation = PartnerOrganisation(
            name=name,
            kind=kind,
            contact_name=(contact_name or "").strip() or None,
            phone=(phone or "").strip() or None,
            email=(email or "").strip() or None,
        )
        db.session.add(organisation)
        db.session.flush()
    return organisation


def staff_of(organisation: PartnerOrganisation, actor: User) -> list[User]:
    """The organisation's accounts that serve a municipality `actor` administers."""
    ids = administered_ids(actor)
    return list(
        db.session.scalars(
            sa.select(User)
            .where(
                User.partner_organisation_id == organisation.id,
                User.municipalities.any(Municipality.id.in_(ids)),
            )
            .order_by(User.active.desc(), User.full_name)
        )
    )


def create_staff_account(
    actor: User,
    organisation: PartnerOrganisation,
    *,
    username: str,
    full_name: str,
    email: str,
    password: str,
    municipality_ids: list[int],
    origin: str | None,
) -> User:
    """A personal account for someone of the organisation; the rights log records it."""
    may_manage(actor)
    if not organisation.active:
        raise InvalidData({"username": "Deze organisatie is niet meer actief."})
    with all_or_nothing():
        return create_account(
            actor,
            username=username,
            full_name=full_name,
            email=email,
            password=password,
            roles=["partner"],
            municipality_ids=municipality_ids,
            team_ids=[],
            origin=origin,
            partner_organisation=organisation,
        )
