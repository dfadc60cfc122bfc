"""A named cohort of households, such as the 50-gezinnenaanpak: which households are in it from
when, the maatwerk or doorbraak budget each household has, and what was spent of it."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.clients import Household
from caseflow.models.organisation import Municipality, User

BUDGET_KINDS = {
    "maatwerk": "Maatwerk: wat het huishouden nodig heeft, buiten de regels om",
    "doorbraak": "Doorbraak: een vastgelopen situatie losmaken",
}


class Cohort(Base):
    """A programme of one municipality for a group of households, e.g. "50-gezinnenaanpak"."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"), index=True)
    started_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    municipality: Mapped[Municipality] = relationship()
    households: Mapped[list["CohortHousehold"]] = relationship(
        back_populates="cohort", order_by="CohortHousehold.id", cascade="all, delete-orphan"
    )


class CohortHousehold(Base):
    """A household in a cohort from a day, with its budget in whole cents."""

    __tablename__ = "cohort_households"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(sa.ForeignKey("cohorts.id", ondelete="CASCADE"))
    household_id: Mapped[int] = mapped_column(sa.ForeignKey("households.id"), index=True)
    started_on: Mapped[date]
    ended_on: Mapped[date | None]
    budget_cents: Mapped[int] = mapped_column(default=0)
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(default=clock.now)

    cohort: Mapped[Cohort] = relationship(back_populates="households")
    household: Mapped[Household] = relationship()
    spendings: Mapped[list["BudgetSpending"]] = relationship(
        back_populates="member", order_by="BudgetSpending.spent_on", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.UniqueConstraint("cohort_id", "household_id"),
        sa.CheckConstraint("budget_cents >= 0", name="budget_not_negative"),
        sa.CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="ends_after_start"),
    )

    @property
    def spent_cents(self) -> int:
        return sum(s.amount_cents for s in self.spendings)


class BudgetSpending(Base):
    """One payment from a household's budget: when, how much, of which kind, what for."""

    __tablename__ = "cohort_budget_spendings"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cohort_households.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(20))
    spent_on: Mapped[date]
    amount_cents: Mapped[int]
    # What it paid for can say what care someone gets.
    purpose: Mapped[str] = mapped_column(sa.String(300), info=special("gezondheid"))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)

    member: Mapped[CohortHousehold] = relationship(back_populates="spendings")
    recorded_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in BUDGET_KINDS) + ")", name="known_kind"
        ),
        sa.CheckConstraint("amount_cents > 0", name="amount_positive"),
    )

    @property
    def kind_label(self) -> str:
        return BUDGET_KINDS.get(self.kind, self.kind).split(":")[0]
