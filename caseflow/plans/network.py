"""The network around a household member: who cares, who represents them, which professionals
are involved, with how to reach them and for which period. Kept by the household's director or
the team manager, so the plan can name who else is there."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import NETWORK_KINDS, Household, NetworkRelation, Person, User
from caseflow.plans.errors import flushed
from caseflow.plans.members import may_compose
from caseflow.workflow.errors import InvalidData


@dataclass(frozen=True)
class RelationInput:
    kind: str
    name: str
    organisation: str | None
    role: str | None
    phone: str | None
    email: str | None
    started_on: date | None
    ended_on: date | None = None


def _check(data: RelationInput) -> None:
    errors: dict[str, str] = {}
    if data.kind not in NETWORK_KINDS:
        errors["kind"] = "Kies wie dit is voor het huishouden."
    if not data.name.strip():
        errors["name"] = "Vul de naam in."
    if data.kind == "professional" and not (data.organisation or "").strip():
        errors["organisation"] = "Vul de organisatie van de professional in."
    if not (data.phone or "").strip() and not (data.email or "").strip():
        errors["phone"] = (
            "Vul een telefoonnummer of e-mailadres in, zodat het team contact kan opnemen."
        )
    email = (data.email or "").strip()
    if email and ("@" not in email or "." not in email.split("@")[-1]):
        errors["email"] = "Vul een geldig e-mailadres in."
    if data.started_on is None:
        errors["started_on"] = "Vul in sinds wanneer deze persoon betrokken is."
    if (
        data.ended_on is not None
        and data.started_on is not None
        and data.ended_on < data.started_on
    ):
        errors["ended_on"] = "Het einde ligt voor het begin."
    if errors:
        raise InvalidData(errors)


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def add_relation(
    household: Household, person: Person, actor: User, data: RelationInput
) -> NetworkRelation:
    """Record someone in the network of `person`, a member of `household`."""
    _check(data)
    if all(m.person_id != person.id for m in household.members):
        raise InvalidData({"person_id": "Kies een lid van het huishouden."})
    assert data.started_on is not None
    with flushed():
        may_compose(household, actor)
        row = NetworkRelation(
            person=person,
            kind=data.kind,
            name=data.name.strip(),
            organisation=_text(data.organisation),
            role=_text(data.role),
            phone=_text(data.phone),
            email=_text(data.email),
            started_on=data.started_on,
            ended_on=data.ended_on,
            recorded_by_id=actor.id,
            recorded_at=clock.now(),
        )
        db.session.add(row)
    return row


def end_relation(
    household: Household, relation: NetworkRelation, actor: User, ended_on: date | None
) -> None:
    if ended_on is None:
        raise InvalidData({"ended_on": "Vul in tot wanneer deze persoon betrokken was."})
    if ended_on < relation.started_on:
        raise InvalidData({"ended_on": "Het einde ligt voor het begin."})
    if ended_on > clock.today():
        raise InvalidData({"ended_on": "Deze datum ligt in de toekomst."})
    with flushed():
        may_compose(household, actor)
        if relation.ended_on is not None and relation.ended_on <= clock.today():
            raise InvalidData({"ended_on": "Deze betrokkenheid is al beëindigd."})
        relation.ended_on = ended_on


def network_of(person_ids: list[int]) -> list[NetworkRelation]:
    """Everyone in the network of these persons, those involved now first."""
    today = clock.today()
    return list(
        db.session.scalars(
            sa.select(NetworkRelation)
            .where(NetworkRelation.person_id.in_(person_ids))
            .order_by(
                sa.and_(NetworkRelation.ended_on.is_not(None), NetworkRelation.ended_on < today),
                NetworkRelation.kind,
                NetworkRelation.name,
            )
        )
    )
