"""Which figures a user may read: the municipalities, for a team manager the teams, and whether
the cases and employees behind a figure may be shown."""

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from caseflow.models import User
from caseflow.permissions import LIST_REPORTED_CASES, READ_WHOLE_MUNICIPALITY
from caseflow.scope.clauses import report_municipality_ids, team_ids

if TYPE_CHECKING:
    from caseflow.reports.filters import ReportFilter

# Groupings that name employees.
STAFF_DIMENSIONS = frozenset({"consulent"})


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

    def apply(self, report_filter: "ReportFilter") -> "ReportFilter":
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
    teams = None if user.may(READ_WHOLE_MUNICIPALITY) else tuple(team_ids(user))
    # Lists of individual cases only for those who may open cases (see caseflow.scope.clauses).
    may_list = user.may(LIST_REPORTED_CASES)
    return ReportScope(municipalities, teams, may_list, sees_staff=may_list)
