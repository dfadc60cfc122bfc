"""Co-creation with partners: the partner organisations, the household's consent per plan to share
with one of them, the notes partners add to their actions, and targeted information requests.

A partner's staff see an action of a plan only while a consent of that plan for their
organisation runs and names the action's life domain (caseflow.partners.access). Withdrawing a
consent is recorded, never deleted, and ends that access at once.
"""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.cases import LIFE_DOMAINS
from caseflow.models.clients import Person
from caseflow.models.organisation import User
from caseflow.models.plans import HouseholdPlan, PlanAction

PARTNER_KINDS = {
    "schuldhulp": "Schuldhulp en krediet (bijvoorbeeld een kredietbank)",
    "woningcorporatie": "Woningcorporatie",
    "zorg": "Zorgaanbieder",
    "welzijn": "Welzijn en maatschappelijk werk",
    "onderwijs": "Onderwijs",
    "werk": "Werk en re-integratie",
    "overig": "Andere organisatie",
}
CONSENT_WAYS = {
    "ondertekend": "Schriftelijk: ondertekend door het huishouden",
    "mondeling": "Mondeling, met een getuige",
}
REQUEST_BASES = {
    "wettelijk": "Een wettelijke grondslag",
    "toestemming": "Toestemming van het huishouden",
}


def _in(values: dict[str, str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


class PartnerOrganisation(Base):
    """An organisation outside the municipality that works on household plans."""

    __tablename__ = "partner_organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(30))
    contact_name: Mapped[str | None] = mapped_column(sa.String(200))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    email: Mapped[str | None] = mapped_column(sa.String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    __table_args__ = (sa.CheckConstraint(f"kind IN ({_in(PARTNER_KINDS)})", name="known_kind"),)

    @property
    def kind_label(self) -> str:
        return PARTNER_KINDS.get(self.kind, self.kind)


# Who of the household gave the consent.
plan_consent_givers = sa.Table(
    "plan_consent_givers",
    Base.metadata,
    sa.Column(
        "consent_id", sa.ForeignKey("plan_consents.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("person_id", sa.ForeignKey("persons.id"), primary_key=True),
)


class PlanConsent(Base):
    """The household's consent to share, for one plan, with one partner: which life domains and
    which information, from and until when, how it was given; and its withdrawal."""

    __tablename__ = "plan_consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("household_plans.id", ondelete="CASCADE"), index=True
    )
    partner_organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partner_organisations.id"), index=True
    )
    # What may be shared besides the actions of the domains, in the household's terms.
    information: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    valid_from: Mapped[date]
    valid_until: Mapped[date | None]
    given_how: Mapped[str] = mapped_column(sa.String(20))
    witness: Mapped[str | None] = mapped_column(sa.String(200))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)
    withdrawn_on: Mapped[date | None]
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    withdrawal_note: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))

    plan: Mapped[HouseholdPlan] = relationship(back_populates="consents")
    partner_organisation: Mapped[PartnerOrganisation] = relationship()
    domains: Mapped[list["PlanConsentDomain"]] = relationship(
        back_populates="consent", cascade="all, delete-orphan", order_by="PlanConsentDomain.domain"
    )
    givers: Mapped[list[Person]] = relationship(
        secondary=plan_consent_givers, order_by="Person.date_of_birth"
    )
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])

    __table_args__ = (
        sa.CheckConstraint(f"given_how IN ({_in(CONSENT_WAYS)})", name="known_way"),
        sa.CheckConstraint(
            "given_how != 'mondeling' OR witness IS NOT NULL", name="verbal_has_witness"
        ),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from", name="ends_after_start"
        ),
        sa.CheckConstraint(
            "(withdrawn_at IS NULL) = (withdrawn_on IS NULL)", name="withdrawal_dated"
        ),
    )

    @property
    def domain_codes(self) -> list[str]:
        return [d.domain for d in self.domains]

    @property
    def domain_labels(self) -> list[str]:
        return [LIFE_DOMAINS.get(d.domain, d.domain) for d in self.domains]

    @property
    def how_label(self) -> str:
        return CONSENT_WAYS.get(self.given_how, self.given_how)

    def runs_on(self, day: date) -> bool:
        """Whether the consent holds on `day` (a withdrawn consent never does again)."""
        return (
            self.withdrawn_at is None
            and self.valid_from <= day
            and (self.valid_until is None or day <= self.valid_until)
        )


class PlanConsentDomain(Base):
    """A life domain a consent covers: the partner sees the plan's actions on it."""

    __tablename__ = "plan_consent_domains"

    consent_id: Mapped[int] = mapped_column(
        sa.ForeignKey("plan_consents.id", ondelete="CASCADE"), primary_key=True
    )
    domain: Mapped[str] = mapped_column(sa.String(40), primary_key=True)

    consent: Mapped[PlanConsent] = relationship(back_populates="domains")

    __table_args__ = (sa.CheckConstraint(f"domain IN ({_in(LIFE_DOMAINS)})", name="known_domain"),)


class PlanActionNote(Base):
    """A short note on an action's progress, by staff or by the partner who carries it out."""

    __tablename__ = "plan_action_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        sa.ForeignKey("plan_actions.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(sa.Text, info=special("gezondheid"))
    state: Mapped[str | None] = mapped_column(sa.String(20))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    partner_organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("partner_organisations.id")
    )
    written_at: Mapped[datetime] = mapped_column(default=clock.now)

    action: Mapped[PlanAction] = relationship(back_populates="notes")
    author: Mapped[User | None] = relationship()
    partner_organisation: Mapped[PartnerOrganisation | None] = relationship()


class InformationRequest(Base):
    """A targeted question for one plan to a partner or another domain's consultant, on a legal
    basis or the household's consent, with a deadline. The answer is kept with the plan: the
    requester sees the answer, never the other file."""

    __tablename__ = "information_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("household_plans.id", ondelete="CASCADE"), index=True
    )
    about_person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"))
    asked_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    asked_at: Mapped[datetime] = mapped_column(default=clock.now)
    partner_organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("partner_organisations.id"), index=True
    )
    addressee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    question: Mapped[str] = mapped_column(sa.Text, info=special("gezondheid", "strafrechtelijk"))
    basis: Mapped[str] = mapped_column(sa.String(20))
    legal_basis: Mapped[str | None] = mapped_column(sa.String(300))
    consent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("plan_consents.id"))
    answer_by: Mapped[date]
    answer: Mapped[str | None] = mapped_column(
        sa.Text, info=special("gezondheid", "strafrechtelijk")
    )
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    plan: Mapped[HouseholdPlan] = relationship(back_populates="information_requests")
    about_person: Mapped[Person | None] = relationship()
    asked_by: Mapped[User] = relationship(foreign_keys=[asked_by_id])
    partner_organisation: Mapped[PartnerOrganisation | None] = relationship()
    addressee: Mapped[User | None] = relationship(foreign_keys=[addressee_id])
    consent: Mapped[PlanConsent | None] = relationship()
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])

    __table_args__ = (
        sa.CheckConstraint(
            "(partner_organisation_id IS NULL) != (addressee_id IS NULL)", name="one_addressee"
        ),
        sa.CheckConstraint(f"basis IN ({_in(REQUEST_BASES)})", name="known_basis"),
        sa.CheckConstraint(
            "basis != 'wettelijk' OR legal_basis IS NOT NULL", name="legal_basis_named"
        ),
        sa.CheckConstraint(
            "basis != 'toestemming' OR consent_id IS NOT NULL", name="consent_named"
        ),
        # An answer has its moment; destruction blanks the words and keeps the moment.
        sa.CheckConstraint("answer IS NULL OR answered_at IS NOT NULL", name="answer_dated"),
    )

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def addressee_label(self) -> str:
        if self.partner_organisation is not None:
            return self.partner_organisation.name
        return self.addressee.full_name if self.addressee else "–"

    @property
    def basis_label(self) -> str:
        if self.basis == "wettelijk":
            return f"Wettelijke grondslag: {self.legal_basis}"
        if self.consent is not None:
            return f"Toestemming van het huishouden van {self.consent.valid_from:%d-%m-%Y}"
        return REQUEST_BASES.get(self.basis, self.basis)
