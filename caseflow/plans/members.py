"""Who lives in the household: add a member (found within the user's scope, or new), end a
membership, move a member to another household. Each membership keeps its dates; the household
plan's members follow the household (a new member can join the plan, one who leaves leaves it).

The director of the household or a team manager of its municipality changes the composition.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from caseflow import clock
from caseflow.bsn import bsn_error
from caseflow.extensions import db
from caseflow.models import Household, HouseholdMember, HouseholdPlan, Person, Relation, User
from caseflow.permissions import LEAD_TEAMS
from caseflow.plans.directors import active_director, lock_household
from caseflow.plans.errors import flushed
from caseflow.plans.versions import lock_plan, record_version
from caseflow.scope import person_scope
from caseflow.scope.queries import UNSCOPED
from caseflow.workflow.errors import InvalidData, NotAuthorised

# Who can join a household later; the applicant is who registered it.
JOINING = (Relation.PARTNER, Relation.KIND, Relation.OUDER, Relation.HUISGENOOT)
SEARCH_LIMIT = 20


@dataclass(frozen=True)
class MemberInput:
    relation: str
    started_on: date | None
    person_id: int | None = None  # someone found by the search
    bsn: str | None = None
    given_names: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    join_plan: bool = True


def may_compose(household: Household, actor: User) -> None:
    current = active_director(household.id)
    if current is not None and current.director_id == actor.id:
        return
    if actor.may(LEAD_TEAMS) and actor.serves(household.municipality_id):
        return
    raise NotAuthorised(
        "Alleen de regisseur van dit huishouden of de teammanager legt vast wie erbij hoort."
    )


def find_people(actor: User, text: str) -> list[Person]:
    """Persons `actor` may look up, by exact BSN or by (parts of) their name."""
    words = text.split()
    if not words:
        return []
    query = sa.select(Person).where(Person.destroyed_at.is_(None), person_scope(actor))
    if len(words) == 1 and words[0].isdigit():
        query = query.where(Person.bsn == words[0])
    else:
        for word in words[:4]:
            pattern = f"%{word.lower()}%"
            query = query.where(
                sa.or_(
                    sa.func.lower(Person.given_names).like(pattern),
                    sa.func.lower(Person.family_name).like(pattern),
                )
            )
    return list(
        db.session.scalars(query.order_by(Person.family_name, Person.id).limit(SEARCH_LIMIT))
    )


def _check(data: MemberInput) -> None:
    errors: dict[str, str] = {}
    if data.relation not in JOINING:
        errors["relation"] = "Kies hoe deze persoon bij het huishouden hoort."
    if data.started_on is None:
        errors["started_on"] = "Vul in sinds wanneer deze persoon bij het huishouden hoort."
    elif data.started_on > clock.today():
        errors["started_on"] = "Deze datum ligt in de toekomst. Leg het lid vast als het zover is."
    if data.person_id is None:
        if not data.given_names.strip():
            errors["given_names"] = "Vul de voornamen in."
        if not data.family_name.strip():
            errors["family_name"] = "Vul de achternaam in."
        if data.bsn and (problem := bsn_error(data.bsn)):
            errors["bsn"] = problem
        if data.date_of_birth is not None and data.date_of_birth > clock.today():
            errors["date_of_birth"] = "De geboortedatum ligt in de toekomst."
    if errors:
        raise InvalidData(errors)


def _person(household: Household, actor: User, data: MemberInput) -> Person:
    if data.person_id is not None:
        found = db.session.scalar(
            sa.select(Person).where(
                Person.id == data.person_id, Person.destroyed_at.is_(None), person_scope(actor)
            )
        )
        if found is None:
            raise InvalidData({"person_id": "Deze inwoner is niet gevonden. Zoek opnieuw."})
        return found
    if data.bsn:
        return _known_by_bsn(data) or _new_person(household, data)
    return _new_person(household, data)


def _known_by_bsn(data: MemberInput) -> Person | None:
    """Someone already registered with this BSN is that person, not a second one; they are
    linked only when the family name and date of birth agree, so a mistyped BSN links nobody."""
    known = db.session.scalar(
        sa.select(Person).where(Person.bsn == data.bsn).execution_options(**UNSCOPED)
    )
    if known is None:
        return None
    same = (
        known.family_name.strip().lower() == data.family_name.strip().lower()
        and known.date_of_birth == data.date_of_birth
        and known.destroyed_at is None
    )
    if not same:
        raise InvalidData(
            {
                "bsn": "Er is al een inwoner met dit BSN, met een andere naam of geboortedatum. "
                "Controleer het BSN."
            }
        )
    return known


def _new_person(household: Household, data: MemberInput) -> Person:
    home = household.members[0].person if household.members else None
    person = Person(
        bsn=data.bsn or None,
        given_names=data.given_names.strip(),
        family_name=data.family_name.strip(),
        date_of_birth=data.date_of_birth,
        street=home.street if home else None,
        house_number=home.house_number if home else None,
        postcode=home.postcode if home else None,
        city=home.city if home else None,
        municipality_id=household.municipality_id,
        created_at=clock.now(),
    )
    db.session.add(person)
    return person


def _lives_elsewhere(person: Person) -> HouseholdMember | None:
    return db.session.scalar(
        sa.select(HouseholdMember)
        .where(HouseholdMember.person_id == person.id, HouseholdMember.ended_on.is_(None))
        .execution_options(**UNSCOPED)
    )


def active_plan_of(household_id: int) -> HouseholdPlan | None:
    return db.session.scalar(
        sa.select(HouseholdPlan).where(
            HouseholdPlan.household_id == household_id, HouseholdPlan.ended_at.is_(None)
        )
    )


def add_member(household: Household, actor: User, data: MemberInput) -> HouseholdMember:
    """`data`'s person joins the household from its start date (and its plan, if asked)."""
    _check(data)
    with flushed():
        lock_household(household)
        may_compose(household, actor)
        person = _person(household, actor, data)
        if person.municipality_id != household.municipality_id:
            elsewhere_text = f"{person.full_name} woont in een andere gemeente dan dit huishouden."
            raise InvalidData({"person_id": elsewhere_text})
        if person.id is not None and (elsewhere := _lives_elsewhere(person)) is not None:
            where = "dit huishouden" if elsewhere.household_id == household.id else "een ander"
            raise InvalidData(
                {
                    "person_id": f"{person.full_name} hoort al bij {where} huishouden. Laat het "
                    "lidmaatschap daar eerst eindigen (verhuizen)."
                }
            )
        assert data.started_on is not None
        row = HouseholdMember(
            household=household, person=person, relation=data.relation, started_on=data.started_on
        )
        db.session.add(row)
        db.session.flush()
        plan = active_plan_of(household.id)
        if data.join_plan and plan is not None:
            plan = lock_plan(plan)
            plan.members.append(person)
            record_version(plan, actor, f"{person.full_name} doet mee aan het plan")
    return row


def _check_end(member: HouseholdMember, ended_on: date | None, reason: str | None) -> None:
    errors: dict[str, str] = {}
    if ended_on is None:
        errors["ended_on"] = "Vul in vanaf wanneer deze persoon niet meer bij het huishouden hoort."
    elif ended_on > clock.today():
        errors["ended_on"] = "Deze datum ligt in de toekomst. Leg het vast als het zover is."
    elif ended_on < member.started_on:
        errors["ended_on"] = (
            f"Deze persoon hoort pas sinds {member.started_on:%d-%m-%Y} bij het huishouden."
        )
    if not (reason or "").strip():
        errors["reason"] = "Reden is verplicht."
    if errors:
        raise InvalidData(errors)


def _leave(member: HouseholdMember, actor: User, ended_on: date, reason: str) -> None:
    """End the membership; the person leaves the household's running plan with it."""
    household = member.household
    if len(household.members) <= 1:
        raise InvalidData(
            {
                "ended_on": "Een huishouden houdt minstens één lid. Beëindig de regie als niemand "
                "meer bij dit huishouden hoort."
            }
        )
    member.ended_on = ended_on
    member.end_reason = reason
    db.session.flush()
    db.session.expire(household, ["members"])
    db.session.expire(member.person, ["memberships"])
    plan = active_plan_of(household.id)
    if plan is not None and member.person in plan.members:
        plan = lock_plan(plan)
        plan.members.remove(member.person)
        record_version(plan, actor, f"{member.person.full_name} woont niet meer in het huishouden")


def end_membership(
    member: HouseholdMember, actor: User, ended_on: date | None, reason: str | None
) -> None:
    _check_end(member, ended_on, reason)
    assert ended_on is not None
    with flushed():
        lock_household(member.household)
        may_compose(member.household, actor)
        if member.ended_on is not None:
            raise InvalidData({"ended_on": "Dit lidmaatschap is al beëindigd."})
        _leave(member, actor, ended_on, (reason or "").strip())


def move_member(
    member: HouseholdMember,
    actor: User,
    moved_on: date | None,
    *,
    to: Household | None = None,
    new_household_name: str | None = None,
    relation: str = Relation.AANVRAGER,
) -> HouseholdMember:
    """The member moves out on `moved_on`: into household `to` (one the actor may also compose)
    or into a new household of the same municipality, e.g. a child who lives on their own."""
    name = (new_household_name or "").strip()
    if to is None and not name:
        raise InvalidData(
            {
                "to": "Kies het huishouden waar deze persoon gaat wonen, of geef een "
                "nieuw huishouden een naam."
            }
        )
    if to is not None and to.id == member.household_id:
        raise InvalidData({"to": "Kies een ander huishouden."})
    if relation not in Relation.__members__.values():
        raise InvalidData({"relation": "Kies hoe deze persoon bij het nieuwe huishouden hoort."})
    target_name = to.name if to is not None else name
    _check_end(member, moved_on, f"Verhuisd naar {target_name}")
    assert moved_on is not None
    with flushed():
        lock_household(member.household)
        may_compose(member.household, actor)
        if member.ended_on is not None:
            raise InvalidData({"ended_on": "Dit lidmaatschap is al beëindigd."})
        if to is not None:
            lock_household(to)
            may_compose(to, actor)
        else:
            to = Household(
                name=name, municipality_id=member.household.municipality_id, created_at=clock.now()
            )
            db.session.add(to)
        _leave(member, actor, moved_on, f"Verhuisd naar {target_name}")
        row = HouseholdMember(
            household=to, person=member.person, relation=relation, started_on=moved_on
        )
        db.session.add(row)
        db.session.flush()
    return row
