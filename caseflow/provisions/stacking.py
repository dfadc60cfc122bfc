"""Stapeling in view: everything a person and their household receive at once, across domains.

The dossier lists the running provisions and benefits of the person and of the members of their
households, and flags when there are more than the municipality's limit at once, for the person
or for the household. When the person's running Wmo support adds up to more hours a week than the
municipality's threshold, it asks whether the Wlz (long-term care) would fit better. Every list
is read through the case that granted it, so the reader's scope applies: what they may not see is
neither listed nor counted.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Benefit, Case, Person, Provision
from caseflow.models.catalogue import HOURS_PER_WEEK
from caseflow.provisions.benefits import scheme_label
from caseflow.provisions.catalogue import policy_of
from caseflow.provisions.register import describe
from caseflow.provisions.wording import amount_text, period_text


@dataclass(frozen=True)
class Running:
    """One provision or benefit that runs today, for one member of the household."""

    person: Person
    what: str  # "Voorziening" or "Uitkering"
    domain: str
    text: str
    provision: Provision | None = None
    benefit: Benefit | None = None


@dataclass(frozen=True)
class Stacking:
    rows: list[Running]
    person: Person
    limit: int
    wmo_hours: Decimal
    wlz_hours: int
    in_household: bool

    @property
    def own(self) -> list[Running]:
        return [r for r in self.rows if r.person.id == self.person.id]

    @property
    def person_stacked(self) -> bool:
        return len(self.own) > self.limit

    @property
    def household_stacked(self) -> bool:
        return self.in_household and len(self.rows) > self.limit

    @property
    def ask_wlz(self) -> bool:
        return self.wmo_hours > self.wlz_hours

    @property
    def wmo_hours_text(self) -> str:
        return amount_text(self.wmo_hours)


def _running(start: Any, end: Any, day: date) -> sa.ColumnElement[bool]:
    return sa.and_(start <= day, sa.or_(end.is_(None), end >= day))


def stacking_for(person: Person, today: date) -> Stacking:
    households = [m.household for m in person.memberships]
    people = {person.id: person} | {
        member.person.id: member.person for h in households for member in h.members
    }
    provisions = db.session.scalars(
        sa.select(Provision)
        .join(Case, Case.id == Provision.case_id)
        .where(
            Provision.person_id.in_(people),
            _running(Provision.start_date, Provision.end_date, today),
        )
        .order_by(Provision.start_date, Provision.id)
    ).all()
    benefits = db.session.scalars(
        sa.select(Benefit)
        .join(Case, Case.id == Benefit.case_id)
        .where(
            sa.or_(
                Benefit.person_id.in_(people),
                Benefit.household_id.in_([h.id for h in households]),
            ),
            _running(Benefit.start_date, Benefit.end_date, today),
        )
        .order_by(Benefit.start_date, Benefit.id)
    ).all()
    rows = [
        Running(people[p.person_id or 0], "Voorziening", p.domain, describe(p), provision=p)
        for p in provisions
    ] + [
        Running(
            people.get(b.person_id or 0, person),
            "Uitkering",
            "participatie",
            f"{scheme_label(b)}, {period_text(b.start_date, b.end_date)}",
            benefit=b,
        )
        for b in benefits
    ]
    hours = sum(
        (
            p.amount
            for p in provisions
            if p.person_id == person.id and p.unit == HOURS_PER_WEEK and p.domain == "wmo"
        ),
        Decimal(0),
    )
    policy = policy_of(person.municipality_id)
    return Stacking(
        rows, person, policy.stacking_limit, hours, policy.wlz_hours_per_week, bool(households)
    )
