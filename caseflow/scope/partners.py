"""What the staff of a partner organisation may see: never a case or a client (case_scope and
person_scope give them nothing), only the plan actions their organisation was given and the
questions put to it, each while the household's consent runs.

These clauses are the partner's own scope: the partner pages read plans, actions and requests
past the case scope (`UNSCOPED`) and only through these clauses.
"""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import (
    Household,
    HouseholdPlan,
    InformationRequest,
    PlanAction,
    PlanConsent,
    PlanConsentDomain,
    PlanGoal,
    User,
)
from caseflow.permissions import WORK_FOR_PARTNER
from caseflow.scope.clauses import municipality_ids


def _organisation(user: User) -> int | None:
    if not user.active or not user.may(WORK_FOR_PARTNER):
        return None
    return user.partner_organisation_id


def running(day: date) -> ColumnElement[bool]:
    """A consent that holds on `day`: started, not past its end, never withdrawn."""
    return sa.and_(
        PlanConsent.withdrawn_at.is_(None),
        PlanConsent.valid_from <= day,
        sa.or_(PlanConsent.valid_until.is_(None), PlanConsent.valid_until >= day),
    )


def _running_plan(user: User, plan_id: QueryableAttribute[int]) -> ColumnElement[bool]:
    """The plan is not ended and belongs to one of the partner account's municipalities."""
    return (
        sa.select(HouseholdPlan.id)
        .join(Household, Household.id == HouseholdPlan.household_id)
        .where(
            HouseholdPlan.id == plan_id,
            HouseholdPlan.ended_at.is_(None),
            Household.municipality_id.in_(municipality_ids(user)),
        )
        .correlate_except(HouseholdPlan, Household)
        .exists()
    )


def partner_action_scope(user: User, day: date) -> ColumnElement[bool]:
    """A WHERE clause on plan actions: those given to `user`'s organisation on a running plan
    whose household consents, on `day`, to share that action's life domain with it."""
    organisation = _organisation(user)
    if organisation is None:
        return sa.false()
    consented = (
        sa.select(PlanConsent.id)
        .join(PlanConsentDomain, PlanConsentDomain.consent_id == PlanConsent.id)
        .join(PlanGoal, PlanGoal.life_domain == PlanConsentDomain.domain)
        .where(
            PlanConsent.plan_id == PlanAction.plan_id,
            PlanConsent.partner_organisation_id == organisation,
            PlanGoal.id == PlanAction.goal_id,
            running(day),
        )
        .correlate_except(PlanConsent, PlanConsentDomain, PlanGoal)
        .exists()
    )
    return sa.and_(
        PlanAction.owner_kind == "partner",
        PlanAction.partner_organisation_id == organisation,
        _running_plan(user, PlanAction.plan_id),
        consented,
    )


def partner_request_scope(user: User, day: date) -> ColumnElement[bool]:
    """A WHERE clause on information requests: those put to `user`'s organisation for a running
    plan, on a legal basis or on a consent that still holds on `day`."""
    organisation = _organisation(user)
    if organisation is None:
        return sa.false()
    consent_holds = (
        sa.select(PlanConsent.id)
        .where(
            PlanConsent.id == InformationRequest.consent_id,
            PlanConsent.partner_organisation_id == organisation,
            running(day),
        )
        .correlate_except(PlanConsent)
        .exists()
    )
    return sa.and_(
        InformationRequest.partner_organisation_id == organisation,
        _running_plan(user, InformationRequest.plan_id),
        sa.or_(InformationRequest.basis == "wettelijk", consent_holds),
    )
