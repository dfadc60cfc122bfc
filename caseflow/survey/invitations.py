"""Invitations: one per person per period, after a decision or a household plan closed.

Which closings invite is the definition's to say: the final states tagged `clientwaardering`.
The daily job looks at the cases that closed since its last run; the unique contact per person
and period makes a rerun, or a second case in the same period, invite nobody twice. The
invitation waits in the outbox as a link only; the token itself is kept only as a hash.
"""

import hashlib
import secrets
from datetime import date, datetime

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, SurveyContact, SurveyInvitation
from caseflow.reports.periods import tertial_of
from caseflow.workflow.registry import registry

SURVEY_TAG = "clientwaardering"


def survey_path(token: str) -> str:
    return f"/waardering/{token}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def period_of(day: date) -> date:
    """The period in which a person is asked once: the four-month period of the reports."""
    start = tertial_of(day).start
    assert start is not None
    return start


def month_of(day: date) -> date:
    """What an answer keeps of when: the month, nothing finer."""
    return day.replace(day=1)


def already_asked(person_id: int, period: date) -> bool:
    return db.session.get(SurveyContact, (person_id, period)) is not None


def invite(case: Case) -> str | None:
    """An invitation for the client of a closed case, unless they were asked this period;
    returns the token (for the outbox's link), or None."""
    if case.person_id is None or case.closed_at is None:
        return None
    closed_on = clock.local_date(case.closed_at)
    period = period_of(closed_on)
    if already_asked(case.person_id, period):
        return None
    token = secrets.token_urlsafe(24)
    db.session.add(SurveyContact(person_id=case.person_id, period=period))
    db.session.add(
        SurveyInvitation(
            token_hash=token_hash(token),
            person_id=case.person_id,
            municipality_id=case.municipality_id,
            domain=registry().get(case.case_type).domain,
            team_id=case.team_id,
            period=month_of(closed_on),
            outbox_link=survey_path(token),
        )
    )
    db.session.flush()
    return token


def _closings_that_invite() -> sa.ColumnElement[bool]:
    """Cases in a final state the definition tags for the survey."""
    return sa.or_(
        sa.false(),
        *(
            sa.and_(Case.case_type == name, Case.state.in_(wf.tagged(SURVEY_TAG)))
            for name, wf in sorted(registry().workflows.items())
            if wf.tagged(SURVEY_TAG)
        ),
    )


def invite_closed_cases(since: datetime, until: datetime) -> int:
    """Invitations for the clients of the cases that closed in [since, until)."""
    closed = db.session.scalars(
        sa.select(Case)
        .where(
            Case.closed_at >= since,
            Case.closed_at < until,
            Case.person_id.is_not(None),
            Case.destroyed_at.is_(None),
            _closings_that_invite(),
        )
        .order_by(Case.closed_at, Case.id)
    )
    return sum(1 for case in closed if invite(case) is not None)
