"""The safety flag on a client: set by an aggression incident, reviewed, and not kept forever.

A flag warns every colleague before they meet the client, and it also marks the client. So it
carries a review date a year after the incident; a team manager renews it when the risk is still
there, and the daily job ends a flag whose date has passed. Team managers see, among their
signals, the flags of clients they may see that are due for review in the next two weeks.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

import sqlalchemy as sa

from caseflow import clock
from caseflow.access_log import record
from caseflow.extensions import db
from caseflow.models import Person, User
from caseflow.permissions import LEAD_TEAMS
from caseflow.scope import person_scope
from caseflow.unit_of_work import unit_of_work
from caseflow.workflow.errors import NotAuthorised, TriggerNotAllowed

REVIEW_AFTER = timedelta(days=365)
NOTICE = timedelta(days=14)


def set_flag(person: Person) -> None:
    """An incident: the flag is on, to be reviewed a year from today."""
    person.safety_flag = True
    person.safety_flag_review_on = clock.today() + REVIEW_AFTER


def renew(person: Person, actor: User, origin: str | None = None) -> date:
    """The team manager keeps the flag for another year; logged as a change of the person."""
    if not actor.may(LEAD_TEAMS) or not actor.serves(person.municipality_id):
        raise NotAuthorised("Alleen een teammanager van deze gemeente verlengt de markering.")
    if not person.safety_flag:
        raise TriggerNotAllowed("Deze inwoner heeft geen veiligheidsmarkering om te verlengen.")
    set_flag(person)
    record(actor, "change", "veiligheidsmarkering verlengd", person_id=person.id, origin=origin)
    db.session.flush()
    review_on = person.safety_flag_review_on
    assert review_on is not None
    return review_on


def expire_flags(today: date | None = None) -> str:
    """Daily: end the flags whose review date has passed; date the ones that had none."""
    today = today or clock.today()
    flagged = Person.safety_flag.is_(True)
    with unit_of_work():
        dated = _count(
            sa.update(Person)
            .where(flagged, Person.safety_flag_review_on.is_(None))
            .values(safety_flag_review_on=today + REVIEW_AFTER)
        )
        ended = _count(
            sa.update(Person)
            .where(flagged, Person.safety_flag_review_on < today)
            .values(safety_flag=False, safety_flag_review_on=None)
        )
    return f"veiligheidsmarkeringen: {ended} beëindigd, {dated} kregen een herziendatum"


def _count(statement: sa.Update) -> int:
    result = cast(sa.CursorResult[Any], db.session.execute(statement))
    return int(result.rowcount)


@dataclass(frozen=True)
class FlagToReview:
    person: Person
    review_on: date


def flags_to_review(user: User, today: date | None = None) -> list[FlagToReview]:
    """For a team manager: flags of clients they may see that end within two weeks."""
    if not user.may(LEAD_TEAMS):
        return []
    today = today or clock.today()
    rows = db.session.scalars(
        sa.select(Person)
        .where(
            Person.safety_flag.is_(True),
            person_scope(user),
            Person.safety_flag_review_on <= today + NOTICE,
        )
        .order_by(Person.safety_flag_review_on, Person.id)
        .limit(100)
    )
    return [FlagToReview(p, p.safety_flag_review_on) for p in rows if p.safety_flag_review_on]
