"""Registering aggression against staff, which puts a safety flag on the client."""

from datetime import datetime

from caseflow import clock
from caseflow.access_log import record
from caseflow.extensions import db
from caseflow.models import INCIDENT_KINDS, Incident, Person, User
from caseflow.permissions import WORK_ON_CASES
from caseflow.safety import set_flag
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.errors import InvalidData, NotAuthorised


def register_incident(
    person: Person,
    reporter: User,
    *,
    kind: str,
    occurred_at: datetime,
    description: str,
    origin: str | None = None,
) -> Incident:
    if not reporter.may(WORK_ON_CASES) or not reporter.serves(person.municipality_id):
        raise NotAuthorised("U kunt voor deze inwoner geen incident registreren.")
    errors = {}
    if kind not in INCIDENT_KINDS:
        errors["kind"] = "Kies wat er gebeurde."
    if not description.strip():
        errors["description"] = "Beschrijf kort wat er gebeurde."
    if occurred_at > clock.now():
        errors["occurred_at"] = "Het incident kan niet in de toekomst liggen."
    if errors:
        raise InvalidData(errors)
    with all_or_nothing():
        incident = Incident(
            person=person,
            reported_by=reporter,
            occurred_at=occurred_at,
            kind=kind,
            description=description.strip(),
        )
        db.session.add(incident)
        set_flag(person)
        record(
            reporter, "change", "agressie-incident registreren", person_id=person.id, origin=origin
        )
    return incident
