"""Recording a hulpvraag at the front door: the client tells their story once.

The person, the intake and the vraagverheldering case are written in one transaction, and the
outcome (answered, one domain, area team, urgent) is fired through the engine, which opens the
follow-up case with the same intake attached so nobody asks again.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from caseflow import clock
from caseflow.domains import DOMAINS, single_domain_choices
from caseflow.extensions import db
from caseflow.models import Case, Household, HouseholdMember, Intake, Municipality, Person, User
from caseflow.routing import municipalities_for_postcode, route, team_domains
from caseflow.scope import person_scope
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.engine import fire, start_case
from caseflow.workflow.errors import InvalidData
from caseflow.workflow.registry import registry

OUTCOMES = {
    "open": "Nog niet afgerond: vraagverheldering loopt door",
    "voordeur": "Beantwoord aan de voordeur",
    "domein": "Door naar één domein",
    "gebiedsteam": "Door naar het integrale gebiedsteam (meerdere leefgebieden)",
    "spoed": "Spoed: direct doorzetten",
}


# The engine's field that carries the chosen domain, per outcome: a refusal lands beside it.
FORM_DOMAIN_FIELD = {"domein": "domein", "spoed": "spoed_naar"}


@dataclass
class NewPerson:
    given_names: str
    family_name: str
    date_of_birth: date | None
    bsn: str | None
    street: str | None
    house_number: str | None
    postcode: str | None
    phone: str | None
    # None: the municipality follows from the postcode.
    municipality_id: int | None


@dataclass
class IntakeData:
    channel: str
    question: str
    underlying_question: str
    outcome: str
    person_id: int | None = None
    new_person: NewPerson | None = None
    contact_name: str | None = None
    domain_scores: dict[str, int] = field(default_factory=dict)
    urgent: bool = False
    safety_concern: bool = False
    with_household: bool = False
    front_door_result: str | None = None
    domain: str | None = None
    explanation: str | None = None
    # When a channel acting for the college (the call centre) had the question before the
    # front door: the melding counts from that day.
    reported_on: date | None = None


def receiving_domains(municipalities: list[Municipality]) -> list[tuple[str, str]]:
    """The single domains the front door offers: those whose case has a receiving team in one
    of these municipalities, so no question is sent where nobody picks it up."""
    have = set().union(*team_domains([m.id for m in municipalities]).values())
    return [(code, label) for code, label in single_domain_choices() if _team_domain(code) in have]


def _team_domain(code: str) -> str:
    """The domain whose team receives the case a question for `code` opens."""
    case_type = DOMAINS[code].case_type
    return registry().get(case_type).domain if case_type else code


def _check_receiving(code: str | None, municipality: Municipality, field: str) -> None:
    if code not in DOMAINS or DOMAINS[code].case_type is None:
        return  # the engine names an unknown choice; the area team is checked by its routing
    if _team_domain(code) not in team_domains([municipality.id])[municipality.id]:
        raise InvalidData(
            {
                field: f"{municipality.name} heeft geen team voor {DOMAINS[code].label}. "
                "Kies een ander domein of het gebiedsteam."
            }
        )


def record_intake(data: IntakeData, actor: User) -> Case:
    """Write the intake and its vraagverheldering case; raise a WorkflowError and write nothing."""
    with all_or_nothing():
        person = _person(data, actor)
        municipality: Municipality = person.municipality
        intake = Intake(
            municipality=municipality,
            person=person,
            channel=data.channel,
            contact_name=data.contact_name,
            question=data.question,
            underlying_question=data.underlying_question,
            domain_scores=data.domain_scores,
            urgent=data.urgent,
            safety_concern=data.safety_concern,
            received_at=clock.now(),
            reported_on=_reported_on(data),
            created_by_id=actor.id,
        )
        household = _household(person) if data.with_household else None
        if household is not None:
            intake.household = household
        db.session.add(intake)
        case = start_case(
            "vraagverheldering",
            municipality=municipality,
            actor=actor,
            person=person,
            household=household,
            intake=intake,
            team=route("toegang", municipality, person),
            assignee=actor,
        )
        _apply_outcome(case, data, actor)
    return case


def _apply_outcome(case: Case, data: IntakeData, actor: User) -> None:
    fire(case, "gesprek_starten", actor)
    if data.outcome == "open":
        return
    if data.outcome in ("domein", "spoed"):
        _check_receiving(data.domain, case.municipality, FORM_DOMAIN_FIELD[data.outcome])
    if data.outcome == "spoed":
        fire(
            case,
            "spoed_doorzetten",
            actor,
            {"reden": data.explanation or data.underlying_question, "spoed_naar": data.domain},
        )
        return
    fire(case, "verhelderen", actor, {"toelichting": data.underlying_question})
    if data.outcome == "voordeur":
        fire(
            case,
            "beantwoorden",
            actor,
            {"resultaat": data.front_door_result, "toelichting": data.explanation},
        )
    elif data.outcome == "domein":
        fire(case, "doorzetten_domein", actor, {"domein": data.domain})
    elif data.outcome == "gebiedsteam":
        fire(
            case,
            "doorzetten_gebiedsteam",
            actor,
            {"toelichting": data.explanation or data.underlying_question},
        )
    else:
        raise InvalidData({"outcome": "Kies een uitkomst van het gesprek."})


def _reported_on(data: IntakeData) -> date | None:
    if data.reported_on is not None and data.reported_on > clock.today():
        raise InvalidData({"reported_on": "De meldingsdatum mag niet in de toekomst liggen."})
    return data.reported_on


def _person(data: IntakeData, actor: User) -> Person:
    if data.person_id is not None:
        person = db.session.scalar(
            sa.select(Person).where(Person.id == data.person_id, person_scope(actor))
        )
        if person is None:
            raise InvalidData({"person_id": "Deze inwoner is niet gevonden."})
        return person
    new = data.new_person
    if new is None:
        raise InvalidData({"family_name": "Zoek een inwoner op of vul de gegevens in."})
    municipality = municipality_of(new, actor)
    if new.bsn and db.session.scalar(sa.select(Person.id).where(Person.bsn == new.bsn)):
        raise InvalidData({"bsn": "Er is al een inwoner met dit BSN. Zoek de inwoner op."})
    values: dict[str, Any] = {k: v for k, v in vars(new).items() if k != "municipality_id"}
    # The woonplaats is not asked a second time: the gemeente of the postcode gives it.
    person = Person(**values, city=municipality.name, municipality=municipality)
    db.session.add(person)
    return person


def municipality_of(new: NewPerson, actor: User) -> Municipality:
    """The new client's municipality: the one whose areas hold the postcode. A chosen gemeente
    must agree with it; it is only needed where no area covers the postcode (yet)."""
    served = {m.id: m for m in actor.municipalities}
    chosen = served.get(new.municipality_id) if new.municipality_id else None
    if new.municipality_id and chosen is None:
        raise InvalidData({"municipality_id": "Kies een gemeente waarvoor u werkt."})
    found = municipalities_for_postcode(new.postcode)
    names = " of ".join(m.name for m in found)
    if chosen is not None:
        if found and chosen not in found:
            raise InvalidData(
                {
                    "municipality_id": f"Postcode {new.postcode} ligt in {names}, niet in "
                    f"{chosen.name}. Kies {names} of controleer de postcode."
                }
            )
        return chosen
    mine = [m for m in found if m.id in served]
    if len(mine) == 1:
        return mine[0]
    if found and not mine:
        raise InvalidData(
            {
                "postcode": f"Postcode {new.postcode} ligt in {names}; daarvoor werkt u niet. "
                "Controleer de postcode."
            }
        )
    raise InvalidData(
        {
            "municipality_id": f"Bij postcode {new.postcode} hoort geen gebied van één gemeente. "
            "Kies de gemeente."
        }
    )


def _household(person: Person) -> Household:
    existing = next((m.household for m in person.memberships), None)
    if existing is not None:
        return existing
    household = Household(name=f"Huishouden {person.family_name}", municipality=person.municipality)
    household.members.append(HouseholdMember(person=person, relation="aanvrager"))
    db.session.add(household)
    return household
