"""The service organisation, its municipalities, areas, teams and users."""

import hashlib
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base

if TYPE_CHECKING:
    from caseflow.models.partners import PartnerOrganisation
    from caseflow.permissions import Permission


class Role(StrEnum):
    TOEGANG = "toegang"
    CONSULENT = "consulent"
    REGISSEUR = "regisseur"
    TEAMMANAGER = "teammanager"
    KWALITEIT = "kwaliteit"
    BEHEERDER = "beheerder"
    GEMEENTE = "gemeente"
    PRIVACY = "privacy"
    PARTNER = "partner"
    JURIST = "jurist"
    KLACHTENCOORDINATOR = "klachtencoordinator"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.TOEGANG: "Medewerker toegang",
    Role.CONSULENT: "Consulent",
    Role.REGISSEUR: "Regisseur",
    Role.TEAMMANAGER: "Teammanager",
    Role.KWALITEIT: "Kwaliteitsmedewerker",
    Role.BEHEERDER: "Beheerder",
    Role.GEMEENTE: "Lezer gemeente",
    Role.PRIVACY: "Privacyfunctionaris",
    Role.PARTNER: "Medewerker partnerorganisatie",
    Role.JURIST: "Jurist bezwaar en beroep",
    Role.KLACHTENCOORDINATOR: "Klachtencoördinator",
}


class TeamKind(StrEnum):
    FRONT_DOOR = "front_door"
    AREA = "area"
    DOMAIN = "domain"


def _in(values: type[StrEnum]) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


team_municipalities = sa.Table(
    "team_municipalities",
    Base.metadata,
    sa.Column("team_id", sa.ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("municipality_id", sa.ForeignKey("municipalities.id"), primary_key=True),
)

team_members = sa.Table(
    "team_members",
    Base.metadata,
    sa.Column("team_id", sa.ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

user_municipalities = sa.Table(
    "user_municipalities",
    Base.metadata,
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("municipality_id", sa.ForeignKey("municipalities.id"), primary_key=True),
)


class ServiceOrganisation(Base):
    __tablename__ = "service_organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)

    municipalities: Mapped[list["Municipality"]] = relationship(back_populates="organisation")


class Municipality(Base):
    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    inhabitants: Mapped[int] = mapped_column(default=0)
    # The municipality's RSIN: who a case belongs to for other systems (the Zaken API).
    rsin: Mapped[str | None] = mapped_column(sa.String(9))
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("service_organisations.id"))

    organisation: Mapped[ServiceOrganisation] = relationship(back_populates="municipalities")
    areas: Mapped[list["Area"]] = relationship(back_populates="municipality")

    __table_args__ = (sa.CheckConstraint("inhabitants >= 0", name="inhabitants_not_negative"),)


class Area(Base):
    """A gebied: part of one municipality, defined by postcode ranges (a village or district)."""

    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))

    municipality: Mapped[Municipality] = relationship(back_populates="areas")
    postcode_ranges: Mapped[list["PostcodeRange"]] = relationship(
        back_populates="area", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.UniqueConstraint("municipality_id", "name"),)


class PostcodeRange(Base):
    """Inclusive range of four-digit postcode numbers belonging to an area."""

    __tablename__ = "postcode_ranges"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    first: Mapped[int]
    last: Mapped[int]

    area: Mapped[Area] = relationship(back_populates="postcode_ranges")

    __table_args__ = (
        sa.CheckConstraint("first >= 1000 AND last <= 9999 AND first <= last", name="valid_range"),
    )


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("service_organisations.id"))
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    domain: Mapped[str | None] = mapped_column(sa.String(40))
    area_id: Mapped[int | None] = mapped_column(sa.ForeignKey("areas.id"))

    organisation: Mapped[ServiceOrganisation] = relationship()
    area: Mapped[Area | None] = relationship()
    municipalities: Mapped[list[Municipality]] = relationship(secondary=team_municipalities)
    members: Mapped[list["User"]] = relationship(
        secondary=team_members, back_populates="teams", order_by="User.full_name"
    )

    __table_args__ = (
        sa.CheckConstraint(f"kind IN ({_in(TeamKind)})", name="known_kind"),
        sa.CheckConstraint("kind != 'area' OR area_id IS NOT NULL", name="area_team_has_area"),
        sa.CheckConstraint("kind != 'domain' OR domain IS NOT NULL", name="domain_team_has_domain"),
    )


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(sa.String(20), primary_key=True)

    __table_args__ = (sa.CheckConstraint(f"role IN ({_in(Role)})", name="known_role"),)


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(80), unique=True)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    last_login_at: Mapped[datetime | None]
    # New accounts and passwords reset by a beheerder: the user picks their own before working.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Raised at every logout, so a session cookie copied before it no longer logs anyone in.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # Staff of a partner organisation (a kredietbank, a housing corporation) log in like staff
    # and see only the plan actions their organisation was given, with the household's consent.
    partner_organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("partner_organisations.id"), index=True
    )

    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan")
    teams: Mapped[list[Team]] = relationship(secondary=team_members, back_populates="members")
    municipalities: Mapped[list[Municipality]] = relationship(secondary=user_municipalities)
    partner_organisation: Mapped["PartnerOrganisation | None"] = relationship()

    @property
    def works_for_partner(self) -> bool:
        """An account of a partner organisation: it reaches the partner pages and nothing else."""
        return self.partner_organisation_id is not None

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(row.role for row in self.role_rows)

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    def may(self, permission: "Permission") -> bool:
        """Whether one of this user's roles grants `permission` (see caseflow.permissions)."""
        return not self.roles.isdisjoint(permission.roles)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def session_key(self) -> str:
        """Changes with the password and at every logout: a session opened before a password
        change, a reset or a logout is over."""
        material = f"{self.password_hash}:{self.session_generation}"
        return hashlib.sha256(material.encode("utf-8")).hexdigest()[:20]

    def get_id(self) -> str:
        return f"{self.id}:{self.session_key}"

    def serves(self, municipality_id: int) -> bool:
        return any(m.id == municipality_id for m in self.municipalities)
