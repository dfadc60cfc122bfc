"""The register of benefits (uitkeringen: Participatiewet, IOAW, IOAZ, Bbz) and their mutations.

A benefit starts with the decision that grants it (caseflow.provisions.benefits) and runs until it
is ended with a reason. Everything that changes while it runs (part-time income, the assessment
of the capacity to work) is a dated mutation appended to its history, never an overwrite: what
held on any day can be read back from the mutations up to that day.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.cases import AppendOnlyError, Case
from caseflow.models.clients import Household, Person
from caseflow.models.organisation import Municipality, User

# Why a benefit ends (uitstroom); "werk" is what the outflow-to-work share counts.
BENEFIT_END_REASONS = {
    "werk": "Werk",
    "studie": "Studie",
    "verhuizing": "Verhuizing naar een andere gemeente",
    "overig": "Andere reden",
}
OUTFLOW_TO_WORK = "werk"
MUTATION_KINDS = {
    "start": "Uitkering gestart",
    "deeltijdinkomen": "Inkomsten uit deeltijdwerk",
    "arbeidsvermogen": "Arbeidsvermogen",
    "beeindiging": "Uitkering beëindigd",
}


def _in(values: Mapping[str, object]) -> str:
    return ", ".join(f"'{v}'" for v in values)


class Benefit(Base):
    """One benefit of one scheme for one applicant (and household): one uitkeringseenheid."""

    __tablename__ = "benefits"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    # Emptied when the decision's file is destroyed; the anonymous benefit stays counted.
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(sa.ForeignKey("households.id"))
    # The scheme's code from its workflow (`benefit: {scheme: ...}`), e.g. pw, ioaw.
    scheme: Mapped[str] = mapped_column(sa.String(20))
    start_date: Mapped[date]
    # Set once, with the reason, by the mutation that ends it.
    end_date: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(sa.String(20))
    decided_at: Mapped[datetime]

    case: Mapped[Case] = relationship()
    municipality: Mapped[Municipality] = relationship()
    person: Mapped[Person | None] = relationship()
    household: Mapped[Household | None] = relationship()
    mutations: Mapped[list["BenefitMutation"]] = relationship(
        back_populates="benefit", order_by="(BenefitMutation.effective_on, BenefitMutation.id)"
    )

    __table_args__ = (
        sa.CheckConstraint("(end_date IS NULL) = (end_reason IS NULL)", name="end_with_reason"),
        sa.CheckConstraint(
            f"end_reason IS NULL OR end_reason IN ({_in(BENEFIT_END_REASONS)})",
            name="known_end_reason",
        ),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),
        # What runs on a reference date, per municipality and scheme; what ended in a period.
        sa.Index("ix_benefits_running", "municipality_id", "scheme", "start_date", "end_date"),
        sa.Index("ix_benefits_ended", "municipality_id", "end_date"),
    )

    @property
    def end_reason_label(self) -> str | None:
        return BENEFIT_END_REASONS.get(self.end_reason or "")

    def runs_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class BenefitMutation(Base):
    """A dated change of a running benefit, or its start or end. Rows are only ever added."""

    __tablename__ = "benefit_mutations"

    id: Mapped[int] = mapped_column(primary_key=True)
    benefit_id: Mapped[int] = mapped_column(sa.ForeignKey("benefits.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    effective_on: Mapped[date]
    # ja/nee for part-time income, a category for arbeidsvermogen, a reason for the end.
    value: Mapped[str | None] = mapped_column(sa.String(40))
    explanation: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)

    benefit: Mapped[Benefit] = relationship(back_populates="mutations")
    actor: Mapped[User | None] = relationship()

    __table_args__ = (sa.CheckConstraint(f"kind IN ({_in(MUTATION_KINDS)})", name="known_kind"),)

    @property
    def kind_label(self) -> str:
        return MUTATION_KINDS[self.kind]


@event.listens_for(BenefitMutation, "before_update")
@event.listens_for(BenefitMutation, "before_delete")
def _refuse_mutation_edits(mapper: Mapper[Any], connection: Any, target: BenefitMutation) -> None:
    raise AppendOnlyError("mutations of a benefit are append-only")


@event.listens_for(Benefit, "before_update")
def _refuse_overwrites(mapper: Mapper[Any], connection: Any, target: Benefit) -> None:
    """Only the end may be set, once: the rest of a benefit is what the decision said."""
    attrs = sa.inspect(target).attrs
    for name in ("case_id", "municipality_id", "scheme", "start_date", "decided_at"):
        if attrs[name].history.has_changes():
            raise AppendOnlyError(f"benefit {target.id}: {name} is what the decision said")
    for name in ("end_date", "end_reason"):
        history = attrs[name].history
        if history.has_changes() and any(v is not None for v in history.deleted):
            raise AppendOnlyError(f"benefit {target.id} has ended already")


@event.listens_for(Benefit, "before_delete")
def _refuse_benefit_delete(mapper: Mapper[Any], connection: Any, target: Benefit) -> None:
    raise AppendOnlyError("a benefit stays in the register")
