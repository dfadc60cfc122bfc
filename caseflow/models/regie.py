"""Regie in the integral area team: the household's one director and the casusoverleg."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.cases import Case
from caseflow.models.clients import Household
from caseflow.models.organisation import Team, User

ACTIVE = "ended_at IS NULL"


class HouseholdDirector(Base):
    """One stretch of regie: who directed a household, from when, until when and why it ended.

    At most one row per household is active (not ended); the database refuses a second one.
    """

    __tablename__ = "household_directors"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(sa.ForeignKey("households.id"), index=True)
    director_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    started_at: Mapped[datetime] = mapped_column(default=clock.now)
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    start_reason: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    ended_at: Mapped[datetime | None]
    ended_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    end_reason: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))

    household: Mapped[Household] = relationship()
    director: Mapped[User] = relationship(foreign_keys=[director_id])
    team: Mapped[Team | None] = relationship()
    started_by: Mapped[User | None] = relationship(foreign_keys=[started_by_id])
    ended_by: Mapped[User | None] = relationship(foreign_keys=[ended_by_id])

    __table_args__ = (
        sa.Index(
            "uq_household_directors_active",
            "household_id",
            unique=True,
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        ),
        sa.CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="ends_after_start"),
        sa.CheckConstraint("ended_at IS NULL OR end_reason IS NOT NULL", name="end_has_reason"),
    )

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class Decision(StrEnum):
    OPPAKKEN = "oppakken"
    TERUGSTUREN = "terugsturen"
    AANHOUDEN = "aanhouden"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]


DECISION_LABELS = {
    Decision.OPPAKKEN: "Oppakken: het gebiedsteam neemt de regie, met één regisseur",
    Decision.TERUGSTUREN: "Terugsturen: de vraag is enkelvoudig, naar één domein",
    Decision.AANHOUDEN: "Aanhouden: nog niet besloten, volgende keer opnieuw bespreken",
}

team_meeting_attendees = sa.Table(
    "team_meeting_attendees",
    Base.metadata,
    sa.Column(
        "meeting_id", sa.ForeignKey("team_meetings.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("user_id", sa.ForeignKey("users.id"), primary_key=True),
)


class TeamMeeting(Base):
    """A casusoverleg of one area team on one day: who was there, and the cases it discussed."""

    __tablename__ = "team_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"))
    held_on: Mapped[date]
    other_attendees: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    team: Mapped[Team] = relationship()
    attendees: Mapped[list[User]] = relationship(
        secondary=team_meeting_attendees, order_by="User.full_name"
    )
    decisions: Mapped[list["MeetingDecision"]] = relationship(
        back_populates="meeting", order_by="MeetingDecision.id", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.UniqueConstraint("team_id", "held_on"),)


class MeetingDecision(Base):
    """What the casusoverleg decided about one registration."""

    __tablename__ = "team_meeting_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("team_meetings.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    decision: Mapped[str] = mapped_column(sa.String(20))
    notes: Mapped[str] = mapped_column(sa.Text, info=special("gezondheid", "strafrechtelijk"))
    director_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    domain: Mapped[str | None] = mapped_column(sa.String(40))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)

    meeting: Mapped[TeamMeeting] = relationship(back_populates="decisions")
    case: Mapped[Case] = relationship()
    director: Mapped[User | None] = relationship(foreign_keys=[director_id])

    __table_args__ = (
        sa.CheckConstraint(
            "decision IN (" + ", ".join(f"'{d.value}'" for d in Decision) + ")",
            name="known_decision",
        ),
        sa.CheckConstraint(
            "decision != 'oppakken' OR director_id IS NOT NULL", name="taken_on_has_director"
        ),
        sa.CheckConstraint(
            "decision != 'terugsturen' OR domain IS NOT NULL", name="sent_to_domain"
        ),
    )

    @property
    def decision_label(self) -> str:
        return Decision(self.decision).label
