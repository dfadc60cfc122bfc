"""Reminders about household plans: evaluations coming up or missed, and overdue actions."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base
from caseflow.models.plans import HouseholdPlan, PlanAction


class PlanReminderKind(StrEnum):
    EVALUATION_SOON = "evaluation_soon"
    EVALUATION_MISSED = "evaluation_missed"
    ACTION_OVERDUE = "action_overdue"

    @property
    def label(self) -> str:
        return PLAN_REMINDER_LABELS[self]


PLAN_REMINDER_LABELS = {
    PlanReminderKind.EVALUATION_SOON: "Evaluatie van het gezinsplan komt eraan",
    PlanReminderKind.EVALUATION_MISSED: "Evaluatiedatum van het gezinsplan is verstreken",
    PlanReminderKind.ACTION_OVERDUE: "Actie uit het gezinsplan is over tijd",
}
PLAN_LEVEL = "action_id IS NULL"
ACTION_LEVEL = "action_id IS NOT NULL"


class PlanReminder(Base):
    """A reminder about one date of one active household plan (or one of its actions).

    It goes to the household's active director (user_id) with the director's team; without a
    director it goes to nobody in particular (user_id and team_id null). The due date is part of
    what makes a reminder unique, so a moved date reminds again while a rerun adds nothing.
    NULL never collides in a unique constraint, so plan-level reminders (no action) and action
    reminders each have their own partial unique index, on SQLite and PostgreSQL alike.
    """

    __tablename__ = "plan_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    plan_id: Mapped[int] = mapped_column(
        sa.ForeignKey("household_plans.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("plan_actions.id", ondelete="CASCADE")
    )
    due_date: Mapped[date]
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    read_at: Mapped[datetime | None]
    read_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    plan: Mapped[HouseholdPlan] = relationship()
    action: Mapped[PlanAction | None] = relationship()

    __table_args__ = (
        sa.Index(
            "uq_plan_reminders_plan",
            "plan_id",
            "kind",
            "due_date",
            unique=True,
            sqlite_where=sa.text(PLAN_LEVEL),
            postgresql_where=sa.text(PLAN_LEVEL),
        ),
        sa.Index(
            "uq_plan_reminders_action",
            "plan_id",
            "action_id",
            "kind",
            "due_date",
            unique=True,
            sqlite_where=sa.text(ACTION_LEVEL),
            postgresql_where=sa.text(ACTION_LEVEL),
        ),
        sa.Index("ix_plan_reminders_user_unread", "user_id", "read_at"),
        sa.Index("ix_plan_reminders_team_unread", "team_id", "read_at"),
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k.value}'" for k in PlanReminderKind) + ")",
            name="known_kind",
        ),
        sa.CheckConstraint(
            "(kind = 'action_overdue') = (action_id IS NOT NULL)", name="action_iff_action_kind"
        ),
    )

    @property
    def reminder_kind(self) -> PlanReminderKind:
        return PlanReminderKind(self.kind)
