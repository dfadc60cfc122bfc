"""Contact moments other than the intake: a call, a home visit, a letter, an e-mail, a meeting,
on the client and, when it was about one, on a case; shown in the dossier next to the intakes."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base, special
from caseflow.models.cases import Case
from caseflow.models.clients import Person
from caseflow.models.organisation import User

CONTACT_KINDS = {
    "telefoon": "Telefoongesprek",
    "huisbezoek": "Huisbezoek",
    "brief": "Brief",
    "email": "E-mail",
    "overleg": "Overleg",
}


class ContactMoment(Base):
    """One contact with or about the client, with a short summary."""

    __tablename__ = "contact_moments"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"))
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    occurred_at: Mapped[datetime]
    summary: Mapped[str] = mapped_column(sa.Text, info=special("gezondheid", "strafrechtelijk"))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)

    person: Mapped[Person] = relationship()
    case: Mapped[Case | None] = relationship()
    recorded_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in CONTACT_KINDS) + ")", name="known_kind"
        ),
        sa.Index("ix_contact_moments_person_time", "person_id", "occurred_at"),
    )

    @property
    def kind_label(self) -> str:
        return CONTACT_KINDS.get(self.kind, self.kind)
