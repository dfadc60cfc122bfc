"""What a report counts: the filter on cases, and the part of it a user may read."""

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import Case, DeadlineKind
from caseflow.reports.periods import Period
from caseflow.workflow.registry import registry

UNASSIGNED = 0  # assignee filter value for "no handler yet"
DEFAULT_SOON_DAYS = 10


@dataclass(frozen=True)
class ReportFilter:
    """Every field narrows the cases counted; None means no restriction on that field."""

    today: date
    period: Period = field(default_factory=Period.everything)
    municipality_ids: tuple[int, ...] | None = None
    team_ids: tuple[int, ...] | None = None
    case_types: tuple[str, ...] | None = None
    assignee_id: int | None = None
    deadline_kinds: tuple[str, ...] = (DeadlineKind.LEGAL,)
    soon_days: int = DEFAULT_SOON_DAYS

    def case_conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.municipality_ids is not None:
            conditions.append(Case.municipality_id.in_(self.municipality_ids))
        if self.team_ids is not None:
            conditions.append(Case.team_id.in_(self.team_ids))
        if self.case_types is not None:
            conditions.append(Case.case_type.in_(self.case_types))
        if self.assignee_id == UNASSIGNED:
            conditions.append(Case.assignee_id.is_(None))
        elif self.assignee_id is not None:
            conditions.append(Case.assignee_id == self.assignee_id)
        return conditions

    def with_period(self, period: Period) -> "ReportFilter":
        return replace(self, period=period)


def case_types_of_domain(domain: str) -> tuple[str, ...]:
    return tuple(name for name, wf in registry().workflows.items() if wf.domain == domain)


def domains() -> dict[str, tuple[str, ...]]:
    """Domain -> its case types, from the workflow definitions."""
    found: dict[str, list[str]] = {}
    for name, wf in sorted(registry().workflows.items()):
        found.setdefault(wf.domain, []).append(name)
    return {domain: tuple(names) for domain, names in sorted(found.items())}
