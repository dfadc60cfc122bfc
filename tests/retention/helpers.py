"""An archive with an old, a recent and a shared-client case, built through the engine."""

from dataclasses import dataclass
from datetime import date, datetime

import time_machine

from caseflow import unit_of_work
from caseflow.clock import LOCAL_TZ
from caseflow.extensions import db
from caseflow.incidents import register_incident
from caseflow.models import Case, Household, HouseholdMember, Intake, Person, Role, User
from caseflow.workflow.engine import add_note, assign, fire, start_case
from tests.factories import Factory, granted
from tests.offices import Colleague, Office, wmo_office
from tests.reports.helpers import at

# Every personal text in the archive carries this word, so a scan can prove it is gone.
MARK = "Zwartebeek"
BSN = "111222333"
OFFICERS = (
    Colleague("privacy", [Role.PRIVACY], username="privacy"),
    Colleague("beheerder", [Role.BEHEERDER], username="beheerder"),
)


@dataclass(frozen=True)
class Archive:
    office: Office
    privacy: User
    beheerder: User
    client: Person
    old: Case  # Wmo-aanvraag closed in September 2015: past its 10 years on 2 March 2026


def client(factory: Factory, office: Office) -> Person:
    person = office.client
    person.given_names = f"Anna {MARK}"
    person.bsn = BSN
    person.street, person.house_number, person.postcode = f"{MARK}straat", "12", "6211AB"
    person.phone = "0612345678"
    partner = factory.person(office.gemeente, family_name=f"Partner {MARK}")
    household = Household(name=f"Huishouden {MARK}", municipality=office.gemeente)
    household.members = [
        HouseholdMember(person=person, relation="aanvrager"),
        HouseholdMember(person=partner, relation="partner"),
    ]
    db.session.add(household)
    db.session.commit()
    return person


def full_case(office: Office, person: Person, start: str, travel: time_machine.Traveller) -> Case:
    """A Wmo-aanvraag with everything a file holds: intake, notes, reasons, a handover."""
    at(travel, start)
    anna, bram = office.anna, office.bram
    household = person.memberships[0].household
    intake = Intake(
        municipality=office.gemeente,
        person=person,
        household=household,
        channel="telefoon",
        contact_name=f"Buurvrouw {MARK}",
        question=f"{MARK}: kan de trap niet meer op",
        underlying_question=f"{MARK}: somber sinds de operatie",
        domain_scores={"geestelijke_gezondheid": 2, "lichamelijke_gezondheid": 1},
        received_at=datetime.fromisoformat(start).replace(tzinfo=LOCAL_TZ),
    )
    db.session.add(intake)
    case = start_case(
        "wmo_aanvraag",
        municipality=office.gemeente,
        actor=anna,
        person=person,
        household=household,
        intake=intake,
        team=office.team,
    )
    assign(case, anna, anna)
    add_note(case, anna, f"{MARK} heeft een depressie en een strafblad.")
    fire(case, "oppakken", anna)
    fire(
        case,
        "vraag_aanvulling",
        anna,
        {"reden": f"Medische verklaring {MARK}", "hersteltermijn_tot": _plus(start, 14)},
    )
    travel.shift(3 * 86400)
    fire(case, "aanvulling_ontvangen", anna)
    assign(case, bram, office.manager, reason=f"Anna ziek, {MARK} wil een man")
    fire(case, "verslag_vastleggen", bram, {"verslag": f"Keukentafelgesprek met {MARK}."})
    travel.shift(4 * 86400)
    fire(
        case,
        "besluiten",
        bram,
        {"resultaat": "toegekend", "motivering": f"Traplift voor {MARK}.", **granted(case)},
    )
    return case


def _plus(start: str, days: int) -> str:
    day = datetime.fromisoformat(start).date()
    return date.fromordinal(day.toordinal() + days).isoformat()


def make_archive(factory: Factory, travel: time_machine.Traveller) -> Archive:
    office = wmo_office(factory, "maastricht", *OFFICERS)
    person = client(factory, office)
    register_incident(
        person,
        office.anna,
        kind="verbaal",
        occurred_at=datetime(2015, 9, 3, 12, tzinfo=LOCAL_TZ),
        description=f"{MARK} schold de consulent uit.",
    )
    old = full_case(office, person, "2015-09-01 10:00", travel)
    at(travel, "2026-03-02 10:00")
    unit_of_work.commit()  # settled, as the requests that made the archive left it
    return Archive(
        office=office,
        privacy=office.privacy,
        beheerder=office.beheerder,
        client=person,
        old=old,
    )
