"""A household on its way through the area team, from the front door to a running plan."""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.intake import IntakeData, NewPerson, record_intake
from caseflow.models import (
    Case,
    Cohort,
    HouseholdPlan,
    InformationRequest,
    NetworkRelation,
    PartnerOrganisation,
    PlanAction,
    PlanConsent,
    Role,
    User,
)
from caseflow.plans import lifecycle
from caseflow.plans.cohorts import add_household, create_cohort
from caseflow.plans.consent import ConsentInput, record_consent
from caseflow.plans.content import ActionInput, GoalInput, add_action, add_goal, start_plan
from caseflow.plans.lifecycle import Agreement, agree, start_work
from caseflow.plans.network import RelationInput, add_relation
from caseflow.plans.requests import RequestInput, ask
from caseflow.plans.triage import Meeting, take_on
from caseflow.unit_of_work import commit
from tests.factories import Factory
from tests.offices import Office


def register(office: Office, family_name: str = "Peters", postcode: str = "6212 AB") -> Case:
    """A multi-domain hulpvraag at the front door; returns the area team's registration."""
    intake_case = record_intake(
        IntakeData(
            channel="telefoon",
            question="Ik red het niet meer met de rekeningen en mijn gezondheid.",
            underlying_question="Rust in de financiën en hulp thuis na de operatie.",
            outcome="gebiedsteam",
            new_person=NewPerson(
                given_names="Anna",
                family_name=family_name,
                date_of_birth=date(1975, 4, 2),
                bsn=None,
                street="Boschstraat",
                house_number="12",
                postcode=postcode,
                phone=None,
                municipality_id=office.maastricht.id,
            ),
            domain_scores={"financien": 2, "lichamelijke_gezondheid": 2},
            with_household=True,
        ),
        office.toegang,
    )
    return db.session.scalars(sa.select(Case).where(Case.parent_id == intake_case.id)).one()


def meeting(office: Office, notes: str = "Schulden en zorg: integraal oppakken.") -> Meeting:
    return Meeting(
        held_on=clock.today(),
        attendee_ids=(office.regisseur.id, office.teammanager.id),
        other_attendees="Wijkverpleegkundige",
        notes=notes,
    )


def taken_on(office: Office, family_name: str = "Peters") -> Case:
    registration = register(office, family_name)
    take_on(registration, office.teammanager, meeting(office), office.regisseur)
    return registration


def concept_plan(office: Office, family_name: str = "Peters") -> HouseholdPlan:
    """A taken-on household with a plan of two goals and three actions, not yet agreed."""
    registration = taken_on(office, family_name)
    assert registration.household is not None
    director = office.regisseur
    members = [m.person_id for m in registration.household.members]
    plan = start_plan(registration.household, director, "Weer rust en overzicht.", members)
    money = add_goal(plan, director, GoalInput("financien", "Rekeningen op tijd betalen", 2, 4))
    health = add_goal(plan, director, GoalInput("lichamelijke_gezondheid", "Zelf de trap op", 2, 3))
    later = clock.today() + timedelta(days=28)
    add_action(
        plan,
        director,
        ActionInput(money.id, "Budgetcoach zoeken", "medewerker", later, owner_user_id=director.id),
    )
    add_action(
        plan,
        director,
        ActionInput(money.id, "Schuldhulpmaatje", "partner", later, partner_name="Humanitas"),
    )
    add_action(
        plan,
        director,
        ActionInput(health.id, "Traplift aanvragen", "nieuwe_zaak", later, new_case_domain="wmo"),
    )
    return plan


def running_plan(office: Office, family_name: str = "Peters") -> HouseholdPlan:
    plan = concept_plan(office, family_name)
    agree(
        plan,
        office.regisseur,
        Agreement(
            agreed_on=clock.today(),
            how="gesprek_thuis",
            agreed_by_ids=[p.id for p in plan.members],
            note=None,
            next_evaluation_on=clock.today() + timedelta(weeks=12),
        ),
    )
    start_work(plan, office.regisseur)
    return plan


@dataclass(frozen=True)
class Cocreation:
    """A running plan with a partner at work: the Kredietbank with one of its staff, a consent
    for finances, the budget action given to the Kredietbank, a network relation of the
    applicant, a question to the Wmo consultant, and the household in the 50-gezinnenaanpak."""

    plan: HouseholdPlan
    kredietbank: PartnerOrganisation
    partner_user: User
    consent: PlanConsent
    action: PlanAction
    relation: NetworkRelation
    question: InformationRequest
    cohort: Cohort


def partner(
    office: Office,
    name: str = "Kredietbank Limburg",
    kind: str = "schuldhulp",
    username: str = "kbl",
    full_name: str = "Marloes Wetzels",
) -> tuple[PartnerOrganisation, User]:
    """A partner organisation working in Maastricht, with one member of staff."""
    organisation = PartnerOrganisation(name=name, kind=kind)
    db.session.add(organisation)
    db.session.flush()
    worker = Factory().user(
        Role.PARTNER,
        municipalities=[office.maastricht],
        username=username,
        full_name=full_name,
        partner_organisation_id=organisation.id,
    )
    return organisation, worker


def cocreation(office: Office, family_name: str = "Peters") -> Cocreation:
    plan = running_plan(office, family_name)
    organisation, worker = partner(office)
    director = office.regisseur
    consent = record_consent(
        plan,
        director,
        ConsentInput(
            partner_organisation_id=organisation.id,
            domains=["financien"],
            information="Inkomen en het overzicht van schulden",
            valid_from=clock.today(),
            valid_until=None,
            given_how="ondertekend",
            witness=None,
            giver_ids=[p.id for p in plan.members],
        ),
    )
    money = plan.goals[0]
    lifecycle.evaluate(
        plan,
        director,
        lifecycle.EvaluationInput(
            held_on=clock.today(),
            scores={g.id: g.current_score for g in plan.goals},
            what_changed="De Kredietbank doet mee.",
            household_view=None,
            decision="bijstellen",
            next_evaluation_on=clock.today() + timedelta(weeks=8),
        ),
    )
    action = add_action(
        plan,
        director,
        ActionInput(
            money.id,
            "Budgetbeheer starten",
            "partner",
            clock.today() + timedelta(days=21),
            partner_organisation_id=organisation.id,
        ),
    )
    applicant = plan.members[0]
    relation = add_relation(
        plan.household,
        applicant,
        director,
        RelationInput(
            kind="bewindvoerder",
            name="Mr. J. Coenen",
            organisation="Bewindvoering Zuid",
            role=None,
            phone="043 321 00 00",
            email=None,
            started_on=date(2025, 11, 1),
        ),
    )
    question = ask(
        plan,
        director,
        RequestInput(
            addressee=f"medewerker:{office.wmo_consulent.id}",
            about_person_id=applicant.id,
            question="Loopt er een aanvraag voor huishoudelijke hulp?",
            basis="wettelijk",
            legal_basis="Wmo 2015 art. 5.2.1",
            consent_id=None,
            answer_by=clock.today() + timedelta(days=10),
        ),
    )
    cohort = create_cohort(
        office.teammanager, "50-gezinnenaanpak", office.maastricht, clock.today()
    )
    add_household(cohort, office.teammanager, plan.household, clock.today(), 250000)
    commit()
    return Cocreation(plan, organisation, worker, consent, action, relation, question, cohort)
