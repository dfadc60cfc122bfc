"""Clients: persons and the households they live in, with who joined and left when."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from caseflow import clock
from caseflow.bsn import bsn_error
from caseflow.models.base import Base
from caseflow.models.organisation import Municipality


class Relation(StrEnum):
    AANVRAGER = "aanvrager"
    PARTNER = "partner"
    KIND = "kind"
    OUDER = "ouder"
    HUISGENOOT = "huisgenoot"

    @property
    def label(self) -> str:
        return RELATION_LABELS[self]


RELATION_LABELS = {
    Relation.AANVRAGER: "Aanvrager",
    Relation.PARTNER: "Partner",
    Relation.KIND: "Kind",
    Relation.OUDER: "Ouder",
    Relation.HUISGENOOT: "Ander lid van het huishouden",
}
CURRENT = "ended_on IS NULL"


class Person(Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    bsn: Mapped[str | None] = mapped_column(sa.String(9), unique=True)
    given_names: Mapped[str] = mapped_column(sa.String(200))
    family_name: Mapped[str] = mapped_column(sa.String(200), index=True)
    date_of_birth: Mapped[date | None]
    street: Mapped[str | None] = mapped_column(sa.String(200))
    house_number: Mapped[str | None] = mapped_column(sa.String(20))
    postcode: Mapped[str | None] = mapped_column(sa.String(7))
    city: Mapped[str | None] = mapped_column(sa.String(200))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"), index=True)
    # Set by an aggression incident; every worklist and case page shows it to staff.
    safety_flag: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # When a team manager reviews the flag; it ends after this day unless renewed (caseflow.safety).
    safety_flag_review_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    # Set when the last case that needed this person was destroyed and the person anonymised.
    destroyed_at: Mapped[datetime | None]

    municipality: Mapped[Municipality] = relationship()
    # The households this person lives in now; past memberships are in the household's history.
    memberships: Mapped[list["HouseholdMember"]] = relationship(
        primaryjoin="and_(Person.id == HouseholdMember.person_id, "
        "HouseholdMember.ended_on.is_(None))",
        back_populates="person",
    )

    __table_args__ = (sa.CheckConstraint("bsn IS NULL OR length(bsn) = 9", name="bsn_length"),)

    @validates("bsn")
    def _check_bsn(self, key: str, value: str | None) -> str | None:
        if value is not None and (error := bsn_error(value)):
            raise ValueError(error)
        return value

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}"


class Household(Base):
    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    municipality: Mapped[Municipality] = relationship()
    # Who lives in the household now.
    members: Mapped[list["HouseholdMember"]] = relationship(
        primaryjoin="and_(Household.id == HouseholdMember.household_id, "
        "HouseholdMember.ended_on.is_(None))",
        back_populates="household",
        cascade="all, delete-orphan",
        order_by="HouseholdMember.id",
    )
    # Everyone who ever lived in it, with their dates.
    history: Mapped[list["HouseholdMember"]] = relationship(
        viewonly=True, order_by="(HouseholdMember.started_on, HouseholdMember.id)"
    )


class HouseholdMember(Base):
    """One person's membership of one household, from a day until a day. Someone who moves out
    keeps the row with its end date; at most one household at a time is someone's home."""

    __tablename__ = "household_memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        sa.ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    relation: Mapped[str] = mapped_column(sa.String(20))
    started_on: Mapped[date] = mapped_column(default=clock.today)
    ended_on: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(sa.String(300))

    household: Mapped[Household] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(back_populates="memberships")

    __table_args__ = (
        sa.CheckConstraint(
            "relation IN (" + ", ".join(f"'{r.value}'" for r in Relation) + ")",
            name="known_relation",
        ),
        sa.CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="ends_after_start"),
        sa.Index(
            "uq_household_memberships_current",
            "person_id",
            unique=True,
            sqlite_where=sa.text(CURRENT),
            postgresql_where=sa.text(CURRENT),
        ),
    )

    @property
    def relation_label(self) -> str:
        return RELATION_LABELS.get(Relation(self.relation), self.relation)

    @property
    def is_current(self) -> bool:
        return self.ended_on is None
