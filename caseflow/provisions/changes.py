"""A provision ends earlier than decided: a dated, reasoned change, never an edit of the grant.

The change is appended to the provision's history with the end it had before; the provision's
end moves to the new day. When nothing the decision granted runs on after that, the decision's
file gets its first day of destruction (caseflow.retention), counted from this end.
"""

from datetime import date

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import PROVISION_END_REASONS, Case, Provision, ProvisionChange, User
from caseflow.permissions import CHANGE_REGISTERS
from caseflow.provisions.dates import read_day
from caseflow.retention import destroy_from
from caseflow.scope.queries import unscoped
from caseflow.workflow.errors import InvalidData, NotAuthorised

MAX_EXPLANATION = 2_000


def end_early(
    provision: Provision, actor: User, ends_on: str, reason: str, explanation: str
) -> ProvisionChange:
    """End `provision` on `ends_on` (its last day) for `reason`, or raise naming each field."""
    if not actor.may(CHANGE_REGISTERS) or not actor.serves(provision.municipality_id):
        raise NotAuthorised("U mag voorzieningen van deze gemeente niet wijzigen.")
    errors: dict[str, str] = {}
    day = read_day(ends_on, "Laatste dag", "ends_on", errors)
    if day is not None:
        if day < provision.start_date:
            errors["ends_on"] = "De voorziening kan niet eindigen vóór ze begon."
        elif provision.end_date is not None and day >= provision.end_date:
            errors["ends_on"] = (
                f"De voorziening loopt al tot en met {provision.end_date:%d-%m-%Y}; "
                "een eerder einde ligt daarvoor."
            )
    if reason not in PROVISION_END_REASONS:
        errors["reason"] = "Kies waarom de voorziening eerder eindigt."
    text = explanation.strip()
    if len(text) > MAX_EXPLANATION:
        errors["explanation"] = f"Toelichting: hoogstens {MAX_EXPLANATION} tekens."
    if reason == "overig" and not text:
        errors["explanation"] = "Licht toe waarom de voorziening eerder eindigt."
    if errors or day is None:
        raise InvalidData(errors)
    change = ProvisionChange(
        provision=provision,
        ends_on=day,
        previous_end=provision.end_date,
        reason=reason,
        explanation=text or None,
        actor_id=actor.id,
        recorded_at=clock.now(),
    )
    db.session.add(change)
    provision.end_date = day
    provision.ended_reason = reason
    db.session.flush()
    keep_until_the_end(provision.case_id)
    return change


def keep_until_the_end(case_id: int) -> date | None:
    """A closed decision's first day of destruction, again, now that something it granted ended:
    a fact of the file, whoever may read the decision."""
    with unscoped():
        case = db.session.get_one(Case, case_id)
    if case.closed_at is not None:
        case.destroy_from = destroy_from(case, clock.local_date(case.closed_at))
    return case.destroy_from
