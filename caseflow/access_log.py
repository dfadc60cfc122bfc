"""Writing the processing log: one row per view, change, export or refused attempt."""

from caseflow.extensions import db
from caseflow.models import AccessLog, User


def record(
    actor: User | None,
    action: str,
    purpose: str,
    *,
    result: str = "ok",
    person_id: int | None = None,
    case_id: int | None = None,
    origin: str | None = None,
) -> AccessLog:
    """Add a log row to the session; the caller's transaction commits it with the rest."""
    row = AccessLog(
        actor_id=actor.id if actor else None,
        action=action,
        purpose=purpose,
        result=result,
        person_id=person_id,
        case_id=case_id,
        origin=origin,
    )
    db.session.add(row)
    return row
