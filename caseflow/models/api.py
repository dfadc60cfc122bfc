"""Applications that read and update cases through the Zaken API, each with its own reach."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base
from caseflow.models.organisation import Municipality, User

API_SCOPES = {
    "read": "Zaken, statussen, resultaten en rollen lezen",
    "write": "Statussen zetten (door de workflow-engine)",
}

api_application_municipalities = sa.Table(
    "api_application_municipalities",
    Base.metadata,
    sa.Column(
        "application_id",
        sa.ForeignKey("api_applications.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("municipality_id", sa.ForeignKey("municipalities.id"), primary_key=True),
)


class ApiApplication(Base):
    """A system (KCC, citizen portal, DMS) with a client id and secret for ZGW-style JWTs.

    It sees only cases of its municipalities and case types. Status changes are made on behalf
    of its caseflow account, whose roles the engine checks like anyone else's.
    """

    __tablename__ = "api_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(sa.String(100), unique=True)
    label: Mapped[str] = mapped_column(sa.String(200))
    # HS256 needs the shared secret itself to check a signature, so it cannot be hashed.
    secret: Mapped[str] = mapped_column(sa.String(200))
    scopes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    case_types: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    municipalities: Mapped[list[Municipality]] = relationship(
        secondary=api_application_municipalities
    )
    user: Mapped[User | None] = relationship()

    def allows(self, scope: str) -> bool:
        return scope in self.scopes
