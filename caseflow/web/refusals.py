"""Every refused request of a logged-in user is in the processing log, from one place.

Pages that check access themselves (case_or_403, person_or_403) log their refusal with its
purpose; any other refusal is logged here when the error page is made: every 403, and a 404
that hides a case or person that exists (another municipality's), with the case and person the
request was about. A refusal is logged once per request.
"""

from typing import Any

from flask import g, request
from flask_login import current_user

from caseflow.access_log import REFUSAL_LOGGED, record
from caseflow.extensions import db
from caseflow.models import Case, HouseholdPlan, Person, User
from caseflow.scope.queries import unscoped
from caseflow.web.ids import parse_id


def _subject(view_args: dict[str, Any], query: Any) -> tuple[int | None, int | None]:
    """(person_id, case_id) the request was about, as far as they exist (seen or not)."""
    with unscoped():
        return _existing_subject(view_args, query)


def _existing_subject(view_args: dict[str, Any], query: Any) -> tuple[int | None, int | None]:
    case: Case | None = None
    if (case_id := view_args.get("case_id")) is not None:
        case = db.session.get(Case, case_id)
    elif (plan_id := view_args.get("plan_id")) is not None:
        plan = db.session.get(HouseholdPlan, plan_id)
        case = plan.case if plan is not None else None
    if case is not None:
        return case.person_id, case.id
    raw_person = view_args.get("person_id", parse_id(query.get("persoon")))
    person = db.session.get(Person, raw_person) if raw_person is not None else None
    return (person.id if person is not None else None), None


def log_refusal(status: int) -> None:
    """Log this request's refusal (`status` 403 or 404) unless it already was."""
    if g.get(REFUSAL_LOGGED) or not current_user.is_authenticated or request.endpoint is None:
        return
    person_id, case_id = _subject(request.view_args or {}, request.args)
    if status == 404 and person_id is None and case_id is None:
        return  # nothing there to hide: simply not found
    actor: User = current_user._get_current_object()
    record(
        actor,
        "view" if request.method == "GET" else "change",
        f"geweigerd ({status}): {request.endpoint}",
        result="denied",
        person_id=person_id,
        case_id=case_id,
        origin=request.remote_addr,
    )
