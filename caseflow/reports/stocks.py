"""What runs on a reference date (peildatum): the counting both registers share.

A stock is counted on one day: the last day of the period, or today when the period has not
ended yet. Grouped by month or year it is counted on the last day of each (the MER dashboard's
"stand op 31-12" per year). The days are a small list of literals the register rows are joined
to, so one query counts every day at once and its drill-down lists exactly the rows it counted.
Provisions and benefits are counted the same way, so both registers ask `running_on_days`.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from caseflow.models import Benefit, Case, Provision
from caseflow.reports.base import group_columns
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period

TIME_GROUPS = ("maand", "jaar")


def reference_days(report_filter: ReportFilter, dims: Sequence[Dimension]) -> list[date]:
    """The days the stock is counted on: one per month or year of the period when grouped by
    time, else the period's last day; never after today."""
    today = report_filter.today
    period = report_filter.period
    unit = next((d.key for d in dims if d.key in TIME_GROUPS), None)
    if unit is None:
        return [min(period.end or today, today)]
    parts: list[Period] = period.months() if unit == "maand" else period.years()
    return [min(p.end, today) for p in parts if p.start and p.end and p.start <= today]


def one_day(dims: Sequence[Dimension]) -> bool:
    """Counted on a single reference day (not per month or year): every row then falls in
    exactly one group, so the groups add up to the total."""
    return not any(d.key in TIME_GROUPS for d in dims)


def days_table(days: Sequence[date]) -> sa.Subquery:
    """The reference days as a table with one column, `dag`."""
    # Bound as dates: PostgreSQL gets them typed, SQLite as the ISO text its date columns hold.
    selects = [sa.select(sa.literal(day, sa.Date).label("dag")) for day in days]
    if not selects:
        return sa.select(sa.literal(None, sa.Date).label("dag")).where(sa.false()).subquery("peil")
    return (selects[0] if len(selects) == 1 else sa.union_all(*selects)).subquery("peildata")


def runs_on(start: Any, end: Any, day: Any) -> sa.ColumnElement[bool]:
    """Started on or before the day, and not ended before it (the end is the last day)."""
    return sa.and_(start <= day, sa.or_(end.is_(None), end >= day))


def day_column(days: sa.Subquery) -> TimeColumn:
    return TimeColumn(days.c.dag, is_date=True)


Register = type[Provision] | type[Benefit]


def register_scope(report_filter: ReportFilter, register: Register) -> list[Any]:
    """The report's case filter, and its municipalities on the register's own column too, so
    the database can start from the register's index."""
    conditions = report_filter.case_conditions()
    if report_filter.municipality_ids is not None:
        conditions.append(register.municipality_id.in_(report_filter.municipality_ids))
    return conditions


def running_on_days(
    register: Register,
    report_filter: ReportFilter,
    dims: Sequence[Dimension],
    *,
    detail: Any,
    measures: Mapping[str, int],
) -> sa.Select[Any]:
    """One row per register row running on each reference day, read through the case of the
    decision that granted it; `measures` are the constant counted columns of that row."""
    days = days_table(reference_days(report_filter, dims))
    return (
        sa.select(
            register.case_id.label("case_id"),
            detail.label("detail"),
            *group_columns(report_filter, dims, day_column(days)),
            *(sa.literal(value).label(name) for name, value in measures.items()),
        )
        .select_from(register)
        .join(Case, Case.id == register.case_id)
        .join(days, runs_on(register.start_date, register.end_date, days.c.dag))
        .where(*register_scope(report_filter, register))
    )
