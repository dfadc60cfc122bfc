"""The letter a transition produces, drafted inside the transition (the engine runs this).

The draft keeps what the transition knew (caseflow.letters.fields) and the exact version of the
text it will use; the consultant previews it, may add a personal paragraph, and sends it.
"""

from typing import Any

from caseflow.extensions import db
from caseflow.letters.fields import drafted_fields
from caseflow.letters.kinds import KINDS
from caseflow.letters.texts import current_text
from caseflow.models import Letter
from caseflow.workflow.effects import Step


def draft_letter(step: Step) -> dict[str, Any]:
    """Draft the transition's letter; what the event records of it (its kind's label)."""
    from caseflow.workflow.engine import workflow_for

    choice = step.transition.letter
    kind = choice.kind_for(step.data) if choice else None
    if kind is None:
        return {}
    case = step.case
    workflow = workflow_for(case)
    text = current_text(kind, case.case_type, case.municipality_id)
    letter = Letter(
        case=case,
        kind=kind,
        template=text.template,
        template_version=text.version,
        fields=drafted_fields(step, workflow),
        created_at=step.now,
        created_by_id=step.actor.id if step.actor else None,
    )
    db.session.add(letter)
    return {"brief": KINDS[kind].label}
