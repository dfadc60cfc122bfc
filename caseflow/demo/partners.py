"""Demo co-creation: the Kredietbank Limburg with one employee, and one household (Willems) whose
plan the Kredietbank works on with the household's consent, made through the real services.

Log in as `kredietbank` to see what a partner sees: that one action, nothing else.
"""

from datetime import date, timedelta

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from caseflow import clock
from caseflow.contacts import record_contact
from caseflow.demo.organisation import DEMO_PASSWORD, DemoOrganisation
from caseflow.extensions import db
from caseflow.models import HouseholdPlan, PartnerOrganisation, Role, User, UserRole
from caseflow.partners.work import update_action
from caseflow.plans.consent import ConsentInput, record_consent
from caseflow.plans.content import ActionInput, add_action
from caseflow.plans.members import MemberInput, add_member
from caseflow.plans.network import RelationInput, add_relation
from caseflow.plans.requests import RequestInput, answer, ask
from caseflow.rights.log import record_change

# (username, full name, roles, label), as the staff accounts in caseflow.demo.organisation.
PARTNER_USERS = [
    ("kredietbank", "Marloes Wetzels", (Role.PARTNER,), "Medewerker Kredietbank Limburg (partner)"),
]
PARTNERS = [
    ("Kredietbank Limburg", "schuldhulp", "Marloes Wetzels", "043 350 50 50"),
    ("Woonpunt", "woningcorporatie", "Ilse Bours", "043 999 40 00"),
    ("Humanitas Maastricht", "welzijn", "Jo Vaessen", "043 321 40 10"),
]


def build_partners(demo: DemoOrganisation) -> dict[str, PartnerOrganisation]:
    """The partner organisations of the region and the Kredietbank's employee."""
    found = {}
    for name, kind, contact, phone in PARTNERS:
        found[name] = PartnerOrganisation(name=name, kind=kind, contact_name=contact, phone=phone)
    db.session.add_all(found.values())
    db.session.flush()
    beheerder = next(u for u in demo.users if u.username == "beheerder")
    for username, full_name, roles, _label in PARTNER_USERS:
        employee = User(
            username=username,
            full_name=full_name,
            email="m.wetzels@kredietbank-limburg.example",
            password_hash=generate_password_hash(DEMO_PASSWORD),
            role_rows=[UserRole(role=r) for r in roles],
            municipalities=list(demo.municipalities),
            partner_organisation=found["Kredietbank Limburg"],
        )
        db.session.add(employee)
        db.session.flush()
        record_change(
            beheerder, employee, "account_aangemaakt", f"{username} ({full_name}, Kredietbank)"
        )
    return found


def co_create(plan: HouseholdPlan, director: User) -> None:
    """A household that is more than its applicant, works with the Kredietbank on its debts
    and has its network, a contact moment and a targeted question on record."""
    household = plan.household
    applicant = household.members[0].person
    family, given = applicant.family_name, applicant.given_names
    kredietbank = db.session.scalars(
        sa.select(PartnerOrganisation).where(PartnerOrganisation.name == "Kredietbank Limburg")
    ).one()
    employee = db.session.scalars(sa.select(User).where(User.username == "kredietbank")).one()
    today = clock.today()
    partner = add_member(
        household,
        director,
        MemberInput(
            "partner",
            date(2019, 5, 1),
            given_names="Roel",
            family_name=family,
            date_of_birth=date(1979, 2, 11),
        ),
    )
    add_member(
        household,
        director,
        MemberInput(
            "kind",
            date(2017, 9, 3),
            given_names="Sem",
            family_name=family,
            date_of_birth=date(2017, 9, 3),
        ),
    )
    consent = record_consent(
        plan,
        director,
        ConsentInput(
            partner_organisation_id=kredietbank.id,
            domains=["financien"],
            information="Inkomen, vaste lasten en het overzicht van schulden",
            valid_from=today,
            valid_until=today + timedelta(days=365),
            given_how="ondertekend",
            witness=None,
            giver_ids=[applicant.id, partner.person_id],
        ),
    )
    money = next(g for g in plan.goals if g.life_domain == "financien")
    action = add_action(
        plan,
        director,
        ActionInput(
            money.id,
            "Budgetbeheer starten en de schulden op een rij zetten",
            "partner",
            today + timedelta(days=21),
            partner_organisation_id=kredietbank.id,
        ),
    )
    add_relation(
        household,
        applicant,
        director,
        RelationInput(
            kind="mantelzorger",
            name=f"Mia {family} (zus)",
            organisation=None,
            role=None,
            phone="06 1234 5678",
            email=None,
            started_on=date(2024, 1, 1),
        ),
    )
    record_contact(
        applicant,
        director,
        kind="huisbezoek",
        occurred_at=clock.now(),
        summary=f"{given} en Roel tekenden de toestemming voor de Kredietbank aan de keukentafel.",
        case=plan.case,
    )
    question = ask(
        plan,
        director,
        RequestInput(
            addressee=f"partner:{kredietbank.id}",
            about_person_id=applicant.id,
            question="Is er al een betalingsregeling met de energieleverancier?",
            basis="toestemming",
            legal_basis=None,
            consent_id=consent.id,
            answer_by=today + timedelta(days=10),
        ),
    )
    with clock.travel_to(clock.now() + timedelta(days=2)):
        update_action(action, employee, "bezig", "Eerste gesprek gehad; budgetplan volgt.")
        answer(question, employee, "Ja, € 45 per maand sinds deze maand.")
