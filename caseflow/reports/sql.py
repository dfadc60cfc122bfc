"""SQL building blocks that read the same on SQLite and PostgreSQL."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from caseflow.reports.periods import Period

SECONDS_PER_DAY = 86400


class seconds_between(FunctionElement[int]):
    """Whole seconds from the first timestamp to the second."""

    type = sa.BigInteger()
    inherit_cache = True


class days_between(FunctionElement[int]):
    """Whole days from the first date to the second."""

    type = sa.Integer()
    inherit_cache = True


def _args(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(clause, **kw) for clause in element.clauses]


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _args(element, compiler, **kw)
    return f"CAST(ROUND((julianday({end}) - julianday({start})) * 86400) AS INTEGER)"


@compiles(seconds_between)
def _seconds_default(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _args(element, compiler, **kw)
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS BIGINT)"


@compiles(days_between, "sqlite")
def _days_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _args(element, compiler, **kw)
    return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"


@compiles(days_between)
def _days_default(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _args(element, compiler, **kw)
    return f"({end} - {start})"


def flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """1 when the condition holds, else 0: summed, it counts."""
    return sa.case((condition, 1), else_=0)


def in_period(column: Any, period: Period, *, is_date: bool) -> ColumnElement[bool]:
    """The column falls inside the period: Amsterdam dates, or UTC moments of those dates."""
    start: date | datetime | None = period.start if is_date else period.utc_start
    conditions: list[ColumnElement[bool]] = []
    if start is not None:
        conditions.append(column >= start)
    if is_date and period.end is not None:
        conditions.append(column <= period.end)
    elif period.utc_end is not None:
        conditions.append(column < period.utc_end)
    return sa.and_(sa.true(), *conditions)


def bucket(column: Any, buckets: Sequence[Period], *, is_date: bool) -> ColumnElement[Any]:
    """The code of the bucket (month, year) the column falls in, NULL outside all of them.

    Bounds are computed here in Python, so the database compares plain values and can use its
    indexes, with no time-zone arithmetic of its own.
    """
    if not buckets:
        return sa.null()
    whens = [(in_period(column, b, is_date=is_date), sa.literal(b.code)) for b in buckets]
    return sa.case(*whens, else_=sa.null())


def percentile(value: Any, row_number: Any, count: Any, percent: int) -> ColumnElement[Any]:
    """Linear interpolation between ranks, as PostgreSQL's percentile_cont (percent 0-100).

    Expects `row_number` (1-based, ordered by value) and `count` over the same partition; the
    aggregate picks the one or two rows around the wanted rank with integer arithmetic only.
    """
    scaled = (count - 1) * percent
    lower = scaled // 100 + 1
    weight = scaled % 100
    term = sa.case(
        (row_number == lower, value * (100 - weight)),
        (row_number == lower + 1, value * weight),
        else_=0,
    )
    return sa.func.sum(term) / 100.0
