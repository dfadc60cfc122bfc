"""Clients: persons and the households they live in."""

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
    memberships: Mapped[list["HouseholdMember"]] = relationship(back_populates="person")

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
    members: Mapped[list["HouseholdMember"]] = relationship(
        back_populates="household", cascade="all, delete-orphan"
    )


class HouseholdMember(Base):
    __tablename__ = "household_members"

    household_id: Mapped[int] = mapped_column(
        sa.ForeignKey("households.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"), primary_key=True)
    relation: Mapped[str] = mapped_column(sa.String(20))

    household: Mapped[Household] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(back_populates="memberships")

    __table_args__ = (
        sa.CheckConstraint(
            "relation IN (" + ", ".join(f"'{r.value}'" for r in Relation) + ")",
            name="known_relation",
        ),
    )
