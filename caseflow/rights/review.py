"""The yearly review of rights (jaarlijkse herziening van rechten), per municipality.

Every active account of the municipality with its roles, municipalities, teams, last login, last
change of rights and the review of the year; attention flags point the beheerder at what to look
at. The beheerder records the review per user; it lands in the rights log like any change.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Municipality, RightsChange, Role, User
from caseflow.permissions import ADMINISTER
from caseflow.rights.accounts import authorise, in_scope
from caseflow.rights.log import record_change
from caseflow.security.exports import neutralise
from caseflow.workflow.errors import InvalidData

IDLE_DAYS = 90
OUTCOMES = {"akkoord": "akkoord", "aangepast": "aangepast"}
# Rows that change rights (not reviews, not refused attempts, not mere views).
CHANGES = (
    "account_aangemaakt",
    "rol_toegekend",
    "rol_ingetrokken",
    "gemeente_toegevoegd",
    "gemeente_verwijderd",
    "team_toegevoegd",
    "team_verwijderd",
    "geactiveerd",
    "gedeactiveerd",
)
FLAG_IDLE = f"niet ingelogd in {IDLE_DAYS} dagen"
FLAG_NEVER = "nog nooit ingelogd"
FLAG_ALONE = "beheerder zonder tweede beheerder"
FLAG_NOT_REVIEWED = "rechten niet herzien dit jaar"
FLAG_PASSWORD = "tijdelijk wachtwoord nog niet gewijzigd"


@dataclass
class ReviewRow:
    user: User
    last_change_at: datetime | None
    review: RightsChange | None
    flags: list[str] = field(default_factory=list)

    @property
    def roles(self) -> list[str]:
        return [Role(r).label for r in sorted(self.user.roles)]

    @property
    def municipalities(self) -> list[str]:
        return sorted(m.name for m in self.user.municipalities)

    @property
    def teams(self) -> list[str]:
        return sorted(t.name for t in self.user.teams)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The calendar year in Dutch time, as UTC moments [start, end)."""
    start = datetime(year, 1, 1, tzinfo=clock.LOCAL_TZ).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=clock.LOCAL_TZ).astimezone(UTC)
    return start, end


def review_rows(municipality: Municipality, year: int) -> list[ReviewRow]:
    users = list(
        db.session.scalars(
            sa.select(User)
            .where(User.active.is_(True), User.municipalities.any(id=municipality.id))
            .options(
                selectinload(User.role_rows),
                selectinload(User.municipalities),
                selectinload(User.teams),
            )
            .order_by(User.full_name)
        )
    )
    ids = [u.id for u in users]
    last_change = dict(
        db.session.execute(
            sa.select(RightsChange.user_id, sa.func.max(RightsChange.occurred_at))
            .where(
                RightsChange.user_id.in_(ids),
                RightsChange.result == "ok",
                RightsChange.action.in_(CHANGES),
            )
            .group_by(RightsChange.user_id)
        ).all()
    )
    start, end = year_bounds(year)
    reviews: dict[int | None, RightsChange] = {}
    for review in db.session.scalars(
        sa.select(RightsChange)
        .where(
            RightsChange.user_id.in_(ids),
            RightsChange.result == "ok",
            RightsChange.action == "rechten_herzien",
            RightsChange.occurred_at >= start,
            RightsChange.occurred_at < end,
        )
        .options(selectinload(RightsChange.actor))
        .order_by(RightsChange.occurred_at)
    ):
        reviews[review.user_id] = review  # the latest review of the year wins
    administrators = [u for u in users if u.may(ADMINISTER)]
    idle_since = clock.now() - timedelta(days=IDLE_DAYS)
    rows = []
    for user in users:
        row = ReviewRow(user, last_change.get(user.id), reviews.get(user.id))
        if user.last_login_at is None:
            row.flags.append(FLAG_NEVER)
        elif user.last_login_at < idle_since:
            row.flags.append(FLAG_IDLE)
        if user.may(ADMINISTER) and len(administrators) < 2:
            row.flags.append(FLAG_ALONE)
        if row.review is None:
            row.flags.append(FLAG_NOT_REVIEWED)
        if user.must_change_password:
            row.flags.append(FLAG_PASSWORD)
        rows.append(row)
    return rows


def record_review(
    actor: User, subject: User, outcome: str, note: str, origin: str | None
) -> RightsChange:
    """The beheerder looked at the user's rights this year: "akkoord", or "aangepast" after
    changing them. Nobody reviews their own rights."""
    authorise(actor, subject, "rechten_herzien", "", origin)
    if outcome not in OUTCOMES:
        raise InvalidData({"outcome": "Kies akkoord of aangepast."})
    detail = OUTCOMES[outcome] + (f": {note.strip()}" if note.strip() else "")
    return record_change(actor, subject, "rechten_herzien", detail, origin=origin)


def may_review(actor: User, subject: User) -> bool:
    return subject.id != actor.id and in_scope(actor, subject)


HEADER = [
    "gemeente",
    "gebruikersnaam",
    "naam",
    "rollen",
    "gemeenten",
    "teams",
    "laatste_login",
    "laatste_rechtenwijziging",
    "herzien_op",
    "herzien_door",
    "herziening",
    "aandacht",
]


def _cell(value: str) -> str:
    return str(neutralise(value))


def _moment(value: datetime | None) -> str:
    return clock.to_local(value).strftime("%Y-%m-%d %H:%M") if value else ""


def to_csv(reports: list[tuple[Municipality, list[ReviewRow]]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for municipality, rows in reports:
        for row in rows:
            review = row.review
            writer.writerow(
                [
                    _cell(value)
                    for value in (
                        municipality.name,
                        row.user.username,
                        row.user.full_name,
                        "; ".join(row.roles),
                        "; ".join(row.municipalities),
                        "; ".join(row.teams),
                        _moment(row.user.last_login_at),
                        _moment(row.last_change_at),
                        _moment(review.occurred_at) if review else "",
                        review.actor.full_name if review and review.actor else "",
                        review.detail if review else "",
                        "; ".join(row.flags),
                    )
                ]
            )
    return out.getvalue()
