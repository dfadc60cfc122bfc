"""The guards and the effect that the bezwaar workflow names (workflows/bezwaar.yaml).

Registered by name like every guard and effect, so the YAML stays data: the objector was heard
or a ground not to hear is recorded (Awb 7:2, 7:3); a late objection that is not excusable can
only be decided as niet-ontvankelijk (Awb 6:11); an upheld objection opens a new decision on
the contested case's type for the same client, nothing retyped (Awb 7:11).
"""

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, Objection
from caseflow.workflow.effects import Step, effect
from caseflow.workflow.guards import guard

# The results of a decision on bezwaar that revoke the contested decision, wholly or in part.
UPHELD = frozenset({"gegrond", "deels_gegrond"})
NOT_ADMISSIBLE = "niet_ontvankelijk"


def _objection(case: Case) -> Objection | None:
    return db.session.scalar(sa.select(Objection).where(Objection.case_id == case.id))


def _recorded(case: Case, key: str) -> bool:
    return any(event.data.get(key) for event in case.events)


@guard("gehoord_of_grond_vastgelegd")
def heard_or_ground_recorded(case: Case, data: Mapping[str, Any]) -> str | None:
    """The objector (Awb 7:2) or the complainant (9:10) is heard before the decision, unless
    a ground the law names is recorded (7:3, 9:10 lid 2)."""
    if _recorded(case, "hoorverslag") or _recorded(case, "grond_niet_horen"):
        return None
    return "Leg eerst het verslag van het horen vast, of de grond om niet te horen."


@guard("ontvankelijk_of_niet_ontvankelijk")
def admissible_or_declared_so(case: Case, data: Mapping[str, Any]) -> str | None:
    """A late objection that is not excusable is niet-ontvankelijk (Awb 6:11)."""
    objection = _objection(case)
    result = data.get("resultaat")
    if objection is None or objection.admissible_by_term or result in (None, NOT_ADMISSIBLE):
        return None
    return (
        "Het bezwaar is te laat ingediend en de overschrijding is niet verschoonbaar "
        "(Awb 6:11): de beslissing is niet-ontvankelijk."
    )


@effect("nieuw_besluit_bij_gegrond_bezwaar")
def new_decision_on_upheld(step: Step) -> dict[str, Any] | None:
    """An upheld objection revokes the decision: a new decision case of the contested type
    opens for the same client, with its intake and, when they can take it, its handler."""
    from caseflow.workflow.engine import open_follow_up

    objection = _objection(step.case)
    if objection is None or step.data.get("resultaat") not in UPHELD:
        return None
    contested = objection.contested_case
    new = open_follow_up(
        step.case,
        contested.case_type,
        step.actor,
        roles=step.transition.roles,
        client_of=contested,
        data={"heroverweging_van": contested.id},
    )
    db.session.flush()
    return {"nieuw_besluit": new.id}
