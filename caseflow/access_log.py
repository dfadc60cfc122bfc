"""The processing log: one hash-chained row per view, change, export or refused attempt."""

from caseflow import clock
from caseflow.chain import GENESIS, Chain, Verification
from caseflow.models import AccessLog, User

__all__ = ["CHAIN", "GENESIS", "Verification", "record", "verify"]

CHAIN = Chain(
    AccessLog,
    fields=("actor_id", "action", "person_id", "case_id", "purpose", "result", "origin"),
    lock_key=7310001,
)


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
    """Add a sealed log row in the caller's transaction (flushed, committed by the caller)."""
    row = AccessLog(
        occurred_at=clock.now(),
        actor_id=actor.id if actor else None,
        action=action,
        purpose=purpose,
        result=result,
        person_id=person_id,
        case_id=case_id,
        origin=origin,
    )
    appended: AccessLog = CHAIN.append(row)
    return appended


def verify() -> Verification:
    return CHAIN.verify()
