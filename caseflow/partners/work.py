"""What a partner's staff do on a household plan: see the actions their organisation was given
and update one (its state, a short note), as long as the household's consent runs.

Partner staff see no case and no client through the case scope. These functions read plans and
actions past it (`unscoped`) and only through the partner's own scope
(caseflow.scope.partners), which is checked again, under the plan's lock, before a change.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import PlanAction, PlanActionNote, PlanConsent, User
from caseflow.models.plans import ACTION_STATES
from caseflow.plans.errors import PlanError, flushed
from caseflow.plans.versions import lock_plan, record_version
from caseflow.scope.partners import partner_action_scope
from caseflow.scope.queries import UNSCOPED, unscoped
from caseflow.workflow.errors import InvalidData, NotAuthorised

NOTE_LENGTH = 1000
GONE = (
    "U heeft geen toegang (meer) tot deze actie. Het huishouden heeft de toestemming voor uw "
    "organisatie ingetrokken of beëindigd, of de actie hoort niet bij uw organisatie."
)


@dataclass(frozen=True)
class PartnerAction:
    """An action as its partner sees it, with the consent that lets them see it."""

    action: PlanAction
    consent: PlanConsent


def actions_for(user: User, day: date | None = None) -> list[PlanAction]:
    day = day or clock.today()
    return list(
        db.session.scalars(
            sa.select(PlanAction)
            .where(partner_action_scope(user, day))
            .order_by(PlanAction.state.in_(("klaar", "gestopt")), PlanAction.due_on, PlanAction.id)
            .execution_options(**UNSCOPED)
        )
    )


def action_for(user: User, action_id: int, day: date | None = None) -> PartnerAction | None:
    """The action if `user`'s organisation may see it today, with the consent that allows it."""
    day = day or clock.today()
    action = db.session.scalar(
        sa.select(PlanAction)
        .where(PlanAction.id == action_id, partner_action_scope(user, day))
        .execution_options(**UNSCOPED)
    )
    if action is None:
        return None
    consent = consent_for(action, day)
    assert consent is not None  # the scope asked for it
    return PartnerAction(action, consent)


def consent_for(action: PlanAction, day: date) -> PlanConsent | None:
    """The running consent of the action's plan that covers the action's life domain."""
    return next(
        (
            c
            for c in action.plan.consents
            if c.partner_organisation_id == action.partner_organisation_id
            and c.runs_on(day)
            and action.goal.life_domain in c.domain_codes
        ),
        None,
    )


def purpose(seen: PartnerAction, doing: str) -> str:
    """What a partner's view is for, as the processing log keeps it."""
    partner = seen.consent.partner_organisation.name
    return f"{doing} door {partner}, toestemming van {seen.consent.valid_from:%d-%m-%Y}"[:200]


def update_action(action: PlanAction, actor: User, state: str, note: str | None) -> None:
    """The partner records how the action stands and, if they like, a short note."""
    text = (note or "").strip()
    errors: dict[str, str] = {}
    if state not in ACTION_STATES:
        errors["state"] = "Kies hoe het met de actie staat."
    if len(text) > NOTE_LENGTH:
        errors["note"] = f"Houd de notitie kort: hoogstens {NOTE_LENGTH} tekens."
    if not errors and state == action.state and not text:
        errors["note"] = "Er is niets veranderd. Kies een andere stand of schrijf een notitie."
    if errors:
        raise InvalidData(errors)
    with flushed(), unscoped():
        plan = lock_plan(action.plan)
        # Under the lock: a consent withdrawn a moment ago ends the access now.
        if action_for(actor, action.id) is None:
            raise NotAuthorised(GONE)
        if not plan.is_active:
            raise PlanError("Dit plan loopt niet meer.")
        partner = actor.partner_organisation
        assert partner is not None
        if state != action.state:
            action.state = state
            action.done_on = clock.today() if state == "klaar" else None
        if text:
            db.session.add(
                PlanActionNote(
                    action=action,
                    text=text,
                    state=state,
                    author_id=actor.id,
                    partner_organisation_id=partner.id,
                    written_at=clock.now(),
                )
            )
        summary = f"Actie '{action.description[:120]}': {action.state_label} ({partner.name})"
        record_version(plan, actor, summary)


def household_label(action: PlanAction) -> str:
    """Which household the action is for, as far as the partner needs to know: its name."""
    return action.plan.household.name
