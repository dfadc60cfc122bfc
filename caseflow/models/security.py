"""Login throttling and the registration of aggression incidents."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.clients import Person
from caseflow.models.organisation import User


class LoginThrottle(Base):
    """Failed logins per user name, whether or not that user exists (so nothing is given away)."""

    __tablename__ = "login_throttle"

    username: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime | None]
    locked_until: Mapped[datetime | None]


INCIDENT_KINDS = {
    "verbaal": "Verbale agressie (schelden, dreigen)",
    "fysiek": "Fysieke agressie",
    "intimidatie": "Intimidatie of stalking",
    "zaakschade": "Vernieling of schade",
}


class Incident(Base):
    """Standard registration of aggression against staff; it puts a safety flag on the client."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    reported_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    occurred_at: Mapped[datetime]
    reported_at: Mapped[datetime] = mapped_column(default=clock.now)
    kind: Mapped[str] = mapped_column(sa.String(20))
    description: Mapped[str] = mapped_column(sa.Text, info=special("strafrechtelijk"))

    person: Mapped[Person] = relationship()
    reported_by: Mapped[User] = relationship()

    __table_args__ = (
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in INCIDENT_KINDS) + ")", name="known_kind"
        ),
    )
