"""The words around the figures: a Toelichting per section and the special assignments.

Written by the team manager or controller before the report is issued (seed 001: management
information "waar nodig voorzien van analyses en adviezen"; bestuursrapportages cover "speciale
opdrachten"). Issuing copies them into the frozen report; the drafts stay for the next version.
"""

from decimal import Decimal

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import DvoValue, ReportText
from caseflow.reports.municipal import ASSIGNMENT, Assignment

MAX_TEXT = 5000
MAX_ASSIGNMENTS = 5


def _texts(municipality_id: int, kind: str, period: str) -> list[ReportText]:
    return list(
        db.session.scalars(
            sa.select(ReportText)
            .where(
                ReportText.municipality_id == municipality_id,
                ReportText.kind == kind,
                ReportText.period == period,
            )
            .order_by(ReportText.section)
        )
    )


def load(municipality_id: int, kind: str, period: str) -> tuple[dict[str, str], list[Assignment]]:
    texts: dict[str, str] = {}
    assignments: list[Assignment] = []
    for row in _texts(municipality_id, kind, period):
        if row.section.startswith(ASSIGNMENT):
            assignments.append(Assignment(row.section, row.title, row.body))
        else:
            texts[row.section] = row.body
    return texts, assignments


def save(
    municipality_id: int,
    kind: str,
    period: str,
    texts: dict[str, str],
    assignments: list[tuple[str, str]],
    user_id: int,
) -> None:
    """Replace the drafts: empty texts and assignments without a title are left out."""
    wanted = {key: ("", body.strip()) for key, body in texts.items() if body.strip()}
    for number, (title, body) in enumerate(
        [(t.strip(), b.strip()) for t, b in assignments if t.strip()], start=1
    ):
        wanted[f"{ASSIGNMENT}-{number}"] = (title, body)
    existing = {row.section: row for row in _texts(municipality_id, kind, period)}
    for key, row in existing.items():
        if key not in wanted:
            db.session.delete(row)
    for key, (title, body) in wanted.items():
        row = existing.get(key) or ReportText(
            municipality_id=municipality_id, kind=kind, period=period, section=key
        )
        row.title, row.body, row.updated_by_id = title, body, user_id
        db.session.add(row)
    db.session.flush()


def save_values(
    municipality_id: int, period: str, values: dict[str, Decimal | None], user_id: int
) -> None:
    """The hand-entered figures of a period; None clears one (back to "nog in te vullen")."""
    existing = {
        row.indicator: row
        for row in db.session.scalars(
            sa.select(DvoValue).where(
                DvoValue.municipality_id == municipality_id, DvoValue.period == period
            )
        )
    }
    for code, value in values.items():
        row = existing.get(code)
        if value is None:
            if row is not None:
                db.session.delete(row)
            continue
        if row is None:
            row = DvoValue(municipality_id=municipality_id, indicator=code, period=period)
            db.session.add(row)
        row.value, row.updated_by_id = value, user_id
    db.session.flush()
