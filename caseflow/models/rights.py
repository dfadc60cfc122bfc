"""The rights log: every change to who may do what, and every refused attempt at one."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseflow import clock
from caseflow.models.base import Base
from caseflow.models.organisation import User

RIGHTS_ACTIONS = {
    "account_aangemaakt": "Account aangemaakt",
    "rol_toegekend": "Rol toegekend",
    "rol_ingetrokken": "Rol ingetrokken",
    "gemeente_toegevoegd": "Gemeente toegevoegd",
    "gemeente_verwijderd": "Gemeente verwijderd",
    "team_toegevoegd": "Team toegevoegd",
    "team_verwijderd": "Team verwijderd",
    "geactiveerd": "Account geactiveerd",
    "gedeactiveerd": "Account gedeactiveerd",
    "wachtwoord_reset": "Wachtwoord opnieuw ingesteld door beheerder",
    "wachtwoord_gewijzigd": "Wachtwoord gewijzigd door gebruiker",
    "rechten_herzien": "Rechten herzien",
    "inzien": "Gebruikersgegevens inzien",
    "aanmelden_sso": "Inloggen via single sign-on",
}
RIGHTS_RESULTS = ("ok", "geweigerd")


class RightsChange(Base):
    """One append-only, hash-chained line: actor, subject, action, detail, result, origin, time."""

    __tablename__ = "rights_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=clock.now)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(sa.String(30))
    # What changed, in words: a role, a municipality, a team, "oud → nieuw", a review outcome.
    detail: Mapped[str] = mapped_column(sa.String(500), default="")
    result: Mapped[str] = mapped_column(sa.String(20))
    origin: Mapped[str | None] = mapped_column(sa.String(100))
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    row_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])

    __table_args__ = (
        sa.CheckConstraint(
            "action IN (" + ", ".join(f"'{a}'" for a in RIGHTS_ACTIONS) + ")", name="known_action"
        ),
        sa.CheckConstraint(
            "result IN (" + ", ".join(f"'{r}'" for r in RIGHTS_RESULTS) + ")", name="known_result"
        ),
        sa.Index("ix_rights_changes_user_time", "user_id", "occurred_at"),
    )

    @property
    def action_label(self) -> str:
        return RIGHTS_ACTIONS.get(self.action, self.action)
