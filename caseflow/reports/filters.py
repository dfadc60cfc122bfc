"""What a report counts: the filter on cases, and the part of it a user may read."""

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import Case, DeadlineKind, Role, User
from caseflow.reports.periods import Period
from caseflow.scope import report_municipality_ids, team_ids
from caseflow.workflow.registry import registry

UNASSIGNED = 0  # assignee filter value for "no handler yet"
DEFAULT_SOON_DAYS = 10
WIDE_ROLES = (Role.GEMEENTE, Role.KWALITEIT, Role.BEHEERDER)
# Groupings that name employees.
STAFF_DIMENSIONS = frozenset({"consulent"})


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


@dataclass(frozen=True)
class ReportScope:
    """The municipalities (and for a team manager: teams) whose figures a user may read."""

    municipality_ids: tuple[int, ...]
    team_ids: tuple[int, ...] | None
    may_list_cases: bool
    # Figures per named employee: for team managers and quality staff, not for the municipality.
    sees_staff: bool = False

    @property
    def readable(self) -> bool:
        return bool(self.municipality_ids)

    def allows_municipality(self, municipality_id: int) -> bool:
        return municipality_id in self.municipality_ids

    def allows_team(self, team_id: int) -> bool:
        return self.team_ids is None or team_id in self.team_ids

    def apply(self, report_filter: ReportFilter) -> ReportFilter:
        """Narrow a filter to this scope (never widen it)."""
        municipalities = self.municipality_ids
        if report_filter.municipality_ids is not None:
            municipalities = tuple(
                m for m in report_filter.municipality_ids if m in self.municipality_ids
            )
        teams = report_filter.team_ids
        if self.team_ids is not None:
            teams = tuple(t for t in (teams or self.team_ids) if t in self.team_ids)
        assignee = report_filter.assignee_id if self.sees_staff else None
        return replace(
            report_filter, municipality_ids=municipalities, team_ids=teams, assignee_id=assignee
        )

    def groups(self, wanted: list[str]) -> list[str]:
        """The groupings asked for that this reader may see (no employees for the municipality)."""
        return [g for g in wanted if self.sees_staff or g not in STAFF_DIMENSIONS]


def scope_for(user: User) -> ReportScope:
    municipalities = tuple(report_municipality_ids(user))
    # A team manager reads the figures of their own teams; wider roles read whole municipalities.
    teams = None if user.has_role(*WIDE_ROLES) else tuple(team_ids(user))
    # Lists of individual cases only for those who may open cases (see caseflow.scope).
    may_list = user.has_role(Role.KWALITEIT, Role.TEAMMANAGER)
    return ReportScope(municipalities, teams, may_list, sees_staff=may_list)
