"""Which cases and clients a user may see, as WHERE clauses (applied to every read by
caseflow.scope.queries)."""

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import (
    Case,
    Complaint,
    HouseholdDirector,
    HouseholdMember,
    Intake,
    Objection,
    Person,
    User,
)
from caseflow.permissions import (
    FIND_ANY_CLIENT,
    HANDLE_COMPLAINTS,
    HANDLE_OBJECTIONS,
    LEAD_TEAMS,
    OVERSEE_RETENTION,
    READ_PROCESSING_LOG,
    READ_REPORTS,
    REVIEW_ALL_CASES,
    WORK_ON_CASES,
)
from caseflow.workflow.registry import registry


def municipality_ids(user: User) -> list[int]:
    return [m.id for m in user.municipalities]


def team_ids(user: User) -> list[int]:
    return [t.id for t in user.teams]


def sensitive_case_types() -> list[str]:
    return sorted(name for name, wf in registry().workflows.items() if wf.sensitive)


def integral_case_types() -> list[str]:
    """The workflows of the integral area team (domain `integraal`): they serve a household."""
    return sorted(name for name, wf in registry().workflows.items() if wf.domain == "integraal")


def directed_household(user: User) -> ColumnElement[bool]:
    """The case belongs to a household that `user` directs (regie) right now."""
    return (
        sa.select(HouseholdDirector.id)
        .where(
            HouseholdDirector.household_id == Case.household_id,
            HouseholdDirector.director_id == user.id,
            HouseholdDirector.ended_at.is_(None),
        )
        # Always the enclosing query's case, also where that query joins the directors itself.
        .correlate_except(HouseholdDirector)
        .exists()
    )


def need_to_know(user: User) -> ColumnElement[bool]:
    """Cases of a sensitive type are seen only by their handler, the household's director and
    their team's manager."""
    involved: list[ColumnElement[bool]] = [Case.assignee_id == user.id, directed_household(user)]
    if user.may(LEAD_TEAMS):
        involved.append(Case.team_id.in_(team_ids(user)))
    return sa.or_(Case.case_type.not_in(sensitive_case_types()), *involved)


# The domains whose every case a role handles in its municipalities, whichever team holds them.
OBJECTION_DOMAINS = ("bezwaar", "beroep")
COMPLAINT_DOMAIN = "klachten"


def case_types_of(*domains: str) -> list[str]:
    return sorted(name for name, wf in registry().workflows.items() if wf.domain in domains)


def register_reach(user: User) -> ColumnElement[bool]:
    """The cases a jurist or a complaints coordinator handles by role, not by team: every
    objection and appeal (or complaint) of their municipalities, and the case each one is about
    (the contested decision, the case a complaint concerns), which they need to read to judge it.
    """
    reach: list[ColumnElement[bool]] = []
    if user.may(HANDLE_OBJECTIONS):
        reach += [
            Case.case_type.in_(case_types_of(*OBJECTION_DOMAINS)),
            Case.id.in_(sa.select(Objection.contested_case_id)),
        ]
    if user.may(HANDLE_COMPLAINTS):
        reach += [
            Case.case_type.in_(case_types_of(COMPLAINT_DOMAIN)),
            Case.id.in_(
                sa.select(Complaint.about_case_id).where(Complaint.about_case_id.is_not(None))
            ),
        ]
    return sa.or_(sa.false(), *reach)


def case_scope(user: User) -> ColumnElement[bool]:
    """A WHERE clause: the cases `user` may see.

    Staff see the cases of their own municipalities that are in one of their teams, assigned to
    them, or not yet with any team; quality reviewers see every case of their municipalities.
    A household's director sees every case of that household (1 gezin, 1 plan, 1 regisseur).
    Cases of a sensitive type follow need to know on top of that. A jurist and a complaints
    coordinator also see what they handle by role (`register_reach`): handling an objection
    against a sensitive decision is their need to know. Everyone else (administrators,
    municipality readers) sees no individual case.
    """
    municipalities = municipality_ids(user)
    if not municipalities:
        return sa.false()
    in_municipality = Case.municipality_id.in_(municipalities)
    if user.may(REVIEW_ALL_CASES):
        return sa.and_(in_municipality, need_to_know(user))
    if not user.may(WORK_ON_CASES):
        return sa.false()
    return sa.and_(
        in_municipality,
        sa.or_(
            sa.and_(
                sa.or_(
                    Case.team_id.in_(team_ids(user)),
                    Case.assignee_id == user.id,
                    Case.team_id.is_(None),
                    directed_household(user),
                ),
                need_to_know(user),
            ),
            register_reach(user),
        ),
    )


def person_scope(user: User) -> ColumnElement[bool]:
    """A WHERE clause: the clients `user` may look up: front-door workers find anyone in their
    municipalities (to avoid asking twice); others only clients with a case they may see, and
    those who live in a household whose integral case they may see (the director and the area
    team work with the whole household, children without a case of their own included)."""
    municipalities = municipality_ids(user)
    if not municipalities:
        return sa.false()
    # A person anonymised after the retention period of their last case is nobody's client.
    in_municipality = sa.and_(
        Person.municipality_id.in_(municipalities), Person.destroyed_at.is_(None)
    )
    if user.may(FIND_ANY_CLIENT):
        return in_municipality
    if not user.may(WORK_ON_CASES):
        return sa.false()
    # Its own cases, also inside a query of cases (a case's client loaded along with it).
    visible_case = (
        sa.select(Case.id)
        .where(Case.person_id == Person.id, case_scope(user))
        .correlate_except(Case)
        .exists()
    )
    household_member = (
        sa.select(HouseholdMember.id)
        .join(Case, Case.household_id == HouseholdMember.household_id)
        .where(
            HouseholdMember.person_id == Person.id,
            HouseholdMember.ended_on.is_(None),
            Case.case_type.in_(integral_case_types()),
            case_scope(user),
        )
        .correlate_except(HouseholdMember, Case)
        .exists()
    )
    return sa.and_(in_municipality, sa.or_(visible_case, household_member))


def intake_text_scope(user: User) -> ColumnElement[bool]:
    """A WHERE clause on intakes: those whose words (the question, often about health) `user`
    needs: they recorded it, or they may see a case that came from it. Others who may open the
    client's dossier see that there was a contact, not what was said."""
    from_visible_case = (
        sa.select(Case.id)
        .where(Case.intake_id == Intake.id, case_scope(user))
        .correlate_except(Case)
        .exists()
    )
    return sa.or_(Intake.created_by_id == user.id, from_visible_case)


def retention_scope(user: User) -> ColumnElement[bool]:
    """A WHERE clause: the cases whose retention `user` oversees. The privacy officer and the
    administrator see, for their municipalities, the destruction list: case facts without any
    personal data. Only the privacy officer may destroy (caseflow.destruction)."""
    municipalities = municipality_ids(user)
    if not municipalities or not user.may(OVERSEE_RETENTION):
        return sa.false()
    return Case.municipality_id.in_(municipalities)


def processing_log_person_scope(user: User) -> ColumnElement[bool]:
    """A WHERE clause: the persons whose processing log the privacy officer may search: every
    person of their municipalities, anonymised ones included (their log outlives their file)."""
    municipalities = municipality_ids(user)
    if not municipalities or not user.may(READ_PROCESSING_LOG):
        return sa.false()
    return Person.municipality_id.in_(municipalities)


def report_municipality_ids(user: User) -> list[int]:
    """Municipalities whose aggregate figures `user` may read."""
    if user.may(READ_REPORTS):
        return municipality_ids(user)
    return []
