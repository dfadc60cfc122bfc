"""The processing log: one hash-chained row per view, change, export or refused attempt."""

from collections.abc import Sequence

from flask import g, has_app_context

from caseflow import clock
from caseflow.chain import GENESIS, Chain, Verification
from caseflow.models import AccessLog, User
from caseflow.unit_of_work import keep_on_refusal

__all__ = ["CHAIN", "GENESIS", "Verification", "record", "record_all", "verify"]

# Set on `g` once a request's refusal is logged, so the error page does not log it again.
REFUSAL_LOGGED = "caseflow_refusal_logged"

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
) -> None:
    """Add a sealed log row to the unit of work; it stays when the unit is rolled back."""
    record_all(actor, action, purpose, [(person_id, case_id)], result=result, origin=origin)


def record_all(
    actor: User | None,
    action: str,
    purpose: str,
    subjects: Sequence[tuple[int | None, int | None]],
    *,
    result: str = "ok",
    origin: str | None = None,
) -> None:
    """One sealed row per (person, case) in `subjects`, written together; they stay when the
    unit is rolled back."""

    def write() -> None:
        now = clock.now()
        rows = [
            AccessLog(
                occurred_at=now,
                actor_id=actor.id if actor else None,
                action=action,
                purpose=purpose,
                result=result,
                person_id=person_id,
                case_id=case_id,
                origin=origin,
            )
            for person_id, case_id in subjects
        ]
        CHAIN.append_all(rows)

    if not subjects:
        return
    keep_on_refusal(write)
    if result == "denied" and has_app_context():
        setattr(g, REFUSAL_LOGGED, True)


def verify() -> Verification:
    return CHAIN.verify()
