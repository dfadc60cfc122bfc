"""The registers behind bezwaar, beroep and klachten: what a case of those types is about.

A bezwaar case contests one decision of another case; a beroep contests the decision on a
bezwaar; a klacht concerns the conduct of a team. The link and the dates the law counts from
live here, one row per case, so reports can count objections per contested domain and the scope
can give a jurist the decision an objection contests. The case itself moves only through the
engine; these rows are written by the services that open those cases, in the same transaction.
"""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow.models.base import Base, special
from caseflow.models.cases import Case, CaseEvent
from caseflow.models.organisation import Team

COMPLAINT_CHANNELS = {
    "brief": "Brief van de inwoner",
    "email": "E-mail",
    "telefoon": "Telefoon",
    "balie": "Aan de balie",
    "medewerker": "Gemeld door een medewerker",
}

APPEAL_LEVELS = {"beroep": "Beroep bij de rechtbank", "hoger_beroep": "Hoger beroep bij de CRvB"}


class Objection(Base):
    """A bezwaarschrift: which decision it contests, and whether it came in on time (6:7-6:11)."""

    __tablename__ = "objections"

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    contested_case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    # The decision's own event: a case can hold more than one decision (schuldhulp).
    contested_event_id: Mapped[int] = mapped_column(sa.ForeignKey("case_events.id"))
    made_known_on: Mapped[date]
    received_on: Mapped[date]
    # The postmark, when it came by post (Awb 6:9 lid 2).
    posted_on: Mapped[date | None]
    lodging_ends_on: Mapped[date]
    in_time: Mapped[bool]
    # Late, but not to blame on the objector (Awb 6:11): still admissible.
    excused: Mapped[bool] = mapped_column(default=False)
    # Why the lateness is excusable, often illness or admission to hospital.
    excuse: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))

    case: Mapped[Case] = relationship(foreign_keys=[case_id])
    contested_case: Mapped[Case] = relationship(foreign_keys=[contested_case_id])
    contested_event: Mapped[CaseEvent] = relationship()

    __table_args__ = (
        sa.CheckConstraint("NOT (in_time AND excused)", name="excused_only_late"),
        sa.CheckConstraint("case_id != contested_case_id", name="not_against_itself"),
    )

    @property
    def admissible_by_term(self) -> bool:
        return self.in_time or self.excused


class Complaint(Base):
    """A klacht about the conduct of the organisation (Awb 9:1): about a team, never a name."""

    __tablename__ = "complaints"

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"), index=True)
    # The case the conduct happened in, when there is one.
    about_case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    received_on: Mapped[date]
    channel: Mapped[str] = mapped_column(sa.String(20))

    case: Mapped[Case] = relationship(foreign_keys=[case_id])
    team: Mapped[Team] = relationship()
    about_case: Mapped[Case | None] = relationship(foreign_keys=[about_case_id])

    __table_args__ = (
        sa.CheckConstraint(
            "channel IN (" + ", ".join(f"'{c}'" for c in COMPLAINT_CHANNELS) + ")",
            name="known_channel",
        ),
    )


class Appeal(Base):
    """A beroep against a decision on bezwaar, or a hoger beroep against a court's ruling."""

    __tablename__ = "appeals"

    case_id: Mapped[int] = mapped_column(
        sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    # The bezwaar case (beroep) or the beroep case (hoger beroep) whose outcome is contested.
    contested_case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    level: Mapped[str] = mapped_column(sa.String(20))
    court: Mapped[str] = mapped_column(sa.String(200))
    filed_on: Mapped[date]

    case: Mapped[Case] = relationship(foreign_keys=[case_id])
    contested_case: Mapped[Case] = relationship(foreign_keys=[contested_case_id])

    __table_args__ = (
        sa.CheckConstraint(
            "level IN (" + ", ".join(f"'{c}'" for c in APPEAL_LEVELS) + ")", name="known_level"
        ),
    )
