"""Issuing a report: numbers, texts, page and PDF frozen as what the council received.

An issued report is never changed (caseflow.models.council refuses it). A correction is a new
version of the same municipality, kind and period, with its reason and the differences with
the version before it; issuing the same figures and texts again is refused, since nothing
would be corrected.
"""

import hashlib
import json
from datetime import date
from typing import Any

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import IssuedReport, User
from caseflow.reports.municipal import MunicipalityReport
from caseflow.reports.snapshot import differences

MAX_REASON = 2000


class IssueError(ValueError):
    """The report cannot be issued now; the message is Dutch and names what to do."""


def versions(municipality_id: int, kind: str, period: str) -> list[IssuedReport]:
    return list(
        db.session.scalars(
            sa.select(IssuedReport)
            .where(
                IssuedReport.municipality_id == municipality_id,
                IssuedReport.kind == kind,
                IssuedReport.period == period,
            )
            .order_by(IssuedReport.version)
        )
    )


def check_issuable(report: MunicipalityReport, today: date, reason: str) -> IssuedReport | None:
    """The version this one corrects, if any; raises IssueError when it may not be issued."""
    assert report.period.end is not None
    if report.period.end >= today:
        raise IssueError("Deze periode is nog niet voorbij: geef de rapportage uit na afloop.")
    if report.teams_only:
        raise IssueError("Alleen wie de cijfers van de hele gemeente ziet, kan uitgeven.")
    earlier = versions(report.municipality.id, report.kind, report.period.code)
    if earlier and not reason.strip():
        raise IssueError(
            "Geef de reden van de correctie: de gemeente ziet die bij de nieuwe versie."
        )
    if len(reason) > MAX_REASON:
        raise IssueError(f"De reden is langer dan {MAX_REASON} tekens.")
    return earlier[-1] if earlier else None


def issue(
    report: MunicipalityReport,
    content: dict[str, Any],
    html: str,
    pdf: bytes,
    issuer: User,
    reason: str,
    previous: IssuedReport | None,
) -> IssuedReport:
    # Compared as stored: the JSON column gives back plain lists and floats.
    content = json.loads(json.dumps(content))
    changes = differences(previous.content, content) if previous is not None else []
    if previous is not None and not changes:
        raise IssueError(
            f"Er is niets veranderd sinds versie {previous.version}: er valt niets te corrigeren."
        )
    issued = IssuedReport(
        municipality_id=report.municipality.id,
        kind=report.kind,
        period=report.period.code,
        version=(previous.version + 1) if previous is not None else 1,
        title=report.title,
        issued_at=clock.now(),
        issued_by_id=issuer.id,
        reason=reason.strip(),
        content=content,
        changes=changes,
        html=html,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    db.session.add(issued)
    db.session.flush()
    return issued


def issued_for(municipality_id: int) -> list[IssuedReport]:
    return list(
        db.session.scalars(
            sa.select(IssuedReport)
            .where(IssuedReport.municipality_id == municipality_id)
            .order_by(IssuedReport.period.desc(), IssuedReport.kind, IssuedReport.version.desc())
        )
    )
