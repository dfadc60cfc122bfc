"""Demo clients and cases, each walked through its workflow by the engine on a travelling clock."""

import contextlib
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from caseflow import clock
from caseflow.bsn import random_bsn
from caseflow.demo.catalogue import fill_grant
from caseflow.demo.organisation import WMO_JEUGD_MUNICIPALITIES, DemoOrganisation
from caseflow.extensions import db
from caseflow.models import (
    LIFE_DOMAINS,
    Case,
    Household,
    HouseholdMember,
    Intake,
    Municipality,
    Person,
    Team,
    User,
)
from caseflow.permissions import HANDLE_CASES
from caseflow.workflow.engine import TriggerOption, assign, available_triggers, fire, start_case
from caseflow.workflow.errors import WorkflowError
from caseflow.workflow.registry import registry
from caseflow.workflow.schema import FieldDef

# Area-team and plan cases come from caseflow.demo.plans, with a real household and plan.
CASE_MIX = {
    "vraagverheldering": 26,
    "wmo_melding": 10,
    "wmo_aanvraag": 12,
    "pw_aanvraag": 10,
    "bijzondere_bijstand": 10,
    "jeugd": 6,
    "schuldhulp": 8,
}
GIVEN = [
    "Anna",
    "Bram",
    "Chantal",
    "Dirk",
    "Esra",
    "Fleur",
    "Gerard",
    "Hatice",
    "Ivo",
    "Jolien",
    "Karim",
    "Lieke",
    "Maurice",
    "Nadia",
    "Olaf",
    "Priya",
    "Ruud",
    "Sanne",
    "Thijs",
    "Vera",
]
FAMILY = [
    "Janssen",
    "Smeets",
    "Peters",
    "Hendriks",
    "Vliegen",
    "Willems",
    "Bemelmans",
    "Claessens",
    "Ramaekers",
    "Schoonbrood",
    "Pluijmen",
    "Kerckhoffs",
    "Yilmaz",
    "de Vries",
    "Bakker",
]
STREETS = ["Brusselsestraat", "Hoogbrugstraat", "Rijksweg", "Dorpstraat", "Kerkstraat", "Molenweg"]
QUESTIONS = [
    (
        "Ik kom de trap niet meer op sinds mijn heupoperatie.",
        "Zelfstandig thuis blijven wonen; zoon woont ver weg, netwerk is klein.",
    ),
    (
        "Er liggen rekeningen die ik niet meer kan betalen.",
        "Na baanverlies overzicht kwijt; spanning thuis loopt op, kinderen merken het.",
    ),
    (
        "Mijn zoon gaat al weken niet naar school.",
        "Moeder is overbelast; zoon somber; inkomen onzeker na scheiding.",
    ),
    (
        "Ik wil graag weer aan het werk, maar weet niet hoe.",
        "Na lange ziekte weer meedoen; behoefte aan dagritme en contact met anderen.",
    ),
]
FRESH_CASES = 4
NEARLY_DUE_CASES = 2
OVERDUE_CASES = 1
# Front-door questions closed years ago, past their retention, for the destruction list.
OLD_CASES = 3
# Side paths that are real but uncommon; the demo takes them now and then.
RARE_TRIGGERS = ("intrekken", "terugsturen", "beeindigen", "spoed", "escaleren", "verdagen")
FILLER_TEXT = "Besproken met de inwoner; afspraken vastgelegd in het dossier."


def seed_cases(demo: DemoOrganisation, count: int, rng: random.Random, end: datetime) -> int:
    names = [n for n in CASE_MIX if n in registry().workflows]
    weights = [CASE_MIX[n] for n in names]
    made = 0
    for _ in range(count):
        case_type = rng.choices(names, weights)[0]
        start = end - timedelta(days=rng.uniform(0, 75))
        start = start.replace(hour=rng.randint(7, 14), minute=rng.randint(0, 59))
        if start >= end:
            start = end - timedelta(hours=1)
        walk_case(demo, case_type, start, end, rng)
        made += 1
    return made


def walk_case(
    demo: DemoOrganisation,
    case_type: str,
    start: datetime,
    end: datetime,
    rng: random.Random,
    handler: User | None = None,
    max_steps: int = 10,
) -> Case:
    workflow = registry().get(case_type)
    pool = demo.municipalities
    if workflow.domain in ("wmo", "jeugd"):
        pool = [m for m in pool if m.code in WMO_JEUGD_MUNICIPALITIES]
    municipality = rng.choice(pool)
    person = _person(municipality, rng)
    team = _team_for(demo, workflow.domain, person)
    household = _household(person, rng) if workflow.domain == "integraal" else None
    starter = next(
        u
        for u in demo.users
        if not u.roles.isdisjoint(workflow.start_roles) and u.serves(municipality.id)
    )
    with clock.travel_to(start):
        intake = _intake(person, starter, rng) if case_type == "vraagverheldering" else None
        case = start_case(
            case_type,
            municipality=municipality,
            actor=starter,
            person=person,
            household=household,
            intake=intake,
            team=team,
        )
        handlers = [u for u in team.members if u.may(HANDLE_CASES)]
        if handler is None and handlers and rng.random() < 0.85:
            handler = rng.choice(handlers)
        if handler is not None:
            assign(case, handler, handler)
    db.session.flush()
    moment = start
    for _ in range(rng.randint(0, max_steps)):
        moment += timedelta(hours=rng.uniform(3, 24 * 5))
        if moment >= end or case.is_closed:
            break
        with clock.travel_to(moment):
            _step(case, demo, rng)
    return case


def seed_fresh_cases(demo: DemoOrganisation, rng: random.Random, end: datetime) -> int:
    """Cases for the demo consultant with terms on track, close to their due date and past it."""
    consulent = next(u for u in demo.users if u.username == "consulent")
    for _ in range(FRESH_CASES):
        start = end - timedelta(days=rng.uniform(0.1, 3))
        walk_case(demo, "wmo_melding", start, end, rng, handler=consulent, max_steps=0)
    for _ in range(NEARLY_DUE_CASES):
        start = end - timedelta(days=rng.uniform(10.5, 11.5))
        case = walk_case(demo, "wmo_aanvraag", start, end, rng, handler=consulent, max_steps=0)
        with clock.travel_to(start + timedelta(hours=2)):
            fire(case, "oppakken", consulent)
    for _ in range(OVERDUE_CASES):
        start = end - timedelta(days=rng.uniform(18, 25))
        walk_case(demo, "wmo_aanvraag", start, end, rng, handler=consulent, max_steps=0)
    return FRESH_CASES + NEARLY_DUE_CASES + OVERDUE_CASES


def seed_old_cases(demo: DemoOrganisation, rng: random.Random, end: datetime) -> int:
    """Front-door questions answered three years ago: past their retention of two years, so
    the privacy officer's destruction list has something to show."""
    front_door = next(u for u in demo.users if u.username == "toegang")
    for number in range(OLD_CASES):
        moment = end - timedelta(days=3 * 365 + 7 * number)
        case = walk_case(
            demo, "vraagverheldering", moment, end, rng, handler=front_door, max_steps=0
        )
        for trigger in ("gesprek_starten", "verhelderen", "beantwoorden"):
            moment += timedelta(days=2)
            with clock.travel_to(moment):
                options = available_triggers(case, front_door)
                option = next(o for o in options if o.trigger == trigger)
                fire(case, trigger, front_door, _fill(option.fields, rng))
    return OLD_CASES


def _step(case: Case, demo: DemoOrganisation, rng: random.Random) -> None:
    actors = [u for u in (case.assignee, *demo.users) if u is not None]
    choices: list[tuple[User, TriggerOption]] = []
    for actor in actors:
        for option in available_triggers(case, actor):
            if option.allowed and option.trigger not in {c[1].trigger for c in choices}:
                choices.append((actor, option))
    if not choices:
        return
    weights = [0.1 if o.trigger.startswith(RARE_TRIGGERS) else 1.0 for _, o in choices]
    actor, option = rng.choices(choices, weights)[0]
    # A refusal (say, an extension beyond its maximum) means the demo simply takes no step.
    with contextlib.suppress(WorkflowError):
        fire(case, option.trigger, actor, fill_grant(case, _fill(option.fields, rng), rng))


def _fill(fields: tuple[FieldDef, ...], rng: random.Random) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in fields:
        if field.type == "text":
            data[field.name] = FILLER_TEXT
        elif field.type == "date":
            data[field.name] = clock.today() + timedelta(days=rng.randint(7, 21))
        elif field.type == "rows":
            data[field.name] = []  # a decision's products: fill_grant picks them
        elif field.type == "int":
            data[field.name] = max(field.minimum or 1, 1)
        elif field.type == "choice":
            data[field.name] = rng.choice(list(field.options))
        else:
            # A bool records that something was done (the client told about their rights).
            data[field.name] = True
    return data


def _team_for(demo: DemoOrganisation, domain: str, person: Person) -> Team:
    if domain == "toegang":
        return demo.front_door
    if domain == "integraal":
        number = int((person.postcode or "0000")[:4])
        for area_id, team in demo.area_teams.items():
            area = team.area
            if (
                area is not None
                and area.id == area_id
                and any(r.first <= number <= r.last for r in area.postcode_ranges)
            ):
                return team
        return next(iter(demo.area_teams.values()))
    return demo.teams_by_domain[domain]


def _person(municipality: Municipality, rng: random.Random) -> Person:
    ranges = [r for area in municipality.areas for r in area.postcode_ranges]
    chosen = rng.choice(ranges)
    letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
    person = Person(
        bsn=random_bsn(rng) if rng.random() < 0.8 else None,
        given_names=rng.choice(GIVEN),
        family_name=rng.choice(FAMILY),
        date_of_birth=date(rng.randint(1940, 2008), rng.randint(1, 12), rng.randint(1, 28)),
        street=rng.choice(STREETS),
        house_number=str(rng.randint(1, 180)),
        postcode=f"{rng.randint(chosen.first, chosen.last)} {letters}",
        city=municipality.name,
        municipality=municipality,
    )
    db.session.add(person)
    return person


def _household(person: Person, rng: random.Random) -> Household:
    household = Household(name=f"Huishouden {person.family_name}", municipality=person.municipality)
    household.members.append(HouseholdMember(person=person, relation="aanvrager"))
    for _ in range(rng.randint(1, 3)):
        child = Person(
            given_names=rng.choice(GIVEN),
            family_name=person.family_name,
            date_of_birth=date(rng.randint(2008, 2022), rng.randint(1, 12), 15),
            street=person.street,
            house_number=person.house_number,
            postcode=person.postcode,
            city=person.city,
            municipality=person.municipality,
        )
        household.members.append(HouseholdMember(person=child, relation="kind"))
    db.session.add(household)
    return household


def _intake(person: Person, worker: User, rng: random.Random) -> Intake:
    question, underlying = rng.choice(QUESTIONS)
    channel = rng.choice(["telefoon", "balie", "email", "huisarts", "klantcontactcentrum"])
    # The call centre had the question a few days before it reached the front door.
    reported_on = (
        clock.today() - timedelta(days=rng.randint(1, 4))
        if channel == "klantcontactcentrum"
        else None
    )
    intake = Intake(
        municipality=person.municipality,
        person=person,
        channel=channel,
        reported_on=reported_on,
        question=question,
        underlying_question=underlying,
        created_by_id=worker.id,
        domain_scores={d: rng.randint(1, 5) for d in rng.sample(list(LIFE_DOMAINS), 5)},
        urgent=rng.random() < 0.05,
        received_at=clock.now(),
    )
    db.session.add(intake)
    return intake


def demo_end() -> datetime:
    return clock.now().astimezone(UTC)
