"""The rights log: one sealed row per change of rights and per refused attempt at one.

A change and its row are written in the same transaction (the caller commits); a refusal is
committed on its own, since nothing else is written.
"""

from caseflow import clock
from caseflow.chain import Chain, Verification
from caseflow.models import RightsChange, User
from caseflow.unit_of_work import keep_on_refusal

CHAIN = Chain(
    RightsChange,
    fields=("actor_id", "user_id", "action", "detail", "result", "origin"),
    lock_key=7310002,
)


def record_change(
    actor: User | None,
    subject: User | None,
    action: str,
    detail: str = "",
    *,
    result: str = "ok",
    origin: str | None = None,
) -> RightsChange:
    """Add a sealed row in the caller's transaction (flushed, committed by the caller)."""
    row = RightsChange(
        occurred_at=clock.now(),
        actor_id=actor.id if actor else None,
        user_id=subject.id if subject else None,
        action=action,
        detail=detail[:500],
        result=result,
        origin=origin,
    )
    appended: RightsChange = CHAIN.append(row)
    return appended


def record_refusal(
    actor: User | None, subject: User | None, action: str, detail: str, origin: str | None
) -> None:
    """Log a refused attempt; the row stays when the unit of work is rolled back."""
    keep_on_refusal(
        lambda: record_change(actor, subject, action, detail, result="geweigerd", origin=origin)
    )


def verify() -> Verification:
    return CHAIN.verify()
