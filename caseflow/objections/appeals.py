"""Beroep and hoger beroep: registered from the outcome they contest, handled by the jurist.

A decision on bezwaar can be taken to the rechtbank (beroep, Awb 8:1), and the rechtbank's
ruling to the Centrale Raad van Beroep (hoger beroep). The register row links the appeal to the
case whose outcome it contests; the appeal itself moves through the engine (workflows/beroep).
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Appeal, Case, Household, Person, User
from caseflow.objections.register import OBJECTION_CASE_TYPE
from caseflow.permissions import HANDLE_OBJECTIONS
from caseflow.scope.queries import unscoped
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.engine import start_case
from caseflow.workflow.errors import InvalidData, NotAuthorised
from caseflow.workflow.registry import registry

APPEAL_CASE_TYPE = "beroep"
# What each outcome is appealed at: a decision on bezwaar at the rechtbank, a ruling at the CRvB.
LEVELS = {OBJECTION_CASE_TYPE: "beroep", APPEAL_CASE_TYPE: "hoger_beroep"}
DEFAULT_COURT = {"beroep": "Rechtbank Limburg", "hoger_beroep": "Centrale Raad van Beroep"}


@dataclass(frozen=True)
class AppealInput:
    filed_on: date | None
    court: str


def appeal_level(contested: Case) -> str | None:
    """beroep or hoger_beroep when the case ended in an outcome that can be appealed."""
    level = LEVELS.get(contested.case_type)
    if level is None or contested.closed_at is None:
        return None
    states = registry().get(contested.case_type).states
    decided = contested.state in states and bool(states[contested.state].results)
    return level if decided else None


def register_appeal(contested: Case, actor: User, given: AppealInput) -> Case:
    level = appeal_level(contested)
    if not actor.may(HANDLE_OBJECTIONS) or not actor.serves(contested.municipality_id):
        raise NotAuthorised("Alleen een jurist van deze gemeente registreert een beroep.")
    errors: dict[str, str] = {}
    if level is None:
        errors["zaak"] = "Tegen deze zaak staat (nog) geen beroep open."
    decided_on = clock.local_date(contested.closed_at) if contested.closed_at else None
    if given.filed_on is None:
        errors["ingesteld_op"] = "Vul de datum in waarop het beroep is ingesteld."
    elif given.filed_on > clock.today():
        errors["ingesteld_op"] = "Die datum ligt in de toekomst."
    elif decided_on and given.filed_on < decided_on:
        errors["ingesteld_op"] = "Het beroep kan niet vóór de beslissing zijn ingesteld."
    if not given.court.strip():
        errors["rechter"] = "Vul de rechter in."
    if errors:
        raise InvalidData(errors)
    assert level is not None and given.filed_on is not None
    with unscoped():
        person = db.session.get(Person, contested.person_id) if contested.person_id else None
        household = (
            db.session.get(Household, contested.household_id) if contested.household_id else None
        )
    with all_or_nothing():
        case = start_case(
            APPEAL_CASE_TYPE,
            municipality=contested.municipality,
            actor=actor,
            person=person,
            household=household,
            # The team that handled the objection handles its appeal.
            team=contested.team,
            data={
                "beroep_tegen": contested.id,
                "ingesteld_op": given.filed_on,
                "rechter": given.court.strip(),
            },
        )
        db.session.add(
            Appeal(
                case=case,
                contested_case=contested,
                level=level,
                court=given.court.strip()[:200],
                filed_on=given.filed_on,
            )
        )
        db.session.flush()
    return case


def appeals_against(case: Case) -> list[Appeal]:
    return list(
        db.session.scalars(
            sa.select(Appeal)
            .join(Case, Case.id == Appeal.case_id)
            .where(Appeal.contested_case_id == case.id)
            .order_by(Appeal.filed_on)
        )
    )


def appeal_of(case: Case) -> Appeal | None:
    return db.session.scalar(sa.select(Appeal).where(Appeal.case_id == case.id))
