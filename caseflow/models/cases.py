"""Intakes, cases, their append-only event log and notes."""

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.clients import Household, Person
from caseflow.models.organisation import Municipality, Team, User

if TYPE_CHECKING:
    from caseflow.models.deadlines import Deadline

CHANNELS = {
    "telefoon": "Telefoon",
    "balie": "Balie",
    "email": "E-mail",
    "web": "Webformulier",
    "huisarts": "Verwijzing huisarts",
    "school": "Verwijzing school",
    "buren": "Melding buren of omgeving",
    "klantcontactcentrum": "Doorverwezen door klantcontactcentrum",
}

LIFE_DOMAINS = {
    "financien": "Financiën",
    "werk_opleiding": "Werk & opleiding",
    "tijdsbesteding": "Tijdsbesteding",
    "huisvesting": "Huisvesting",
    "huiselijke_relaties": "Huiselijke relaties",
    "geestelijke_gezondheid": "Geestelijke gezondheid",
    "lichamelijke_gezondheid": "Lichamelijke gezondheid",
    "middelengebruik": "Middelengebruik",
    "basale_adl": "Basale ADL",
    "instrumentele_adl": "Instrumentele ADL",
    "sociaal_netwerk": "Sociaal netwerk",
    "maatschappelijke_participatie": "Maatschappelijke participatie",
    "justitie": "Justitie",
}


class Intake(Base):
    """What the client told the front door, recorded once and shown in every case it leads to."""

    __tablename__ = "intakes"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(sa.ForeignKey("households.id"))
    channel: Mapped[str] = mapped_column(sa.String(30))
    contact_name: Mapped[str | None] = mapped_column(sa.String(200))
    question: Mapped[str] = mapped_column(sa.Text, info=special("gezondheid"))
    underlying_question: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    # Scores on health, addiction and justice among the 13 life domains.
    domain_scores: Mapped[dict[str, int]] = mapped_column(
        sa.JSON, default=dict, info=special("gezondheid", "strafrechtelijk")
    )
    urgent: Mapped[bool] = mapped_column(default=False)
    safety_concern: Mapped[bool] = mapped_column(default=False)
    received_at: Mapped[datetime] = mapped_column(default=clock.now)
    # The day a channel acting for the college (the municipal call centre, say) already had the
    # question, when that was before the front door recorded it: the melding counts from then.
    reported_on: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    municipality: Mapped[Municipality] = relationship()
    person: Mapped[Person | None] = relationship()
    household: Mapped[Household | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(
            "channel IN (" + ", ".join(f"'{c}'" for c in CHANNELS) + ")", name="known_channel"
        ),
    )


def new_uuid() -> str:
    return str(uuid.uuid4())


class Case(Base):
    """A zaak: one run of one workflow for one client (or household) in one municipality."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The case's name for other systems (the Zaken API): stable, and telling nothing of order.
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True, default=new_uuid)
    case_type: Mapped[str] = mapped_column(sa.String(60))
    state: Mapped[str] = mapped_column(sa.String(60))
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(sa.ForeignKey("households.id"), index=True)
    intake_id: Mapped[int | None] = mapped_column(sa.ForeignKey("intakes.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    opened_at: Mapped[datetime]
    # The melding: the day the need first reached the college and where (e.g. "bij de
    # centrale toegang"), set when the case is opened from an intake or as a follow-up. Terms
    # with `starts: {from: melding}` count from it; empty for a case opened directly.
    melding_date: Mapped[date | None]
    melding_via: Mapped[str | None] = mapped_column(sa.String(200))
    closed_at: Mapped[datetime | None]
    result: Mapped[str | None] = mapped_column(sa.String(60))
    state_entered_at: Mapped[datetime]
    last_event_at: Mapped[datetime]
    # Set when the retention period passed and the personal data was removed (caseflow.destruction).
    destroyed_at: Mapped[datetime | None]
    # The checksum of the workflow file the case started under (Workflow.version); empty for
    # cases opened before definitions were versioned.
    definition_version: Mapped[str | None] = mapped_column(sa.String(16))
    # The first day the closed file may be destroyed, stored when it closes (and when the last
    # provision or benefit it granted ends), so a later change of a workflow's retention does not
    # reclassify files already closed. Empty while a granted provision or benefit still runs.
    destroy_from: Mapped[date | None] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(default=1)

    municipality: Mapped[Municipality] = relationship()
    team: Mapped[Team | None] = relationship()
    assignee: Mapped[User | None] = relationship()
    person: Mapped[Person | None] = relationship()
    household: Mapped[Household | None] = relationship()
    intake: Mapped[Intake | None] = relationship()
    parent: Mapped["Case | None"] = relationship(remote_side=[id], viewonly=True)
    events: Mapped[list["CaseEvent"]] = relationship(
        back_populates="case", order_by="CaseEvent.id", passive_deletes=True
    )
    deadlines: Mapped[list["Deadline"]] = relationship(
        back_populates="case", order_by="Deadline.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("closed_at IS NULL OR closed_at >= opened_at", name="closed_after_open"),
        sa.CheckConstraint("result IS NULL OR closed_at IS NOT NULL", name="result_only_closed"),
        sa.CheckConstraint(
            "destroyed_at IS NULL OR closed_at IS NOT NULL", name="destroyed_only_closed"
        ),
        sa.Index("ix_cases_assignee_open", "assignee_id", "closed_at"),
        sa.Index("ix_cases_team_open", "team_id", "closed_at"),
        sa.Index("ix_cases_team_opened", "team_id", "opened_at"),
        # A team's open cases alone: small enough that the planner reads a team's worklist
        # from it instead of combining indexes over the team's whole history.
        sa.Index(
            "ix_cases_open_team",
            "team_id",
            "municipality_id",
            sqlite_where=sa.text("closed_at IS NULL"),
            postgresql_where=sa.text("closed_at IS NULL"),
        ),
        sa.Index("ix_cases_municipality_type", "municipality_id", "case_type", "state"),
        # Reports over whole municipalities: the open cases, those opened or closed in a period.
        sa.Index("ix_cases_municipality_closed", "municipality_id", "closed_at"),
        sa.Index("ix_cases_municipality_opened", "municipality_id", "opened_at"),
        # The registers count through their cases: with the columns their reports read, the
        # cases of a region join from this index alone instead of from the table's pages.
        sa.Index(
            "ix_cases_municipality_cover",
            "municipality_id",
            "id",
            postgresql_include=["case_type", "team_id"],
        ),
        # What an application of the Zaken API may see (its municipalities and case types, never
        # a destroyed case), open or all: its lists count from this index alone.
        sa.Index(
            "ix_cases_live_reach",
            "municipality_id",
            "case_type",
            "closed_at",
            sqlite_where=sa.text("destroyed_at IS NULL"),
            postgresql_where=sa.text("destroyed_at IS NULL"),
        ),
        # Its list of open cases in order: the open cases are the recent ones, at the far end
        # of the primary key, so a page of them is read from their own index.
        sa.Index(
            "ix_cases_open_live",
            "id",
            sqlite_where=sa.text("closed_at IS NULL AND destroyed_at IS NULL"),
            postgresql_where=sa.text("closed_at IS NULL AND destroyed_at IS NULL"),
            postgresql_include=["municipality_id", "case_type"],
        ),
    )

    @property
    def reference(self) -> str:
        return f"Z-{clock.to_local(self.opened_at).year}-{self.id:06d}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_destroyed(self) -> bool:
        return self.destroyed_at is not None


class CaseEvent(Base):
    """One step in a case's life. Rows are only ever added."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A status or result of the case in the Zaken API is named by the event that set it.
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True, default=new_uuid)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"))
    trigger: Mapped[str] = mapped_column(sa.String(60))
    from_state: Mapped[str | None] = mapped_column(sa.String(60))
    to_state: Mapped[str] = mapped_column(sa.String(60))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    occurred_at: Mapped[datetime]
    # Seconds since the previous event: the time this case spent in from_state in that stretch.
    seconds_in_previous_state: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))
    # Cleaned trigger data (verslag, motivering, ...); destruction keeps only REPORTED_EVENT_KEYS.
    data: Mapped[dict[str, Any]] = mapped_column(
        sa.JSON, default=dict, info=special("gezondheid", "strafrechtelijk")
    )

    case: Mapped[Case] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.Index("ix_case_events_case_time", "case_id", "occurred_at"),
        sa.CheckConstraint("seconds_in_previous_state >= 0", name="seconds_not_negative"),
    )


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    text: Mapped[str] = mapped_column(sa.Text, info=special("gezondheid", "strafrechtelijk"))

    author: Mapped[User | None] = relationship()


class AppendOnlyError(RuntimeError):
    pass


@event.listens_for(CaseEvent, "before_update")
@event.listens_for(CaseEvent, "before_delete")
def _refuse_event_changes(mapper: Mapper[Any], connection: Any, target: CaseEvent) -> None:
    raise AppendOnlyError("case events are append-only")
