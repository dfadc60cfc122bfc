"""The door for a case's papers: a letter sent and a document added are events of the case.

They do not move the case, but they are facts of it: the timeline shows them, reports may count
them, and a sent request for information starts the suspension of the terms (Awb 4:15). Like
every step they run in the engine's savepoint and are flushed, never committed.
"""

from typing import Any

from caseflow import clock
from caseflow.models import Case, CaseEvent, User
from caseflow.permissions import WORK_ON_CASES
from caseflow.workflow.deadline_effects import suspend_on_sending
from caseflow.workflow.engine import _append_event, _authorise, workflow_for
from caseflow.workflow.errors import TriggerNotAllowed
from caseflow.workflow.transaction import in_transaction, lock_case

LETTER_SENT = "brief_verzonden"
DOCUMENT_ADDED = "document_toegevoegd"


def record_paper(
    case: Case,
    trigger: str,
    actor: User,
    data: dict[str, Any],
    *,
    suspends: bool = False,
    reason: str | None = None,
) -> CaseEvent:
    """Append the event of a letter sent or a document added; a sent request for information
    (`suspends`) stops the clock of the terms the case's state suspends from tomorrow."""
    with in_transaction():
        if case.is_destroyed:
            raise TriggerNotAllowed("Deze zaak is vernietigd; er kan niets meer bij.")
        _authorise(actor, WORK_ON_CASES.roles, case.municipality_id)
        lock_case(case, None)
        now = clock.now()
        if suspends:
            terms = suspend_on_sending(
                case, workflow_for(case), actor, clock.local_date(now), reason
            )
            if terms:
                data = data | {"opgeschort": ", ".join(terms)}
        return _append_event(case, trigger, case.state, actor, now, data=data)
