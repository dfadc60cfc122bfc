"""The closed half of tijdigheid from the day roll-up instead of from every stopped deadline.

The roll-up (`ClosedDeadlineDay`) carries a stopped term's day, its case's municipality, team
and type, its kind and outcome. Whatever a report asks in those terms (its filter and its
groups) is the same question put to the roll-up, with the case's columns read from the
roll-up's; a handler filter or a group the roll-up does not carry is asked of the deadlines.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import Case, ClosedDeadlineDay, Outcome
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.sql import in_period

# Groups the roll-up answers: its own columns, and what follows from the case type.
ROLLED_UP_GROUPS = frozenset({"gemeente", "zaaktype", "domein", "team", "maand", "jaar"})
DAY = TimeColumn(ClosedDeadlineDay.day, is_date=True)
_CASES = Case.__table__
_IN_ROLL_UP: dict[str, Any] = {
    "municipality_id": ClosedDeadlineDay.municipality_id,
    "case_type": ClosedDeadlineDay.case_type,
    # The roll-up writes 0 for "no team" so its key can be compared.
    "team_id": sa.func.nullif(ClosedDeadlineDay.team_id, 0),
}


def answers(report_filter: ReportFilter, dims: Sequence[Dimension]) -> bool:
    return report_filter.assignee_id is None and all(d.key in ROLLED_UP_GROUPS for d in dims)


def from_roll_up(expression: ColumnElement[Any]) -> ColumnElement[Any]:
    """The expression with the case's columns replaced by the roll-up's."""

    def replace(element: Any, **_: Any) -> Any:
        name = getattr(element, "name", None)
        if getattr(element, "table", None) is _CASES and name in _IN_ROLL_UP:
            return _IN_ROLL_UP[name]
        return None

    options: dict[str, Any] = {}
    replaced: ColumnElement[Any] = visitors.replacement_traverse(expression, options, replace)
    return replaced


def closed_counts(report_filter: ReportFilter, dims: Sequence[Dimension]) -> sa.Select[Any]:
    """Per row of the roll-up its groups and its terms closed in time and late, shaped like the
    population's stopped half (no case or detail: these numbers are not a list)."""
    terms = ClosedDeadlineDay.terms
    groups = [
        from_roll_up(d.expression(report_filter, DAY)).label(f"g{i}") for i, d in enumerate(dims)
    ]
    return sa.select(
        sa.null().label("case_id"),
        sa.null().label("detail"),
        *groups,
        sa.case((ClosedDeadlineDay.outcome == Outcome.IN_TIME, terms), else_=0).label(
            "afgehandeld_tijdig"
        ),
        sa.case((ClosedDeadlineDay.outcome == Outcome.LATE, terms), else_=0).label(
            "afgehandeld_te_laat"
        ),
        sa.literal_column("0", sa.Integer).label("open_tijdig"),
        sa.literal_column("0", sa.Integer).label("open_te_laat"),
    ).where(
        in_period(ClosedDeadlineDay.day, report_filter.period, is_date=True),
        ClosedDeadlineDay.outcome.in_((Outcome.IN_TIME, Outcome.LATE)),
        ClosedDeadlineDay.kind.in_(report_filter.deadline_kinds),
        *(from_roll_up(condition) for condition in report_filter.case_conditions()),
    )
