"""Which steps of a case were decisions (beschikkingen), asked of its workflow definition.

A transition that carries `decision:` in the YAML is a decision that bezwaar can be lodged
against (Awb 1:3, 6:7): the Wmo, Jeugd, Participatiewet and bijzondere bijstand decisions and
schuldhulp's admission, refusal and termination. Nothing here knows a case type by name.
"""

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent
from caseflow.workflow.registry import registry


def decisions_of(case: Case) -> list[CaseEvent]:
    """The case's decision events, newest first."""
    triggers = registry().get(case.case_type).decision_triggers()
    if not triggers or case.is_destroyed:
        return []
    return list(
        db.session.scalars(
            sa.select(CaseEvent)
            .where(CaseEvent.case_id == case.id, CaseEvent.trigger.in_(sorted(triggers)))
            .order_by(CaseEvent.occurred_at.desc(), CaseEvent.id.desc())
        )
    )


def decision_label(case: Case, event: CaseEvent) -> str:
    """The decision as a user recognises it: its action and, when the case closed with it, the
    result (e.g. "Besluit nemen: Afgewezen")."""
    workflow = registry().get(case.case_type)
    transition = next((t for t in workflow.transitions if t.trigger == event.trigger), None)
    label = transition.label if transition else event.trigger
    result = event.data.get("resultaat")
    states = workflow.states
    if result and event.to_state in states:
        return f"{label}: {states[event.to_state].results.get(result, result)}"
    return label
