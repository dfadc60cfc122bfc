"""Triage in the area team: the casusoverleg decides to take a registration on (with one
director), to send it back to one domain, or to hold it; a registration can also move to
another area team than its postcode gave, with a reason."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    Case,
    Household,
    HouseholdDirector,
    HouseholdMember,
    MeetingDecision,
    Team,
    TeamKind,
    TeamMeeting,
    User,
)
from caseflow.models.regie import Decision
from caseflow.plans.directors import (
    active_director,
    check_director,
    lock_household,
    start_directing,
    stop_directing,
)
from caseflow.plans.errors import PlanError, flushed, required
from caseflow.scope.queries import UNSCOPED
from caseflow.workflow.engine import assign, can_fire, fire, workflow_for
from caseflow.workflow.errors import ConflictError, InvalidData


@dataclass(frozen=True)
class Meeting:
    """The casusoverleg as the form records it."""

    held_on: date | None
    attendee_ids: tuple[int, ...]
    other_attendees: str | None
    notes: str | None


def _check_registration(case: Case, expected_version: int | None) -> None:
    if case.case_type != "gebiedsteam" or case.is_closed:
        raise PlanError("Dit is geen open aanmelding bij een gebiedsteam.")
    if expected_version is not None and expected_version != case.version:
        raise ConflictError()


def _check_meeting(case: Case, record: Meeting, **more: str) -> None:
    """Refuse the casusoverleg record, naming every missing part at once."""
    team = case.team
    if team is None:
        raise PlanError("De aanmelding ligt bij geen enkel team.")
    errors = dict(more)
    if record.held_on is None:
        errors["held_on"] = "Vul de datum van het casusoverleg in."
    elif record.held_on > clock.today():
        errors["held_on"] = "Leg het casusoverleg vast op de dag zelf of daarna."
    member_ids = {m.id for m in team.members}
    if not record.attendee_ids or not set(record.attendee_ids) <= member_ids:
        errors["attendee_ids"] = f"Kies wie van {team.name} er bij het casusoverleg was."
    if not (record.notes or "").strip():
        errors["notes"] = "Schrijf op wat is besproken en besloten."
    if errors:
        raise InvalidData(errors)


def _meeting(case: Case, actor: User, record: Meeting) -> TeamMeeting:
    _check_meeting(case, record)
    team = case.team
    assert team is not None
    present = [m for m in team.members if m.id in record.attendee_ids]
    assert record.held_on is not None
    meeting = db.session.scalar(
        sa.select(TeamMeeting).where(
            TeamMeeting.team_id == team.id, TeamMeeting.held_on == record.held_on
        )
    )
    if meeting is None:
        meeting = TeamMeeting(team=team, held_on=record.held_on, created_at=clock.now())
        db.session.add(meeting)
    meeting.attendees = sorted({*meeting.attendees, *present}, key=lambda u: (u.full_name, u.id))
    others = (record.other_attendees or "").strip()
    if others and others not in (meeting.other_attendees or ""):
        meeting.other_attendees = "; ".join(filter(None, [meeting.other_attendees, others]))
    if can_fire(case, "agenderen"):
        fire(case, "agenderen", actor, {"casusoverleg_op": record.held_on})
    return meeting


def _decide(
    case: Case,
    actor: User,
    meeting: TeamMeeting,
    notes: str | None,
    decision: Decision,
    director: User | None = None,
    domain: str | None = None,
) -> MeetingDecision:
    row = MeetingDecision(
        meeting=meeting,
        case=case,
        decision=decision,
        notes=(notes or "").strip(),
        director=director,
        domain=domain,
        recorded_by_id=actor.id,
        recorded_at=clock.now(),
    )
    db.session.add(row)
    return row


def household_for(case: Case) -> Household:
    """The household of the registration; a person on their own becomes a household of one."""
    if case.household is not None:
        return case.household
    person = case.person
    if person is None:
        raise PlanError("Koppel eerst een inwoner aan de aanmelding.")
    household = next((m.household for m in person.memberships), None)
    if household is None:
        household = Household(
            name=f"Huishouden {person.family_name}", municipality=person.municipality
        )
        household.members.append(HouseholdMember(person=person, relation="aanvrager"))
        db.session.add(household)
    case.household = household
    return household


def take_on(
    case: Case,
    actor: User,
    record: Meeting,
    director: User | None,
    *,
    expected_version: int | None = None,
) -> HouseholdDirector:
    """The casusoverleg takes the registration on and names the household's one director."""
    _check_meeting(case, record, **({} if director else {"director_id": "Kies de regisseur."}))
    assert director is not None
    with flushed():
        _check_registration(case, expected_version)
        meeting = _meeting(case, actor, record)
        household = household_for(case)
        lock_household(household)
        current = active_director(household.id)
        if current is not None and current.director_id != director.id:
            raise PlanError(
                f"{household.name} heeft al een regisseur: {current.director.full_name}. Kies die "
                "regisseur, of laat de teammanager eerst de regie overdragen."
            )
        check_director(director, household, case.team)
        _decide(case, actor, meeting, record.notes, Decision.OPPAKKEN, director=director)
        when = f"Casusoverleg {meeting.held_on:%d-%m-%Y}"
        row = current or start_directing(household, director, actor, case.team, when)
        if case.assignee_id != director.id:
            assign(case, director, actor, reason=f"{when}: regisseur")
        fire(case, "regisseur_toewijzen", actor, {"verslag": record.notes})
    return row


def send_back(
    case: Case,
    actor: User,
    record: Meeting,
    domain: str | None,
    reason: str | None,
    *,
    expected_version: int | None = None,
) -> Case | None:
    """The question turns out to be single: close the registration and open that domain's case."""
    missing = {} if domain else {"domain": "Kies het domein."}
    if not (reason or "").strip():
        missing["reden"] = "Reden is verplicht."
    _check_meeting(case, record, **missing)
    with flushed():
        _check_registration(case, expected_version)
        # Past triage the casusoverleg already named the household's director.
        was_directed = not workflow_for(case).has_tag(case.state, "triage")
        meeting = _meeting(case, actor, record)
        _decide(case, actor, meeting, record.notes, Decision.TERUGSTUREN, domain=domain)
        fire(case, "terugsturen", actor, {"reden": reason, "domein": domain})
        if was_directed and case.household is not None:
            current = active_director(case.household.id)
            if current is not None:
                stop_directing(current, actor, f"Teruggestuurd naar één domein: {reason}")
    # Named to the actor who sent it, though it lands in a team they need not be in.
    return db.session.scalar(
        sa.select(Case)
        .where(Case.parent_id == case.id)
        .order_by(Case.id.desc())
        .limit(1)
        .execution_options(**UNSCOPED)
    )


def hold(
    case: Case, actor: User, record: Meeting, *, expected_version: int | None = None
) -> MeetingDecision:
    """Discussed, not yet decided: the registration stays in triage."""
    with flushed():
        _check_registration(case, expected_version)
        meeting = _meeting(case, actor, record)
        row = _decide(case, actor, meeting, record.notes, Decision.AANHOUDEN)
    return row


def schedule(
    case: Case, actor: User, on: date | None, *, expected_version: int | None = None
) -> None:
    """Put the registration on the agenda of a coming casusoverleg."""
    if on is None:
        raise InvalidData({"casusoverleg_op": "Vul de datum van het casusoverleg in."})
    with flushed():
        _check_registration(case, expected_version)
        fire(case, "agenderen", actor, {"casusoverleg_op": on})


def move_to_team(
    case: Case,
    team: Team | None,
    actor: User,
    reason: str | None,
    *,
    expected_version: int | None = None,
) -> None:
    """Overrule the postcode: the registration goes to another area team, for a stated reason."""
    required(reden=reason)
    if team is None or team.kind != TeamKind.AREA:
        raise InvalidData({"team_id": "Kies een gebiedsteam."})
    if all(m.id != case.municipality_id for m in team.municipalities):
        raise InvalidData({"team_id": f"{team.name} werkt niet voor {case.municipality.name}."})
    with flushed():
        _check_registration(case, expected_version)
        fire(case, "gebied_wijzigen", actor, {"reden": reason, "naar_gebiedsteam": team.name})


def area_teams_of(case: Case) -> list[Team]:
    """The other area teams of the case's municipality."""
    return list(
        db.session.scalars(
            sa.select(Team)
            .where(
                Team.kind == TeamKind.AREA,
                Team.municipalities.any(id=case.municipality_id),
                Team.id != case.team_id,
            )
            .order_by(Team.name)
        )
    )
