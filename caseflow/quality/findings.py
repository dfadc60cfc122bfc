"""Findings: per sampled case and checklist item a verdict; an error needs its cause.

The error points of an item are its weight in the checklist when it was judged, so the score of
a sample stays what it was if the checklist changes later. Saving a case's checklist again
replaces its verdicts (the reviewer corrects a mistake), in one step.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import CAUSES, VERDICTS, Case, QualityFinding, QualitySample, User
from caseflow.permissions import REVIEW_QUALITY
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.errors import InvalidData, NotAuthorised
from caseflow.workflow.registry import registry
from caseflow.workflow.schema import ChecklistItem

MAX_NOTE = 4000


@dataclass(frozen=True)
class Verdict:
    verdict: str
    cause: str | None = None
    note: str = ""


def checklist_of(case: Case) -> tuple[ChecklistItem, ...]:
    return registry().get(case.case_type).checklist


def findings_of(sample: QualitySample, case: Case) -> dict[str, QualityFinding]:
    rows = db.session.scalars(
        sa.select(QualityFinding).where(
            QualityFinding.sample_id == sample.id, QualityFinding.case_id == case.id
        )
    )
    return {row.item: row for row in rows}


def record_findings(
    sample: QualitySample, case: Case, reviewer: User, verdicts: Mapping[str, Verdict]
) -> list[QualityFinding]:
    if not reviewer.may(REVIEW_QUALITY) or not reviewer.serves(sample.municipality_id):
        raise NotAuthorised("Alleen een kwaliteitsmedewerker van deze gemeente toetst.")
    if all(c.case_id != case.id for c in sample.cases):
        raise InvalidData({"zaak": "Deze zaak hoort niet bij de steekproef."})
    if sample.closed_at is not None:
        raise InvalidData({"zaak": "Deze steekproef is afgesloten."})
    errors: dict[str, str] = {}
    items = checklist_of(case)
    for item in items:
        given = verdicts.get(item.code)
        if given is None or given.verdict not in VERDICTS:
            errors[item.code] = f"Kies of '{item.label}' voldoet."
        elif given.verdict == "voldoet_niet" and given.cause not in CAUSES:
            errors[item.code] = f"Kies de oorzaak bij '{item.label}'."
        elif len(given.note) > MAX_NOTE:
            errors[item.code] = "De toelichting is te lang."
    if errors:
        raise InvalidData(errors)
    with all_or_nothing():
        db.session.execute(
            sa.delete(QualityFinding).where(
                QualityFinding.sample_id == sample.id, QualityFinding.case_id == case.id
            )
        )
        rows = []
        for item in items:
            given = verdicts[item.code]
            failed = given.verdict == "voldoet_niet"
            rows.append(
                QualityFinding(
                    sample_id=sample.id,
                    case_id=case.id,
                    item=item.code,
                    verdict=given.verdict,
                    cause=given.cause if failed else None,
                    weight=item.weight,
                    points=item.weight if failed else 0,
                    note=given.note.strip() or None,
                    recorded_by_id=reviewer.id,
                    recorded_at=clock.now(),
                )
            )
        db.session.add_all(rows)
        db.session.flush()
    return rows


@dataclass(frozen=True)
class SampleScore:
    cases: int
    checked_cases: int
    items_checked: int
    items_failed: int
    points: int
    possible_points: int
    causes: dict[str, int]

    @property
    def error_percentage(self) -> float | None:
        """Error points as a share of the points that could be lost (n.v.t. left out)."""
        if not self.possible_points:
            return None
        return round(100.0 * self.points / self.possible_points, 1)


def score(sample: QualitySample) -> SampleScore:
    rows = list(
        db.session.scalars(sa.select(QualityFinding).where(QualityFinding.sample_id == sample.id))
    )
    applicable = [r for r in rows if r.verdict != "nvt"]
    causes: dict[str, int] = {}
    for row in rows:
        if row.cause:
            causes[row.cause] = causes.get(row.cause, 0) + 1
    return SampleScore(
        cases=len(sample.cases),
        checked_cases=len({r.case_id for r in rows}),
        items_checked=len(applicable),
        items_failed=sum(1 for r in applicable if r.verdict == "voldoet_niet"),
        points=sum(r.points for r in applicable),
        possible_points=sum(r.weight for r in applicable),
        causes=causes,
    )
