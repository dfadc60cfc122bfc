"""The household's one director (regisseur): appoint, hand over, release.

The database allows one active director per household; the services check first so the user gets
a clear reason, and lock the household row so two people cannot both pass that check.
"""

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, Household, HouseholdDirector, Team, User
from caseflow.permissions import DIRECT_HOUSEHOLDS, LEAD_TEAMS
from caseflow.plans.errors import PlanError, flushed, required
from caseflow.workflow.engine import assign
from caseflow.workflow.errors import InvalidData, NotAuthorised

INTEGRAL_CASE_TYPES = ("gebiedsteam", "gezinsplan")


def active_director(household_id: int) -> HouseholdDirector | None:
    return db.session.scalar(
        sa.select(HouseholdDirector).where(
            HouseholdDirector.household_id == household_id, HouseholdDirector.ended_at.is_(None)
        )
    )


def lock_household(household: Household) -> None:
    db.session.execute(
        sa.select(Household.id).where(Household.id == household.id).with_for_update()
    )


def open_integral_cases(household_id: int) -> list[Case]:
    return list(
        db.session.scalars(
            sa.select(Case)
            .where(
                Case.household_id == household_id,
                Case.case_type.in_(INTEGRAL_CASE_TYPES),
                Case.closed_at.is_(None),
            )
            .order_by(Case.id)
        )
    )


def check_director(candidate: User, household: Household, team: Team | None) -> None:
    """Refuse, beside the field, someone who cannot direct this household."""
    name = candidate.full_name
    if not candidate.is_active or not candidate.may(DIRECT_HOUSEHOLDS):
        raise InvalidData({"director_id": f"{name} is geen regisseur."})
    if not candidate.serves(household.municipality_id):
        raise InvalidData(
            {"director_id": f"{name} werkt niet voor de gemeente van dit huishouden."}
        )
    if team is not None and all(member.id != candidate.id for member in team.members):
        raise InvalidData({"director_id": f"{name} hoort niet bij {team.name}."})


def start_directing(
    household: Household, director: User, actor: User, team: Team | None, reason: str
) -> HouseholdDirector:
    """Add the active director inside the caller's transaction."""
    row = HouseholdDirector(
        household=household,
        director=director,
        team=team,
        started_at=clock.now(),
        started_by_id=actor.id,
        start_reason=reason,
    )
    db.session.add(row)
    db.session.flush()  # a second active director is refused by the database right here
    return row


def stop_directing(row: HouseholdDirector, actor: User | None, reason: str) -> None:
    row.ended_at = clock.now()
    row.ended_by_id = actor.id if actor else None
    row.end_reason = reason
    db.session.flush()


def _as_manager(actor: User, household: Household) -> None:
    if not actor.may(LEAD_TEAMS) or not actor.serves(household.municipality_id):
        raise NotAuthorised("Alleen een teammanager van dit huishouden draagt de regie over.")


def _team_of(household: Household, current: HouseholdDirector | None) -> Team | None:
    if current is not None and current.team is not None:
        return current.team
    return next((c.team for c in open_integral_cases(household.id) if c.team), None)


def hand_over(
    household: Household, new_director: User, actor: User, reason: str | None
) -> HouseholdDirector:
    """Give the regie to another director (or a first one); the open integral cases follow."""
    required(reden=reason)
    _as_manager(actor, household)
    with flushed():
        lock_household(household)
        current = active_director(household.id)
        if current is not None and current.director_id == new_director.id:
            raise InvalidData(
                {"director_id": f"{new_director.full_name} is al de regisseur van dit huishouden."}
            )
        team = _team_of(household, current)
        check_director(new_director, household, team)
        why = (reason or "").strip()
        if current is not None:
            stop_directing(current, actor, f"Overgedragen aan {new_director.full_name}: {why}")
        row = start_directing(household, new_director, actor, team, why)
        for case in open_integral_cases(household.id):
            if case.assignee_id != new_director.id:
                assign(case, new_director, actor, reason=f"Regie overgedragen: {why}")
    return row


def release(household: Household, actor: User, reason: str | None) -> None:
    """End the regie without a successor, e.g. when the director leaves; the cases go back to
    the team until the team manager names a new director."""
    required(reden=reason)
    _as_manager(actor, household)
    with flushed():
        lock_household(household)
        current = active_director(household.id)
        if current is None:
            raise PlanError(f"{household.name} heeft geen regisseur.")
        why = (reason or "").strip()
        stop_directing(current, actor, why)
        for case in open_integral_cases(household.id):
            if case.assignee_id == current.director_id:
                assign(case, None, actor, reason=f"Regie beëindigd: {why}")


def end_with_plan(household: Household, actor: User | None, reason: str) -> None:
    """When the plan is finished the regie ends with it (inside the caller's transaction)."""
    current = active_director(household.id)
    if current is not None:
        stop_directing(current, actor, reason)
