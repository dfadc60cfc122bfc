"""What an application may see: the cases of its municipalities and case types, never more.

The request's viewer is anonymous (an application is not a user), so the usual scope hides
every case; the API reads past it explicitly (`unscoped`) and applies the application's own
clause to every statement instead. Every case an answer shows is written to the processing log.
"""

from collections.abc import Iterable

import sqlalchemy as sa
from flask import request
from sqlalchemy.sql.elements import ColumnElement

from caseflow.access_log import record_all
from caseflow.models import ApiApplication, Case

_LOGGED = "caseflow_api_logged_cases"


def case_reach(application: ApiApplication) -> ColumnElement[bool]:
    """A WHERE clause: the cases `application` may see. Destroyed cases are nobody's."""
    municipalities = [m.id for m in application.municipalities]
    if not municipalities or not application.case_types:
        return sa.false()
    return sa.and_(
        Case.municipality_id.in_(municipalities),
        Case.case_type.in_(application.case_types),
        Case.destroyed_at.is_(None),
    )


def log_reads(application: ApiApplication, cases: Iterable[Case], action: str = "view") -> None:
    """One processing-log row per case this answer discloses (once per request)."""
    logged: set[tuple[int, str]] = request.environ.setdefault(_LOGGED, set())
    subjects: list[tuple[int | None, int | None]] = []
    for case in cases:
        if (case.id, action) not in logged:
            logged.add((case.id, action))
            subjects.append((case.person_id, case.id))
    record_all(
        None,
        action,
        f"Zaken API: {application.label} ({application.client_id})"[:200],
        subjects,
        origin=(request.remote_addr or "")[:100] or None,
    )
