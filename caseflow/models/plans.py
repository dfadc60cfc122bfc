"""The household plan (gezinsplan): goals per life domain, actions, evaluations and versions.

The plan's lifecycle is its gezinsplan case (moved only by the engine); what the plan says lives
in these tables. At most one plan per household is active (not ended); the database refuses a
second one.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.cases import LIFE_DOMAINS, Case
from caseflow.models.clients import Household, Person
from caseflow.models.organisation import User

if TYPE_CHECKING:
    from caseflow.models.partners import (
        InformationRequest,
        PartnerOrganisation,
        PlanActionNote,
        PlanConsent,
    )

ACTION_STATES = {
    "open": "Nog niet begonnen",
    "bezig": "Bezig",
    "klaar": "Klaar",
    "gestopt": "Gestopt",
}
OPEN_ACTION_STATES = ("open", "bezig")
OWNER_KINDS = {
    "medewerker": "Een medewerker",
    "zaak": "Een zaak bij een domein",
    "partner": "Een externe partner",
    "huishouden": "Het huishouden zelf",
}
AGREEMENT_WAYS = {
    "gesprek_thuis": "In een gesprek bij het huishouden thuis",
    "gesprek_kantoor": "In een gesprek op kantoor",
    "telefonisch": "Telefonisch of met beeldbellen",
    "schriftelijk": "Schriftelijk: het huishouden heeft het plan ondertekend",
}
EVALUATION_DECISIONS = {
    "voortzetten": "Plan voortzetten zoals het is",
    "bijstellen": "Plan bijstellen en opnieuw afstemmen",
    "afronden": "Plan afronden",
}
ACTIVE = "ended_at IS NULL"


def _in(values: dict[str, str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


plan_members = sa.Table(
    "plan_members",
    Base.metadata,
    sa.Column("plan_id", sa.ForeignKey("household_plans.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.ForeignKey("persons.id"), primary_key=True),
)

# The members of the household who agreed to the plan (the last time it was agreed).
plan_agreed_members = sa.Table(
    "plan_agreed_members",
    Base.metadata,
    sa.Column("plan_id", sa.ForeignKey("household_plans.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.ForeignKey("persons.id"), primary_key=True),
)

plan_goal_cases = sa.Table(
    "plan_goal_cases",
    Base.metadata,
    sa.Column("goal_id", sa.ForeignKey("plan_goals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
)


class HouseholdPlan(Base):
    __tablename__ = "household_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(sa.ForeignKey("households.id"), index=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), unique=True)
    origin_case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"))
    wishes: Mapped[str] = mapped_column(sa.Text, default="", info=special("gezondheid"))
    agreed_on: Mapped[date | None]
    agreed_how: Mapped[str | None] = mapped_column(sa.String(30))
    agreed_by: Mapped[str | None] = mapped_column(sa.String(300))
    agreement_note: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    next_evaluation_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    ended_at: Mapped[datetime | None]

    household: Mapped[Household] = relationship()
    case: Mapped[Case] = relationship(foreign_keys=[case_id])
    origin_case: Mapped[Case | None] = relationship(foreign_keys=[origin_case_id])
    members: Mapped[list[Person]] = relationship(
        secondary=plan_members, order_by="Person.date_of_birth"
    )
    agreed_members: Mapped[list[Person]] = relationship(
        secondary=plan_agreed_members, order_by="Person.date_of_birth"
    )
    consents: Mapped[list["PlanConsent"]] = relationship(
        back_populates="plan", order_by="PlanConsent.id", cascade="all, delete-orphan"
    )
    information_requests: Mapped[list["InformationRequest"]] = relationship(
        back_populates="plan", order_by="InformationRequest.id", cascade="all, delete-orphan"
    )
    goals: Mapped[list["PlanGoal"]] = relationship(
        back_populates="plan", order_by="PlanGoal.id", cascade="all, delete-orphan"
    )
    actions: Mapped[list["PlanAction"]] = relationship(
        back_populates="plan", order_by="PlanAction.id", cascade="all, delete-orphan"
    )
    evaluations: Mapped[list["PlanEvaluation"]] = relationship(
        back_populates="plan", order_by="PlanEvaluation.id", cascade="all, delete-orphan"
    )
    versions: Mapped[list["PlanVersion"]] = relationship(
        back_populates="plan", order_by="PlanVersion.number", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.Index(
            "uq_household_plans_active",
            "household_id",
            unique=True,
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        ),
        sa.CheckConstraint(
            f"agreed_how IS NULL OR agreed_how IN ({_in(AGREEMENT_WAYS)})", name="known_way"
        ),
        sa.CheckConstraint("version >= 0", name="version_not_negative"),
    )

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class PlanGoal(Base):
    """A goal on one life domain, in the household's own words, scored 1 (acute) to 5."""

    __tablename__ = "plan_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("household_plans.id", ondelete="CASCADE"), index=True
    )
    life_domain: Mapped[str] = mapped_column(sa.String(40))
    wording: Mapped[str] = mapped_column(sa.Text, info=special("gezondheid", "strafrechtelijk"))
    start_score: Mapped[int]
    target_score: Mapped[int]
    current_score: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    plan: Mapped[HouseholdPlan] = relationship(back_populates="goals")
    actions: Mapped[list["PlanAction"]] = relationship(
        back_populates="goal", order_by="PlanAction.id"
    )
    cases: Mapped[list[Case]] = relationship(secondary=plan_goal_cases, order_by="Case.id")

    __table_args__ = (
        sa.CheckConstraint(f"life_domain IN ({_in(LIFE_DOMAINS)})", name="known_domain"),
        sa.CheckConstraint(
            "start_score BETWEEN 1 AND 5 AND target_score BETWEEN 1 AND 5"
            " AND current_score BETWEEN 1 AND 5",
            name="scores_on_scale",
        ),
        sa.CheckConstraint("target_score >= start_score", name="target_not_below_start"),
    )

    @property
    def domain_label(self) -> str:
        return LIFE_DOMAINS.get(self.life_domain, self.life_domain)

    @property
    def progress(self) -> int:
        """Percentage of the way from the start score to the target score (0-100)."""
        span = self.target_score - self.start_score
        if span <= 0:
            return 100 if self.current_score >= self.target_score else 0
        done = (self.current_score - self.start_score) / span
        return max(0, min(100, round(done * 100)))


class PlanAction(Base):
    """Who does what by when, for one goal."""

    __tablename__ = "plan_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("household_plans.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int] = mapped_column(sa.ForeignKey("plan_goals.id", ondelete="CASCADE"))
    description: Mapped[str] = mapped_column(sa.Text, info=special("gezondheid"))
    owner_kind: Mapped[str] = mapped_column(sa.String(20))
    owner_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    owner_case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"))
    owner_person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"))
    partner_name: Mapped[str | None] = mapped_column(sa.String(200))
    # A registered partner organisation: its staff see and update this action while the
    # household's consent for the action's life domain runs.
    partner_organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("partner_organisations.id"), index=True
    )
    due_on: Mapped[date]
    state: Mapped[str] = mapped_column(sa.String(20), default="open")
    done_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    plan: Mapped[HouseholdPlan] = relationship(back_populates="actions")
    goal: Mapped[PlanGoal] = relationship(back_populates="actions")
    owner_user: Mapped[User | None] = relationship()
    owner_case: Mapped[Case | None] = relationship()
    owner_person: Mapped[Person | None] = relationship()
    partner_organisation: Mapped["PartnerOrganisation | None"] = relationship()
    notes: Mapped[list["PlanActionNote"]] = relationship(
        back_populates="action", order_by="PlanActionNote.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.Index("ix_plan_actions_open_due", "state", "due_on"),
        sa.CheckConstraint(f"owner_kind IN ({_in(OWNER_KINDS)})", name="known_owner_kind"),
        sa.CheckConstraint(
            "(owner_kind = 'medewerker' AND owner_user_id IS NOT NULL)"
            " OR (owner_kind = 'zaak' AND owner_case_id IS NOT NULL)"
            " OR (owner_kind = 'partner' AND partner_name IS NOT NULL)"
            " OR owner_kind = 'huishouden'",
            name="owner_named",
        ),
        sa.CheckConstraint(f"state IN ({_in(ACTION_STATES)})", name="known_state"),
        sa.CheckConstraint("state != 'klaar' OR done_on IS NOT NULL", name="done_has_date"),
    )

    @property
    def state_label(self) -> str:
        return ACTION_STATES.get(self.state, self.state)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_ACTION_STATES

    def owner_label(self) -> str:
        if self.owner_kind == "medewerker" and self.owner_user is not None:
            return self.owner_user.full_name
        if self.owner_kind == "zaak" and self.owner_case is not None:
            return self.owner_case.reference
        if self.owner_kind == "partner" and self.partner_organisation is not None:
            return self.partner_organisation.name
        if self.owner_kind == "partner" and self.partner_name:
            return self.partner_name
        if self.owner_person is not None:
            return self.owner_person.full_name
        return OWNER_KINDS["huishouden"]


class PlanEvaluation(Base):
    """An evaluation with the household: new scores per goal, what changed, what comes next."""

    __tablename__ = "plan_evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("household_plans.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date]
    what_changed: Mapped[str] = mapped_column(sa.Text, info=special("gezondheid"))
    household_view: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    decision: Mapped[str] = mapped_column(sa.String(20))
    next_evaluation_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)

    plan: Mapped[HouseholdPlan] = relationship(back_populates="evaluations")
    recorded_by: Mapped[User | None] = relationship()
    scores: Mapped[list["PlanScore"]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.CheckConstraint(f"decision IN ({_in(EVALUATION_DECISIONS)})", name="known_decision"),
        sa.CheckConstraint(
            "decision = 'afronden' OR next_evaluation_on IS NOT NULL", name="next_date_set"
        ),
        sa.CheckConstraint(
            "next_evaluation_on IS NULL OR next_evaluation_on > held_on", name="next_after_held"
        ),
    )

    @property
    def decision_label(self) -> str:
        return EVALUATION_DECISIONS.get(self.decision, self.decision)

    def score_for(self, goal_id: int) -> int | None:
        return next((s.score for s in self.scores if s.goal_id == goal_id), None)


class PlanScore(Base):
    __tablename__ = "plan_evaluation_scores"

    evaluation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("plan_evaluations.id", ondelete="CASCADE"), primary_key=True
    )
    goal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("plan_goals.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[int]

    evaluation: Mapped[PlanEvaluation] = relationship(back_populates="scores")

    __table_args__ = (sa.CheckConstraint("score BETWEEN 1 AND 5", name="score_on_scale"),)


class PlanVersion(Base):
    """The plan as it stood after one change: who changed what, and the full content then."""

    __tablename__ = "plan_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("household_plans.id", ondelete="CASCADE"))
    number: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    summary: Mapped[str] = mapped_column(sa.String(300), info=special("gezondheid"))
    snapshot: Mapped[dict[str, Any]] = mapped_column(
        sa.JSON, info=special("gezondheid", "strafrechtelijk")
    )

    plan: Mapped[HouseholdPlan] = relationship(back_populates="versions")
    author: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("plan_id", "number"),
        sa.CheckConstraint("number > 0", name="number_positive"),
    )
