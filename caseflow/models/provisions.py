"""The register of provisions (voorzieningen) a decision granted, their dated changes, and the
herindicaties signalled before they end.

A provision is written once, by the decision's transition (caseflow.provisions.register), and
copies what was granted: product, form, provider, scope in the product's unit, start and end. What
was decided never changes; ending earlier is a dated, reasoned change appended to its history.
"""

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.cases import AppendOnlyError, Case
from caseflow.models.catalogue import FORMS, PRODUCT_KINDS, UNITS, Product, Provider
from caseflow.models.clients import Person
from caseflow.models.organisation import Municipality, Team, User

# Why a provision ends before the end the decision gave it.
PROVISION_END_REASONS = {
    "niet_meer_nodig": "Niet meer nodig",
    "verhuisd": "Verhuisd naar een andere gemeente",
    "overleden": "Overleden",
    "wlz": "Over naar de Wet langdurige zorg",
    "andere_voorziening": "Vervangen door een andere voorziening",
    "overig": "Andere reden",
}


def _in(values: Mapping[str, object]) -> str:
    return ", ".join(f"'{v}'" for v in values)


class Provision(Base):
    """One granted product of one decision, for one person."""

    __tablename__ = "provisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    # Emptied when the decision's file is destroyed; the anonymous provision stays counted.
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("catalogue_products.id"))
    # As the catalogue said on the day of the decision.
    product_code: Mapped[str] = mapped_column(sa.String(20))
    product_label: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[str] = mapped_column(sa.String(40))
    unit: Mapped[str] = mapped_column(sa.String(30))
    form: Mapped[str] = mapped_column(sa.String(3))
    provider_id: Mapped[int | None] = mapped_column(sa.ForeignKey("providers.id"))
    amount: Mapped[Decimal] = mapped_column(sa.Numeric(10, 2))
    start_date: Mapped[date]
    # The last day it runs: as decided, or earlier after a change. None: no end date.
    end_date: Mapped[date | None]
    decided_end_date: Mapped[date | None]
    # Set when it was ended before the decided end (PROVISION_END_REASONS).
    ended_reason: Mapped[str | None] = mapped_column(sa.String(30))
    decided_at: Mapped[datetime]

    case: Mapped[Case] = relationship()
    municipality: Mapped[Municipality] = relationship()
    person: Mapped[Person | None] = relationship()
    product: Mapped[Product] = relationship()
    provider: Mapped[Provider | None] = relationship()
    changes: Mapped[list["ProvisionChange"]] = relationship(
        back_populates="provision", order_by="ProvisionChange.id"
    )

    __table_args__ = (
        sa.CheckConstraint(f"form IN ({_in(FORMS)})", name="known_form"),
        sa.CheckConstraint(f"kind IN ({_in(PRODUCT_KINDS)})", name="known_kind"),
        sa.CheckConstraint(f"unit IN ({_in(UNITS)})", name="known_unit"),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),
        sa.CheckConstraint("form = 'pgb' OR provider_id IS NOT NULL", name="zin_has_provider"),
        sa.CheckConstraint(
            f"ended_reason IS NULL OR ended_reason IN ({_in(PROVISION_END_REASONS)})",
            name="known_end_reason",
        ),
        # What runs on a reference date, per municipality and kind: the reports' main count.
        sa.Index("ix_provisions_running", "municipality_id", "kind", "start_date", "end_date"),
        # The herindicatie scan reads the provisions ending soon, never the whole register.
        sa.Index("ix_provisions_end_date", "end_date"),
    )

    @property
    def kind_label(self) -> str:
        return PRODUCT_KINDS[self.kind].label

    @property
    def domain(self) -> str:
        return PRODUCT_KINDS[self.kind].domain

    @property
    def unit_label(self) -> str:
        return UNITS[self.unit]

    @property
    def form_label(self) -> str:
        return FORMS[self.form]

    def runs_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


# Facts of the decision; only the end may move, and only by a ProvisionChange.
DECIDED = (
    "case_id",
    "municipality_id",
    "product_id",
    "product_code",
    "product_label",
    "kind",
    "unit",
    "form",
    "provider_id",
    "amount",
    "start_date",
    "decided_end_date",
    "decided_at",
)


class ProvisionChange(Base):
    """A dated, reasoned change of a provision after its decision: it ends earlier."""

    __tablename__ = "provision_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[int] = mapped_column(sa.ForeignKey("provisions.id"), index=True)
    # The new last day the provision runs, and the one it had before.
    ends_on: Mapped[date]
    previous_end: Mapped[date | None]
    reason: Mapped[str] = mapped_column(sa.String(30))
    explanation: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)

    provision: Mapped[Provision] = relationship(back_populates="changes")
    actor: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(f"reason IN ({_in(PROVISION_END_REASONS)})", name="known_reason"),
    )


class Herindicatie(Base):
    """A provision that ends within its municipality's lead time, signalled to the team that
    decided it, and the case that reassesses it once someone starts that.

    Unique per provision and end date: a rerun or a second scheduler adds nothing, while an end
    moved by a change is signalled again.
    """

    __tablename__ = "herindicaties"

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[int] = mapped_column(sa.ForeignKey("provisions.id"))
    due_on: Mapped[date]
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    signalled_at: Mapped[datetime] = mapped_column(default=clock.now)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    started_at: Mapped[datetime | None]
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # The (Amsterdam) day a decision was taken in the case that reassessed it; on time when it
    # is not after due_on.
    decided_on: Mapped[date | None]

    provision: Mapped[Provision] = relationship()
    team: Mapped[Team | None] = relationship()
    case: Mapped[Case | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("provision_id", "due_on"),
        sa.Index("ix_herindicaties_team_open", "team_id", "case_id"),
        sa.CheckConstraint("started_at IS NULL OR case_id IS NOT NULL", name="started_has_case"),
    )


@event.listens_for(ProvisionChange, "before_update")
@event.listens_for(ProvisionChange, "before_delete")
def _refuse_change_edits(mapper: Mapper[Any], connection: Any, target: ProvisionChange) -> None:
    raise AppendOnlyError("changes of a provision are append-only")


@event.listens_for(Provision, "before_update")
def _refuse_new_decisions(mapper: Mapper[Any], connection: Any, target: Provision) -> None:
    attrs = sa.inspect(target).attrs
    changed = [name for name in DECIDED if attrs[name].history.has_changes()]
    if changed:
        raise AppendOnlyError(
            f"provision {target.id}: {', '.join(changed)} is what was decided; "
            "a different grant is a new decision"
        )


@event.listens_for(Provision, "before_delete")
def _refuse_provision_delete(mapper: Mapper[Any], connection: Any, target: Provision) -> None:
    raise AppendOnlyError("a provision stays in the register")
