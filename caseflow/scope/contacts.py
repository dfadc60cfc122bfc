"""Who reads what was said in a contact moment: its summary can be about health or crime."""

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import Case, ContactMoment, HouseholdMember, User
from caseflow.scope.clauses import case_scope


def contact_text_scope(user: User) -> ColumnElement[bool]:
    """A WHERE clause on contact moments whose summary `user` needs: they recorded it, they may
    see the case it was about, or (a contact not about one case) they may see a case of the
    client or of the client's household. Others who may open the dossier, such as the front
    door, see that there was a contact, how and when, not what was said."""
    of_the_case = (
        sa.select(Case.id)
        .where(Case.id == ContactMoment.case_id, case_scope(user))
        .correlate_except(Case)
        .exists()
    )
    households = sa.select(HouseholdMember.household_id).where(
        HouseholdMember.person_id == ContactMoment.person_id, HouseholdMember.ended_on.is_(None)
    )
    of_the_client = (
        sa.select(Case.id)
        .where(
            sa.or_(Case.person_id == ContactMoment.person_id, Case.household_id.in_(households)),
            case_scope(user),
        )
        .correlate_except(Case)
        .exists()
    )
    return sa.or_(
        ContactMoment.recorded_by_id == user.id,
        of_the_case,
        sa.and_(ContactMoment.case_id.is_(None), of_the_client),
    )
