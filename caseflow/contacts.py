"""Contact moments: a call, a home visit, a letter, an e-mail or a meeting with or about a client,
recorded with a short summary so the team can follow the household between the big steps; and
the client's timeline, which puts them next to the intakes.

What was said is shown on a need-to-know basis (caseflow.scope.contacts): others who may open
the dossier see that there was contact, how and when.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from caseflow import clock
from caseflow.access_log import record
from caseflow.extensions import db
from caseflow.models import CHANNELS, CONTACT_KINDS, Case, ContactMoment, Intake, Person, User
from caseflow.permissions import RECORD_CONTACTS
from caseflow.scope import intake_text_scope
from caseflow.scope.contacts import contact_text_scope
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.errors import InvalidData, NotAuthorised

SUMMARY_LENGTH = 2000


@dataclass(frozen=True)
class TimelineEntry:
    """One contact in the client's timeline: an intake or another contact moment."""

    moment: datetime
    kind: str
    text: str | None  # None: the user may know there was contact, not what was said
    case: Case | None
    by: str


def record_contact(
    person: Person,
    actor: User,
    *,
    kind: str,
    occurred_at: datetime | None,
    summary: str,
    case: Case | None = None,
    origin: str | None = None,
) -> ContactMoment:
    if not actor.may(RECORD_CONTACTS) or not actor.serves(person.municipality_id):
        raise NotAuthorised("U kunt voor deze inwoner geen contactmoment vastleggen.")
    errors: dict[str, str] = {}
    if kind not in CONTACT_KINDS:
        errors["kind"] = "Kies wat voor contact het was."
    if occurred_at is None:
        errors["occurred_on"] = "Vul de datum van het contact in."
    elif occurred_at > clock.now():
        errors["occurred_on"] = "Het contact kan niet in de toekomst liggen."
    text = summary.strip()
    if not text:
        errors["summary"] = "Vat kort samen waar het contact over ging."
    elif len(text) > SUMMARY_LENGTH:
        errors["summary"] = f"Houd de samenvatting kort: hoogstens {SUMMARY_LENGTH} tekens."
    if case is not None and case.is_destroyed:
        errors["summary"] = "Deze zaak is vernietigd; er kan niets meer bij."
    if errors:
        raise InvalidData(errors)
    assert occurred_at is not None
    with all_or_nothing():
        moment = ContactMoment(
            person=person,
            case=case,
            kind=kind,
            occurred_at=occurred_at,
            summary=text,
            recorded_by_id=actor.id,
            recorded_at=clock.now(),
        )
        db.session.add(moment)
        record(
            actor,
            "change",
            "contactmoment vastleggen",
            person_id=person.id,
            case_id=case.id if case else None,
            origin=origin,
        )
    return moment


def timeline(person: Person, viewer: User) -> list[TimelineEntry]:
    """The client's intakes and contact moments, newest first, each with its words only for
    those who need them."""
    intakes = db.session.execute(
        sa.select(Intake, intake_text_scope(viewer).label("shown")).where(
            Intake.person_id == person.id
        )
    ).all()
    moments = db.session.execute(
        sa.select(ContactMoment, contact_text_scope(viewer).label("shown")).where(
            ContactMoment.person_id == person.id
        )
    ).all()
    entries = [
        TimelineEntry(
            moment=intake.received_at,
            kind=f"Hulpvraag ({CHANNELS.get(intake.channel, intake.channel).lower()})",
            text=intake.question if shown else None,
            case=None,
            by="",
        )
        for intake, shown in intakes
    ] + [
        TimelineEntry(
            moment=moment.occurred_at,
            kind=moment.kind_label,
            text=moment.summary if shown else None,
            case=moment.case,
            by=moment.recorded_by.full_name if moment.recorded_by else "",
        )
        for moment, shown in moments
    ]
    return sorted(entries, key=lambda e: e.moment, reverse=True)


def contacts_of_case(case: Case) -> list[ContactMoment]:
    """The contact moments about one case (shown on the case page, whose viewers see the case)."""
    return list(
        db.session.scalars(
            sa.select(ContactMoment)
            .where(ContactMoment.case_id == case.id)
            .order_by(ContactMoment.occurred_at.desc())
        )
    )
