"""The municipality's product catalogue: what a Wmo or Jeugd decision can grant, in which form and
unit, by which contracted provider, and the municipality's own rules for what comes after (the
herindicatie lead time, when stapeling or the Wlz deserves a look).

The catalogue is data the beheerder keeps; a decision copies what it granted from it, so a later
edit of the catalogue does not change a decision already taken.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base
from caseflow.models.organisation import Municipality


@dataclass(frozen=True)
class ProductKind:
    """A kind of product the reports compare across municipalities, whatever the local code."""

    label: str
    domain: str


PRODUCT_KINDS: dict[str, ProductKind] = {
    "hulp_huishouden": ProductKind("Hulp bij het huishouden", "wmo"),
    "begeleiding_individueel": ProductKind("Begeleiding individueel", "wmo"),
    "begeleiding_groep": ProductKind("Begeleiding groep (dagbesteding)", "wmo"),
    "kortdurend_verblijf": ProductKind("Kortdurend verblijf", "wmo"),
    "hulpmiddel": ProductKind("Hulpmiddel (zoals een rolstoel of scootmobiel)", "wmo"),
    "woningaanpassing": ProductKind("Woningaanpassing (zoals een traplift)", "wmo"),
    "vervoer": ProductKind("Vervoersvoorziening (zoals de regiotaxi)", "wmo"),
    "beschermd_wonen": ProductKind("Beschermd wonen", "wmo"),
    "jeugdhulp_ambulant": ProductKind("Jeugdhulp ambulant", "jeugd"),
    "jeugdhulp_dagbehandeling": ProductKind("Jeugdhulp dagbehandeling", "jeugd"),
    "jeugdhulp_verblijf": ProductKind("Jeugdhulp met verblijf (pleegzorg, gezinshuis)", "jeugd"),
}
UNITS = {
    "uur_per_week": "uur per week",
    "dagdelen_per_week": "dagdelen per week",
    "etmalen_per_jaar": "etmalen per jaar",
    "stuks": "stuks",
    "euro": "euro",
}
# The unit whose amount is hours of support a week: what the Wlz threshold adds up.
HOURS_PER_WEEK = "uur_per_week"
FORMS = {"zin": "Zorg in natura", "pgb": "Persoonsgebonden budget (pgb)"}


def _in(values: Mapping[str, object]) -> str:
    return ", ".join(f"'{v}'" for v in values)


product_providers = sa.Table(
    "product_providers",
    Base.metadata,
    sa.Column(
        "product_id",
        sa.ForeignKey("catalogue_products.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("provider_id", sa.ForeignKey("providers.id"), primary_key=True),
)


class Provider(Base):
    """A care provider (aanbieder) the municipalities contract for products."""

    __tablename__ = "providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class Product(Base):
    """One product of one municipality's catalogue, with the providers contracted for it."""

    __tablename__ = "catalogue_products"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    code: Mapped[str] = mapped_column(sa.String(20))
    label: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[str] = mapped_column(sa.String(40))
    unit: Mapped[str] = mapped_column(sa.String(30))
    allows_zin: Mapped[bool] = mapped_column(default=True)
    allows_pgb: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    municipality: Mapped[Municipality] = relationship()
    providers: Mapped[list[Provider]] = relationship(
        secondary=product_providers, order_by="Provider.name"
    )

    __table_args__ = (
        sa.UniqueConstraint("municipality_id", "code"),
        sa.CheckConstraint(f"kind IN ({_in(PRODUCT_KINDS)})", name="known_kind"),
        sa.CheckConstraint(f"unit IN ({_in(UNITS)})", name="known_unit"),
        sa.CheckConstraint("allows_zin OR allows_pgb", name="some_form"),
    )

    @property
    def domain(self) -> str:
        return PRODUCT_KINDS[self.kind].domain

    @property
    def forms(self) -> dict[str, str]:
        allowed = {"zin": self.allows_zin, "pgb": self.allows_pgb}
        return {code: label for code, label in FORMS.items() if allowed[code]}

    @property
    def unit_label(self) -> str:
        return UNITS[self.unit]


@dataclass(frozen=True)
class Policy:
    """A municipality's rules for what comes after the decision, with the defaults."""

    herindicatie_weeks: int = 8
    stacking_limit: int = 3
    wlz_hours_per_week: int = 20


DEFAULT_POLICY = Policy()


class CatalogueSettings(Base):
    """The municipality's own policy (Policy); a municipality without a row has the defaults."""

    __tablename__ = "catalogue_settings"

    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id"), primary_key=True
    )
    # Weeks before a provision ends that its herindicatie is signalled.
    herindicatie_weeks: Mapped[int] = mapped_column(default=DEFAULT_POLICY.herindicatie_weeks)
    # More running provisions and benefits than this, for a person or household: stapeling.
    stacking_limit: Mapped[int] = mapped_column(default=DEFAULT_POLICY.stacking_limit)
    # Running Wmo support of more hours a week than this: ask whether the Wlz fits better.
    wlz_hours_per_week: Mapped[int] = mapped_column(default=DEFAULT_POLICY.wlz_hours_per_week)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    __table_args__ = (
        sa.CheckConstraint("herindicatie_weeks BETWEEN 1 AND 52", name="lead_time_in_weeks"),
        sa.CheckConstraint("stacking_limit BETWEEN 1 AND 20", name="plausible_stacking_limit"),
        sa.CheckConstraint("wlz_hours_per_week BETWEEN 1 AND 168", name="hours_in_a_week"),
    )

    @property
    def policy(self) -> Policy:
        return Policy(self.herindicatie_weeks, self.stacking_limit, self.wlz_hours_per_week)
