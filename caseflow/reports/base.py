"""The shape every indicator shares: measures, grouped rows with a total, and drill-down."""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.reports.dimensions import Dimension, TimeColumn, dimension
from caseflow.reports.filters import ReportFilter
from caseflow.scope.queries import unscoped

Number = int | float | None
Population = sa.Select[Any] | sa.CompoundSelect[Any]


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str = "aantal"  # aantal | procent | dagen
    # The number counts the rows of a list the user can open (drill-down).
    drill: bool = False
    # What the rows of that list are, singular and plural (a case, a term, a handover).
    items: tuple[str, str] = ("zaak", "zaken")
    # The one number the indicator is read by, shown above its table.
    headline: bool = False


@dataclass(frozen=True)
class Row:
    keys: tuple[Any, ...]
    labels: tuple[str, ...]
    values: Mapping[str, Number]


@dataclass(frozen=True)
class ReportResult:
    indicator: "Indicator"
    report_filter: ReportFilter
    dimensions: tuple[Dimension, ...]
    rows: list[Row]
    total: Row

    @property
    def group_by(self) -> tuple[str, ...]:
        return tuple(d.key for d in self.dimensions)

    def export_rows(self) -> list[Row]:
        """Grouped rows, or the one total row when nothing is grouped."""
        return self.rows if self.dimensions else [self.total]


class Indicator(ABC):
    code: ClassVar[str]
    name: ClassVar[str]
    definition: ClassVar[str]
    measures: ClassVar[tuple[Measure, ...]]
    # False: a count of today (werkvoorraad), the period filter does not apply.
    uses_period: ClassVar[bool] = True
    # Groups that are always there (e.g. the state for time per state), before the chosen ones.
    fixed_groups: ClassVar[tuple[Dimension, ...]] = ()
    default_group: ClassVar[tuple[str, ...]] = ()

    def measure(self, key: str) -> Measure:
        return next(m for m in self.measures if m.key == key)

    @property
    def headline(self) -> Measure | None:
        return next((m for m in self.measures if m.headline), None)

    def dimension(self, key: str) -> Dimension:
        fixed = {d.key: d for d in self.fixed_groups}
        return fixed[key] if key in fixed else dimension(key)

    def time_column(self) -> TimeColumn | None:
        return None

    def dimensions_for(self, group_by: Sequence[str]) -> tuple[Dimension, ...]:
        fixed = {d.key for d in self.fixed_groups}
        chosen = [dimension(key) for key in dict.fromkeys(group_by) if key not in fixed]
        return (*self.fixed_groups, *chosen)

    def run(self, report_filter: ReportFilter, group_by: Sequence[str] = ()) -> ReportResult:
        """The numbers. They count past the reader's case scope: the filter carries the
        report scope (caseflow.scope.reports), and a municipality reader opens no case."""
        dims = self.dimensions_for(group_by)
        with unscoped():
            grouped = self.aggregate(report_filter, dims) if dims else []
            total = (
                self.total(report_filter, dims, grouped)
                if dims
                else self.aggregate(report_filter, ())
            )
        return self._result(report_filter, dims, grouped, total[0][1] if total else self.empty())

    def _result(
        self,
        report_filter: ReportFilter,
        dims: tuple[Dimension, ...],
        grouped: list[tuple[tuple[Any, ...], dict[str, Number]]],
        total: Mapping[str, Number],
    ) -> ReportResult:
        labels = [d.labels(keys[i] for keys, _ in grouped) for i, d in enumerate(dims)]
        raw = [
            Row(keys, tuple(labels[i][k] for i, k in enumerate(keys)), values)
            for keys, values in grouped
        ]
        rows = [Row(r.keys, r.labels, self.finish(r.values)) for r in self.complete(raw)]
        rows.sort(key=lambda r: _sort_key(dims, r))
        return ReportResult(self, report_filter, dims, rows, Row((), (), self.finish(total)))

    def total(
        self,
        report_filter: ReportFilter,
        dims: Sequence[Dimension],
        grouped: list[tuple[tuple[Any, ...], dict[str, Number]]],
    ) -> list[tuple[tuple[Any, ...], dict[str, Number]]]:
        """The ungrouped numbers of a grouped run."""
        return self.aggregate(report_filter, ())

    def roll_up(self, result: ReportResult, keep: Sequence[str]) -> ReportResult:
        """The same numbers grouped by fewer dimensions; in general that means asking again."""
        return self.run(result.report_filter, keep)

    def empty(self) -> dict[str, Number]:
        return {m.key: None if m.unit != "aantal" else 0 for m in self.measures}

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        """Derived measures (ratios) from the aggregated numbers of one row."""
        return dict(values)

    def complete(self, rows: list[Row]) -> list[Row]:
        """Measures that compare a row with its neighbours (shares of a total), before finish."""
        return rows

    @abstractmethod
    def aggregate(
        self, report_filter: ReportFilter, dims: Sequence[Dimension]
    ) -> list[tuple[tuple[Any, ...], dict[str, Number]]]:
        """One SQL aggregate: per group the keys and the measured numbers."""

    @abstractmethod
    def cases(
        self, report_filter: ReportFilter, measure: str, keys: Mapping[str, Any]
    ) -> sa.Select[Any]:
        """The rows behind a number: columns case_id and detail (e.g. which deadline)."""


def _sort_key(dims: Sequence[Dimension], row: Row) -> tuple[Any, ...]:
    parts: list[Any] = []
    for dim, key, label in zip(dims, row.keys, row.labels, strict=True):
        by_code = dim.key in ("maand", "jaar", "datum")
        parts.append((key is None, str(key) if by_code else label.lower()))
    return tuple(parts)


class CountIndicator(Indicator):
    """An indicator whose numbers are sums over one population of rows (a case, a deadline).

    The population query carries `case_id`, `detail`, one column per group (`g0`, `g1`, ...)
    and one column per counted measure. The same query feeds both the aggregate and the
    drill-down, so a list always has exactly as many rows as the number it came from.
    """

    counted: ClassVar[tuple[str, ...]]
    # Every number is a sum over the population, so groups add up to the total. False for an
    # indicator that aggregates the same population otherwise (medians of lead times).
    additive: ClassVar[bool] = True

    @abstractmethod
    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        """One row per counted thing, with the columns named above."""

    def counted_rows(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        """What the numbers sum: the population, or rows that each stand for several of its
        rows (a roll-up), with the same group and measure columns."""
        return self.population(report_filter, dims)

    def aggregate(
        self, report_filter: ReportFilter, dims: Sequence[Dimension]
    ) -> list[tuple[tuple[Any, ...], dict[str, Number]]]:
        pop = self.counted_rows(report_filter, dims).subquery("populatie")
        groups = [pop.c[f"g{i}"] for i in range(len(dims))]
        query = sa.select(
            *groups, *(sa.func.coalesce(sa.func.sum(pop.c[m]), 0) for m in self.counted)
        ).group_by(*groups)
        result: list[tuple[tuple[Any, ...], dict[str, Number]]] = []
        for row in db.session.execute(query):
            keys, numbers = tuple(row[: len(groups)]), row[len(groups) :]
            result.append((keys, {m: int(n) for m, n in zip(self.counted, numbers, strict=True)}))
        return result

    def sums_up(self, dims: Sequence[Dimension]) -> bool:
        """Whether the groups of this run add up to its total (a stock counted on one day
        does, though it is not additive over days)."""
        return self.additive

    def total(
        self,
        report_filter: ReportFilter,
        dims: Sequence[Dimension],
        grouped: list[tuple[tuple[Any, ...], dict[str, Number]]],
    ) -> list[tuple[tuple[Any, ...], dict[str, Number]]]:
        """Sums add up: every row of the population falls in exactly one group, so the total
        is the sum of the groups, without reading the population a second time."""
        if not self.sums_up(dims):
            return super().total(report_filter, dims, grouped)
        return [((), _summed([values for _, values in grouped], self.counted))] if grouped else []

    def roll_up(self, result: ReportResult, keep: Sequence[str]) -> ReportResult:
        """Sums of the groups already counted (e.g. per team from team x consultant)."""
        if not self.additive:
            return super().roll_up(result, keep)
        positions = [result.group_by.index(key) for key in keep]
        sums: dict[tuple[Any, ...], list[Mapping[str, Number]]] = {}
        for row in result.rows:
            sums.setdefault(tuple(row.keys[i] for i in positions), []).append(row.values)
        grouped = [(keys, _summed(values, self.counted)) for keys, values in sums.items()]
        dims = tuple(result.dimensions[i] for i in positions)
        return self._result(result.report_filter, dims, grouped, result.total.values)

    def cases(
        self, report_filter: ReportFilter, measure: str, keys: Mapping[str, Any]
    ) -> sa.Select[Any]:
        if not self.measure(measure).drill:
            raise KeyError(f"'{measure}' is geen aantal met een lijst")
        dims = [self.dimension(k) for k in keys]
        pop = self.population(report_filter, dims).subquery("populatie")
        conditions = [pop.c[measure] == 1]
        for i, value in enumerate(keys.values()):
            column = pop.c[f"g{i}"]
            conditions.append(column.is_(None) if value is None else column == value)
        return sa.select(pop.c.case_id, pop.c.detail).where(*conditions)


def _summed(rows: Iterable[Mapping[str, Number]], counted: Sequence[str]) -> dict[str, Number]:
    totals: dict[str, Number] = dict.fromkeys(counted, 0)
    for values in rows:
        for key in counted:
            totals[key] = int(totals[key] or 0) + int(values[key] or 0)
    return totals


def group_columns(
    report_filter: ReportFilter, dims: Sequence[Dimension], time: TimeColumn | None
) -> list[Any]:
    return [d.expression(report_filter, time).label(f"g{i}") for i, d in enumerate(dims)]


def ratio(part: Number, whole: Number) -> float | None:
    """A percentage with one decimal, None when there is nothing to divide by."""
    if not whole or part is None:
        return None
    return round(100.0 * part / whole, 1)
