"""The client's network: a mantelzorger, a legal representative (curator, bewindvoerder, mentor)
and the professionals involved, each with contact details and the period they are involved."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.clients import Person
from caseflow.models.organisation import User

NETWORK_KINDS = {
    "mantelzorger": "Mantelzorger",
    "curator": "Wettelijk vertegenwoordiger: curator",
    "bewindvoerder": "Wettelijk vertegenwoordiger: beschermingsbewindvoerder",
    "mentor": "Wettelijk vertegenwoordiger: mentor",
    "professional": "Betrokken professional",
}
LEGAL_REPRESENTATIVES = ("curator", "bewindvoerder", "mentor")


class NetworkRelation(Base):
    """Someone around the client, from a day until a day."""

    __tablename__ = "network_relations"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    name: Mapped[str] = mapped_column(sa.String(200))
    # A professional's organisation and role can tell what care the client gets.
    organisation: Mapped[str | None] = mapped_column(
        sa.String(200), info=special("gezondheid", "strafrechtelijk")
    )
    role: Mapped[str | None] = mapped_column(
        sa.String(200), info=special("gezondheid", "strafrechtelijk")
    )
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    email: Mapped[str | None] = mapped_column(sa.String(200))
    started_on: Mapped[date]
    ended_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)

    person: Mapped[Person] = relationship()
    recorded_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in NETWORK_KINDS) + ")", name="known_kind"
        ),
        sa.CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="ends_after_start"),
    )

    @property
    def kind_label(self) -> str:
        return NETWORK_KINDS.get(self.kind, self.kind)

    def involved_on(self, day: date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day <= self.ended_on)
