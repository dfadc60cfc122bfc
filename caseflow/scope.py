"""Who may see which cases and clients: the one place every read path asks."""

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import Case, Person, Role, User

HANDLING_ROLES = (Role.TOEGANG, Role.CONSULENT, Role.REGISSEUR, Role.TEAMMANAGER)


def municipality_ids(user: User) -> list[int]:
    return [m.id for m in user.municipalities]


def team_ids(user: User) -> list[int]:
    return [t.id for t in user.teams]


def case_scope(user: User) -> ColumnElement[bool]:
    """A WHERE clause: the cases `user` may see.

    Staff see the cases of their own municipalities that are in one of their teams, assigned to
    them, or not yet with any team; quality reviewers see every case of their municipalities.
    Everyone else (administrators, municipality readers) sees no individual case.
    """
    municipalities = municipality_ids(user)
    if not municipalities:
        return sa.false()
    in_municipality = Case.municipality_id.in_(municipalities)
    if user.has_role(Role.KWALITEIT):
        return in_municipality
    if not user.has_role(*HANDLING_ROLES):
        return sa.false()
    return sa.and_(
        in_municipality,
        sa.or_(
            Case.team_id.in_(team_ids(user)),
            Case.assignee_id == user.id,
            Case.team_id.is_(None),
        ),
    )


def person_scope(user: User) -> ColumnElement[bool]:
    """A WHERE clause: the clients `user` may look up: front-door workers find anyone in their
    municipalities (to avoid asking twice); others only clients with a case they may see."""
    municipalities = municipality_ids(user)
    if not municipalities:
        return sa.false()
    in_municipality = Person.municipality_id.in_(municipalities)
    if user.has_role(Role.TOEGANG, Role.KWALITEIT):
        return in_municipality
    if not user.has_role(*HANDLING_ROLES):
        return sa.false()
    visible_case = sa.select(Case.id).where(Case.person_id == Person.id, case_scope(user)).exists()
    return sa.and_(in_municipality, visible_case)


def report_municipality_ids(user: User) -> list[int]:
    """Municipalities whose aggregate figures `user` may read."""
    if user.has_role(Role.GEMEENTE, Role.TEAMMANAGER, Role.KWALITEIT, Role.BEHEERDER):
        return municipality_ids(user)
    return []
