"""A household on its way through the area team, from the front door to a running plan."""

from datetime import date, timedelta

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.intake import IntakeData, NewPerson, record_intake
from caseflow.models import Case, HouseholdPlan
from caseflow.plans.content import ActionInput, GoalInput, add_action, add_goal, start_plan
from caseflow.plans.lifecycle import Agreement, agree, start_work
from caseflow.plans.triage import Meeting, take_on
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
            agreed_by="Anna " + family_name,
            note=None,
            next_evaluation_on=clock.today() + timedelta(weeks=12),
        ),
    )
    start_work(plan, office.regisseur)
    return plan
