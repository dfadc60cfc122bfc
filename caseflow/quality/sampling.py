"""Drawing a sample: random, but repeatable from its seed, and redrawn only with a reason.

The candidates are the decided cases (closed, with a decision the definition marks
`decision:`, of a type with a checklist) of one municipality and domain, optionally one team,
closed in the period, in id order; the seed picks from them with Python's random. Anyone who
knows the seed and the period can draw the same sample again, which is what an auditor checks.
A redraw keeps the old sample and says why.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, QualitySample, QualitySampleCase, User
from caseflow.permissions import REVIEW_QUALITY
from caseflow.scope.clauses import need_to_know
from caseflow.scope.queries import unscoped
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.errors import InvalidData, NotAuthorised
from caseflow.workflow.registry import registry

MAX_SIZE = 200


@dataclass(frozen=True)
class SampleRequest:
    municipality_id: int | None
    domain: str
    team_id: int | None
    period_start: date | None
    period_end: date | None
    size: int | None


def _decided() -> sa.ColumnElement[bool]:
    """The case took a decision (a transition with `decision:`), not only closed."""
    return sa.or_(
        sa.false(),
        *(
            sa.and_(
                Case.case_type == name,
                sa.exists().where(
                    CaseEvent.case_id == Case.id,
                    CaseEvent.trigger.in_(sorted(wf.decision_triggers())),
                ),
            )
            for name, wf in sorted(registry().workflows.items())
            if wf.checklist and wf.decision_triggers()
        ),
    )


def checked_case_types(domain: str) -> list[str]:
    """The case types of the domain that have a checklist: what a sample can hold."""
    return sorted(
        name for name, wf in registry().workflows.items() if wf.domain == domain and wf.checklist
    )


def sample_domains() -> list[str]:
    return sorted({wf.domain for wf in registry().workflows.values() if wf.checklist})


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Amsterdam calendar days as UTC moments."""
    return (
        datetime.combine(start, time.min, clock.LOCAL_TZ).astimezone(UTC),
        datetime.combine(end, time.max, clock.LOCAL_TZ).astimezone(UTC),
    )


def candidates(
    municipality_id: int, domain: str, team_id: int | None, start: date, end: date, reviewer: User
) -> list[int]:
    """The ids of the decided cases a sample is drawn from, in id order."""
    since, until = _bounds(start, end)
    conditions = [
        Case.municipality_id == municipality_id,
        Case.case_type.in_(checked_case_types(domain)),
        Case.closed_at >= since,
        Case.closed_at <= until,
        Case.destroyed_at.is_(None),
        _decided(),
        # Sensitive case types only where the reviewer needs to know, as everywhere.
        need_to_know(reviewer),
    ]
    if team_id is not None:
        conditions.append(Case.team_id == team_id)
    with unscoped():
        return list(db.session.scalars(sa.select(Case.id).where(*conditions).order_by(Case.id)))


def draw(ids: list[int], size: int, seed: int) -> list[int]:
    """The sample the seed picks: the same ids and seed always give the same cases."""
    return sorted(random.Random(seed).sample(ids, min(size, len(ids))))


def _checked(reviewer: User, given: SampleRequest) -> tuple[int, date, date, int]:
    errors: dict[str, str] = {}
    if given.municipality_id is None or not reviewer.serves(given.municipality_id):
        errors["gemeente"] = "Kies een gemeente waarvoor u werkt."
    if given.domain not in sample_domains():
        errors["domein"] = "Kies een domein met een checklist."
    if given.period_start is None or given.period_end is None:
        errors["periode"] = "Vul het begin en het einde van de periode in."
    elif given.period_start > given.period_end:
        errors["periode"] = "Het begin van de periode ligt na het einde."
    if given.size is None or not 1 <= given.size <= MAX_SIZE:
        errors["aantal"] = f"Kies een aantal van 1 tot en met {MAX_SIZE}."
    if errors:
        raise InvalidData(errors)
    assert given.municipality_id and given.period_start and given.period_end and given.size
    return given.municipality_id, given.period_start, given.period_end, given.size


def draw_sample(reviewer: User, given: SampleRequest, *, seed: int | None = None) -> QualitySample:
    if not reviewer.may(REVIEW_QUALITY):
        raise NotAuthorised("Alleen een kwaliteitsmedewerker trekt een steekproef.")
    municipality_id, start, end, size = _checked(reviewer, given)
    pool = candidates(municipality_id, given.domain, given.team_id, start, end, reviewer)
    if not pool:
        raise InvalidData({"periode": "In deze periode is geen besluit genomen om te toetsen."})
    seed = seed if seed is not None else secrets.randbelow(2**31)
    with all_or_nothing():
        sample = QualitySample(
            municipality_id=municipality_id,
            domain=given.domain,
            team_id=given.team_id,
            period_start=start,
            period_end=end,
            size=size,
            seed=seed,
            drawn_by_id=reviewer.id,
            cases=[QualitySampleCase(case_id=i) for i in draw(pool, size, seed)],
        )
        db.session.add(sample)
        db.session.flush()
    return sample


def redraw(sample: QualitySample, reviewer: User, because: str) -> QualitySample:
    """A new sample of the same kind with a new seed; the old one stays, with the reason."""
    if not because.strip():
        raise InvalidData({"reden": "Zeg waarom de steekproef opnieuw wordt getrokken."})
    if sample.replaced_by_id is not None:
        raise InvalidData({"reden": "Deze steekproef is al opnieuw getrokken."})
    new = draw_sample(
        reviewer,
        SampleRequest(
            sample.municipality_id,
            sample.domain,
            sample.team_id,
            sample.period_start,
            sample.period_end,
            sample.size,
        ),
    )
    sample.replaced_by_id = new.id
    sample.replaced_because = because.strip()[:500]
    sample.closed_at = clock.now()
    db.session.flush()
    return new
