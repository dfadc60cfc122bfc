"""The bezwaar and klachten registers and the letters: their reports, their report pages, the
page of a bezwaar case and the page of a sent decision letter.

The reports are the indicators behind the service agreement (bezwaren_per_besluiten,
bezwaren_gegrond, bezwaren_tijdig, klachten_gegrond, klachten_tijdig), run for this year over
the region as `register_stands` runs the provision reports. The pages are requested with the
Flask test client as the region's quality reader (the report pages, which read whole
municipalities), the jurist of the bezwaar case with the most events, and the sender of a
granting decision letter (whose page composes the letter as it was sent).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import Flask

from benchmarks.common import Stopwatch, latency_summary
from benchmarks.scenarios.reads import Who, page_timing
from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Letter, Objection, Role, User, UserRole
from caseflow.models.organisation import user_municipalities

REPORTS: tuple[tuple[str, str, list[str]], ...] = (
    ("objections_per_decisions", "bezwaren_per_besluiten", ["domein"]),
    ("objections_upheld", "bezwaren_gegrond", ["zaaktype"]),
    ("objections_on_time", "bezwaren_tijdig", ["zaaktype"]),
    ("complaints_upheld", "klachten_gegrond", ["team"]),
    ("complaints_on_time", "klachten_tijdig", []),
)
REPORT_PAGES = (
    ("objections_per_decisions_page", "bezwaren_per_besluiten", "domein"),
    ("complaints_upheld_page", "klachten_gegrond", "team"),
)


@dataclass(frozen=True)
class Readers:
    quality_id: int | None
    objection_case_id: int | None
    jurist_id: int | None
    letter: tuple[int, int, int] | None  # case id, letter id, sender id


def objection_reports(app: Flask, who: Who, count: int, seconds: float) -> dict[str, Any]:
    """The register reports for this year over the manager's region."""
    with app.app_context():
        return _reports(who, count, seconds)


def _reports(who: Who, count: int, seconds: float) -> dict[str, Any]:
    from caseflow.reports.filters import ReportFilter
    from caseflow.reports.periods import Period
    from caseflow.reports.registry import indicator

    manager = db.session.get(User, who.manager_id)
    assert manager is not None
    today = clock.today()
    region = tuple(m.id for m in manager.municipalities)
    year = Period.custom(date(today.year, 1, 1), today)
    results: dict[str, Any] = {"method": "caseflow.reports indicator(...).run, this year, region"}
    for label, code, group in REPORTS:
        report = indicator(code)
        report_filter = ReportFilter(today=today, period=year, municipality_ids=region)
        watch = Stopwatch(count, seconds)
        while watch.running():
            with watch.sample():
                outcome = report.run(report_filter, group)
            db.session.rollback()
        first = report.measures[0].key
        results[label] = {
            "indicator": code,
            "group_by": group,
            "counted": outcome.total.values[first],
            "counted_measure": first,
            **latency_summary(watch.samples),
        }
    return results


def register_pages(app: Flask, who: Who, count: int, seconds: float) -> dict[str, Any]:
    """The report pages, a bezwaar case's page and a sent letter's page."""
    readers = _readers(app, who)
    results: dict[str, Any] = {"method": "Flask test client, logged in, full page"}
    year = clock.today().year
    for label, code, group in REPORT_PAGES:
        if readers.quality_id is None:
            results[label] = {"skipped": "no quality reader in the region"}
            continue
        path = f"/rapportages/indicatoren/{code}?periode={year}&groep={group}"
        watch = Stopwatch(count, seconds)
        results[label] = page_timing(app, readers.quality_id, path, watch)
    if readers.objection_case_id is not None and readers.jurist_id is not None:
        path = f"/zaken/{readers.objection_case_id}"
        watch = Stopwatch(count, seconds)
        results["objection_case_page"] = page_timing(app, readers.jurist_id, path, watch)
    else:
        results["objection_case_page"] = {"skipped": "no bezwaar case in the region"}
    if readers.letter is not None:
        case_id, letter_id, sender_id = readers.letter
        path = f"/zaken/{case_id}/brieven/{letter_id}"
        watch = Stopwatch(count, seconds)
        results["letter_page"] = page_timing(app, sender_id, path, watch)
    else:
        results["letter_page"] = {"skipped": "no sent decision letter in the region"}
    return results


def _readers(app: Flask, who: Who) -> Readers:
    with app.app_context():
        manager = db.session.get(User, who.manager_id)
        assert manager is not None
        region = [m.id for m in manager.municipalities]
        quality_id = db.session.scalar(
            sa.select(UserRole.user_id)
            .join(user_municipalities, user_municipalities.c.user_id == UserRole.user_id)
            .where(
                UserRole.role == Role.KWALITEIT,
                user_municipalities.c.municipality_id.in_(region),
            )
            .limit(1)
        )
        events = sa.func.count(CaseEvent.id)
        objection = db.session.execute(
            sa.select(Case.id, Case.assignee_id)
            .join(Objection, Objection.case_id == Case.id)
            .join(CaseEvent, CaseEvent.case_id == Case.id)
            .where(Case.municipality_id.in_(region), Case.assignee_id.is_not(None))
            .group_by(Case.id, Case.assignee_id)
            .order_by(events.desc(), Case.id)
            .limit(1)
        ).first()
        letter = db.session.execute(
            sa.select(Letter.case_id, Letter.id, Letter.sent_by_id)
            .join(Case, Case.id == Letter.case_id)
            .where(
                Case.municipality_id.in_(region),
                Letter.kind == "beschikking_toekenning",
                Letter.sent_by_id.is_not(None),
            )
            .order_by(Letter.sent_at.desc())
            .limit(1)
        ).first()
        db.session.rollback()
        return Readers(
            quality_id,
            objection[0] if objection else None,
            objection[1] if objection else None,
            (letter[0], letter[1], letter[2]) if letter and letter[2] else None,
        )


REPORT_ROWS = (
    ("objections_per_decisions", "bezwaar: per 1,000 decisions"),
    ("objections_upheld", "bezwaar: upheld"),
    ("objections_on_time", "bezwaar: decided on time"),
    ("complaints_upheld", "klacht: upheld"),
    ("complaints_on_time", "klacht: handled on time"),
)
REPORT_PAGE_ROWS = (
    ("objections_per_decisions_page", "page: bezwaren per besluiten"),
    ("complaints_upheld_page", "page: klachten gegrond"),
)
CASE_PAGE_ROWS = (
    ("objection_case_page", "page: bezwaar case"),
    ("letter_page", "page: sent decision letter"),
)
PAGE_ROWS = REPORT_PAGE_ROWS + CASE_PAGE_ROWS

__all__ = [
    "CASE_PAGE_ROWS",
    "PAGE_ROWS",
    "REPORT_PAGE_ROWS",
    "REPORT_ROWS",
    "objection_reports",
    "register_pages",
]
