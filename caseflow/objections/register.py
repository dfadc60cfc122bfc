"""Registering a bezwaarschrift: the bezwaar case, linked to the decision it contests.

The service checks the dates, computes the bezwaar term (caseflow.objections.terms), opens the
bezwaar case through the engine for the same client, routed to the municipality's team for
bezwaar en beroep, and writes the register row that links it to the decision, all in one step
of the unit of work. A late objection is registered too: whether it is excusable (Awb 6:11)
decides whether the jurist may still judge it on its merits.
"""

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from caseflow import clock
from caseflow.deadlines.app_calendar import holiday_calendar
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Household, Objection, Person, User
from caseflow.objections.decisions import decisions_of
from caseflow.objections.terms import lodging_term
from caseflow.permissions import REGISTER_OBJECTIONS
from caseflow.routing import route
from caseflow.scope.queries import unscoped
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.engine import start_case
from caseflow.workflow.errors import InvalidData, NotAuthorised
from caseflow.workflow.registry import registry

OBJECTION_CASE_TYPE = "bezwaar"
REFERENCE = re.compile(r"^\s*Z-(\d{4})-(\d{1,9})\s*$", re.IGNORECASE)
MAX_GROUNDS = 20_000


@dataclass(frozen=True)
class ObjectionInput:
    decision_id: int
    made_known_on: date | None
    received_on: date | None
    posted_on: date | None
    grounds: str
    excused: bool = False
    excuse: str = ""


def may_register(actor: User, case: Case) -> bool:
    return actor.may(REGISTER_OBJECTIONS) and actor.serves(case.municipality_id)


def find_decided_case(reference: str, actor: User) -> Case:
    """The case a decision letter names (Z-2026-000123), in one of the actor's municipalities,
    whether or not the actor may open it: a bezwaarschrift names the decision, not a team."""
    match = REFERENCE.match(reference or "")
    if match is None:
        raise InvalidData({"zaak": "Vul het zaaknummer van het besluit in, zoals Z-2026-000123."})
    with unscoped():
        case = db.session.get(Case, int(match.group(2)))
    if (
        case is None
        or not actor.serves(case.municipality_id)
        or clock.to_local(case.opened_at).year != int(match.group(1))
    ):
        raise InvalidData({"zaak": "Er is geen zaak met dit nummer in uw gemeenten."})
    if not decisions_of(case):
        raise InvalidData({"zaak": "In deze zaak is (nog) geen besluit genomen."})
    return case


def register_objection(contested: Case, actor: User, given: ObjectionInput) -> Case:
    """Open the bezwaar case against one decision of `contested`; InvalidData names each bad
    field, NotAuthorised when the actor may not register objections there."""
    if not may_register(actor, contested):
        raise NotAuthorised("U mag voor deze gemeente geen bezwaarschrift registreren.")
    decision = next((e for e in decisions_of(contested) if e.id == given.decision_id), None)
    made_known, received = _checked(given, decision)
    assert decision is not None and made_known is not None and received is not None
    term = lodging_term(made_known, received, given.posted_on, holiday_calendar())
    excused = given.excused and not term.in_time
    workflow = registry().get(OBJECTION_CASE_TYPE)
    # The objector is the decision's client, also when the one registering may not see them yet.
    with unscoped():
        person = db.session.get(Person, contested.person_id) if contested.person_id else None
        household = (
            db.session.get(Household, contested.household_id) if contested.household_id else None
        )
    data = {
        "bestreden_zaak": contested.id,
        "bekendgemaakt_op": made_known,
        "ontvangen_op": received,
        "verzonden_op": given.posted_on,
        "bezwaartermijn_einde": term.ends_on,
        "tijdig": term.in_time,
        "gronden": given.grounds.strip(),
    }
    if excused:
        data["verschoonbaar"] = given.excuse.strip()
    with all_or_nothing():
        case = start_case(
            OBJECTION_CASE_TYPE,
            municipality=contested.municipality,
            actor=actor,
            person=person,
            household=household,
            team=route(workflow.domain, contested.municipality, person),
            data={k: v for k, v in data.items() if v is not None},
        )
        db.session.add(
            Objection(
                case=case,
                contested_case=contested,
                contested_event=decision,
                made_known_on=made_known,
                received_on=received,
                posted_on=given.posted_on,
                lodging_ends_on=term.ends_on,
                in_time=term.in_time,
                excused=excused,
                excuse=given.excuse.strip() if excused else None,
            )
        )
        db.session.flush()
    return case


def _checked(given: ObjectionInput, decision: CaseEvent | None) -> tuple[date | None, date | None]:
    errors: dict[str, str] = {}
    today = clock.today()
    decided_on = clock.local_date(decision.occurred_at) if decision else None
    if decision is None:
        errors["besluit"] = "Kies het besluit waartegen het bezwaar zich richt."
    if given.made_known_on is None:
        errors["bekendgemaakt_op"] = "Vul de datum van bekendmaking in."
    elif given.made_known_on > today:
        errors["bekendgemaakt_op"] = "De bekendmaking kan niet in de toekomst liggen."
    elif decided_on and given.made_known_on < decided_on:
        errors["bekendgemaakt_op"] = "De bekendmaking kan niet vóór het besluit liggen."
    if given.received_on is None:
        errors["ontvangen_op"] = "Vul de datum van ontvangst in."
    elif given.received_on > today:
        errors["ontvangen_op"] = "De ontvangst kan niet in de toekomst liggen."
    elif decided_on and given.received_on < decided_on:
        # Awb 6:10: early is admissible, but only once the decision exists.
        errors["ontvangen_op"] = "Een bezwaar kan niet zijn ontvangen vóór het besluit er was."
    if given.posted_on is not None and given.received_on and given.posted_on > given.received_on:
        errors["verzonden_op"] = "De poststempel kan niet na de ontvangst liggen."
    if not given.grounds.strip():
        errors["gronden"] = "Vat de gronden van het bezwaar samen."
    elif len(given.grounds) > MAX_GROUNDS:
        errors["gronden"] = "De samenvatting is te lang."
    if given.excused and not given.excuse.strip():
        errors["verschoonbaar_reden"] = "Zeg waarom de termijnoverschrijding verschoonbaar is."
    if errors:
        raise InvalidData(errors)
    return given.made_known_on, given.received_on


def objection_of(case: Case) -> Objection | None:
    """The register row of a bezwaar case (None for any other case)."""
    return db.session.scalar(sa.select(Objection).where(Objection.case_id == case.id))


def objections_against(case: Case) -> list[Objection]:
    """The objections that contest a decision of `case`, newest first, as far as the reader may
    see them (the scope applies through the objection's own case)."""
    return list(
        db.session.scalars(
            sa.select(Objection)
            .join(Case, Case.id == Objection.case_id)
            .where(Objection.contested_case_id == case.id)
            .order_by(Objection.received_on.desc())
        )
    )
