"""The area team's queue of new registrations and its recent casusoverleggen."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from caseflow.extensions import db
from caseflow.models import (
    Area,
    Case,
    CaseEvent,
    Deadline,
    DeadlineStatus,
    MeetingDecision,
    Team,
    TeamMeeting,
    User,
)
from caseflow.routing import area_for
from caseflow.scope import case_scope
from caseflow.workflow.registry import registry
from caseflow.worklist import Light, light_for

LIMIT = 200


@dataclass(frozen=True)
class Registration:
    case: Case
    area: Area | None
    planned_on: date | None
    due: date | None
    light: Light


def queue(user: User, team: Team, today: date) -> list[Registration]:
    """Open registrations of `team` still waiting for the casusoverleg, the oldest first."""
    due = (
        sa.select(sa.func.min(Deadline.due_date))
        .where(Deadline.case_id == Case.id, Deadline.status == DeadlineStatus.RUNNING)
        .scalar_subquery()
    )
    earlier = aliased(CaseEvent)
    planned = (
        sa.select(sa.func.max(earlier.id))
        .where(earlier.case_id == Case.id, earlier.trigger == "agenderen")
        .scalar_subquery()
    )
    rows = db.session.execute(
        sa.select(Case, due, CaseEvent)
        .outerjoin(CaseEvent, CaseEvent.id == planned)
        .where(
            Case.case_type == "gebiedsteam",
            Case.team_id == team.id,
            Case.state.in_(registry().get("gebiedsteam").tagged("triage")),
            Case.closed_at.is_(None),
            case_scope(user),
        )
        .options(
            selectinload(Case.person),
            selectinload(Case.household),
            selectinload(Case.deadlines),
            selectinload(Case.municipality),
        )
        .order_by(Case.opened_at)
        .limit(LIMIT)
    )
    result = []
    for case, due_date, event in rows:
        postcode = case.person.postcode if case.person else None
        raw = event.data.get("casusoverleg_op") if event is not None else None
        result.append(
            Registration(
                case=case,
                area=area_for(case.municipality, postcode),
                planned_on=date.fromisoformat(raw) if raw else None,
                due=due_date,
                light=light_for(case, due_date, today),
            )
        )
    return result


def recent_meetings(team: Team, limit: int = 10) -> list[TeamMeeting]:
    return list(
        db.session.scalars(
            sa.select(TeamMeeting)
            .where(TeamMeeting.team_id == team.id)
            .options(
                selectinload(TeamMeeting.attendees),
                selectinload(TeamMeeting.decisions).selectinload(MeetingDecision.case),
            )
            .order_by(TeamMeeting.held_on.desc())
            .limit(limit)
        )
    )


def decisions_for(case: Case) -> list[MeetingDecision]:
    return list(
        db.session.scalars(
            sa.select(MeetingDecision)
            .where(MeetingDecision.case_id == case.id)
            .options(selectinload(MeetingDecision.meeting).selectinload(TeamMeeting.attendees))
            .order_by(MeetingDecision.id)
        )
    )
