"""Registering a klacht: the klacht case for the complaints coordinator, linked to the team it is
about and, when there is one, the case in which it happened.

Any staff member registers what they hear or read (Awb 9:1); the case opens for the
municipality's complaints team, so colleagues of the team complained about do not see it, and
the register row keeps the team for the reports, never the name of an employee.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    COMPLAINT_CHANNELS,
    Case,
    Complaint,
    Municipality,
    Person,
    Team,
    User,
)
from caseflow.permissions import REGISTER_COMPLAINTS
from caseflow.routing import route
from caseflow.scope.queries import unscoped
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.engine import start_case
from caseflow.workflow.errors import InvalidData, NotAuthorised
from caseflow.workflow.registry import registry

COMPLAINT_CASE_TYPE = "klacht"
MAX_TEXT = 20_000


@dataclass(frozen=True)
class ComplaintInput:
    team_id: int | None
    received_on: date | None
    channel: str
    description: str
    # Who complains, when the complaint does not come with a case of theirs.
    complainant: str = ""


def teams_to_complain_about(municipality: Municipality) -> list[Team]:
    """The teams that work for the municipality: what a complaint can be about."""
    return list(
        db.session.scalars(
            sa.select(Team).where(Team.municipalities.any(id=municipality.id)).order_by(Team.name)
        )
    )


def register_complaint(
    municipality: Municipality,
    actor: User,
    given: ComplaintInput,
    *,
    about: Case | None = None,
) -> Case:
    """Open the klacht case; InvalidData names each bad field."""
    if not actor.may(REGISTER_COMPLAINTS) or not actor.serves(municipality.id):
        raise NotAuthorised("U mag voor deze gemeente geen klacht registreren.")
    teams = {t.id: t for t in teams_to_complain_about(municipality)}
    errors: dict[str, str] = {}
    if given.team_id not in teams:
        errors["team"] = "Kies het team waarover de klacht gaat."
    if given.received_on is None:
        errors["ontvangen_op"] = "Vul de datum van ontvangst in."
    elif given.received_on > clock.today():
        errors["ontvangen_op"] = "De ontvangst kan niet in de toekomst liggen."
    if given.channel not in COMPLAINT_CHANNELS:
        errors["kanaal"] = "Kies hoe de klacht binnenkwam."
    if not given.description.strip():
        errors["klacht"] = "Beschrijf waar de klacht over gaat."
    elif len(given.description) > MAX_TEXT:
        errors["klacht"] = "De beschrijving is te lang."
    if about is None and not given.complainant.strip():
        errors["klager"] = "Vul de naam van de klager in."
    if errors:
        raise InvalidData(errors)
    assert given.received_on is not None and given.team_id is not None
    with unscoped():
        person = db.session.get(Person, about.person_id) if about and about.person_id else None
    workflow = registry().get(COMPLAINT_CASE_TYPE)
    data = {
        "ontvangen_op": given.received_on,
        "klacht": given.description.strip(),
        "klager": given.complainant.strip() or None,
    }
    with all_or_nothing():
        case = start_case(
            COMPLAINT_CASE_TYPE,
            municipality=municipality,
            actor=actor,
            person=person,
            team=route(workflow.domain, municipality, person),
            data={k: v for k, v in data.items() if v},
        )
        db.session.add(
            Complaint(
                case=case,
                team_id=given.team_id,
                about_case=about,
                received_on=given.received_on,
                channel=given.channel,
            )
        )
        db.session.flush()
    return case


def complaint_of(case: Case) -> Complaint | None:
    return db.session.scalar(sa.select(Complaint).where(Complaint.case_id == case.id))
