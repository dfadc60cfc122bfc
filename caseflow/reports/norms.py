"""Actual against norm or plan: deviation in percent, above or below, and the trend over years."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from caseflow.deadlines.dutch_dates import MONTHS
from caseflow.extensions import db
from caseflow.models import ALL_CASE_TYPES, DeadlineKind, DvoValue, Norm, NormKind
from caseflow.reports.base import Number, ReportResult
from caseflow.reports.catalogue import TARGETS, NormTarget, hand_targets
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period
from caseflow.reports.registry import indicator

TREND_YEARS = 4


@dataclass(frozen=True)
class Comparison:
    target: NormTarget
    case_type: str
    year: int
    actual: Number
    norm: Norm | None
    # Part of the year the actual number covers: a yearly count is compared pro rata.
    share: float = 1.0

    @property
    def pro_rata(self) -> bool:
        return self.target.yearly_total and self.share < 1.0

    @property
    def norm_value(self) -> float | None:
        if self.norm is None:
            return None
        value = float(self.norm.value)
        return round(value * self.share, 1) if self.pro_rata else value

    @property
    def deviation(self) -> float | None:
        """How far the actual number lies from the norm, in percent of the norm."""
        if self.actual is None or not self.norm_value:
            return None
        return round(100.0 * (self.actual - self.norm_value) / self.norm_value, 1)

    @property
    def position(self) -> str | None:
        """boven, onder or gelijk: where the actual number lies against the norm."""
        if self.actual is None or self.norm_value is None:
            return None
        if self.actual == self.norm_value:
            return "gelijk"
        return "boven" if self.actual > self.norm_value else "onder"

    @property
    def meets(self) -> bool | None:
        """For a norm with a good direction: is it met? None for plan figures."""
        if self.norm is None or self.norm.kind != NormKind.NORM or self.target.better is None:
            return None
        if self.position is None:
            return None
        return self.position == "gelijk" or (self.position == "boven") == (
            self.target.better == "hoger"
        )

    @property
    def legend(self) -> str:
        if self.norm is None:
            return "Geen norm of raming vastgesteld"
        if self.position is None:
            return "Nog in te vullen" if self.target.hand else "Nog geen cijfer"
        word = "de norm" if self.norm.kind == NormKind.NORM else "de raming"
        if self.pro_rata:
            word += " naar rato"
        where = {"boven": "Boven", "onder": "Onder", "gelijk": "Gelijk aan"}[self.position]
        verdict = {True: " (voldoet)", False: " (voldoet niet)", None: ""}[self.meets]
        return f"{where} {word}{verdict}"


def norms_for(municipality_id: int, years: Iterable[int]) -> list[Norm]:
    return list(
        db.session.scalars(
            sa.select(Norm)
            .where(Norm.municipality_id == municipality_id, Norm.year.in_(list(years)))
            .order_by(Norm.indicator, Norm.case_type, Norm.year)
        )
    )


def _actuals(result: ReportResult, measure: str) -> dict[tuple[str, str | None], Number]:
    """(case type or '', year or None) -> value, from a result grouped by zaaktype/jaar."""
    found: dict[tuple[str, str | None], Number] = {}
    keys = result.group_by
    for row in result.rows:
        parts = dict(zip(keys, row.keys, strict=True))
        found[(parts.get("zaaktype") or ALL_CASE_TYPES, parts.get("jaar"))] = row.values[measure]
    return found


def compare(
    report_filter: ReportFilter, municipality_id: int, year: int, hand_period: str | None = None
) -> list[Comparison]:
    """Every target for the municipality in the filter's period (normally year to date).

    Hand-entered targets count when the municipality agreed a norm for them that year; their
    figure is the one entered for `hand_period` (the report's period, default the filter's).
    """
    norms = {(n.indicator, n.case_type): n for n in norms_for(municipality_id, [year])}
    share = _share_of_year(report_filter.period, year)
    comparisons = _computed(report_filter, municipality_id, year, norms, share)
    entered = entered_values(municipality_id, hand_period or report_filter.period.code)
    for target in hand_targets().values():
        norm = norms.get((target.code, ALL_CASE_TYPES))
        if norm is not None:
            value = entered.get(target.code)
            actual = float(value) if value is not None else None
            comparisons.append(Comparison(target, ALL_CASE_TYPES, year, actual, norm, share))
    return comparisons


def _computed(
    report_filter: ReportFilter,
    municipality_id: int,
    year: int,
    norms: dict[tuple[str, str], Norm],
    share: float,
) -> list[Comparison]:
    local = _agreed(report_filter, municipality_id)
    results: dict[str, ReportResult] = {}
    comparisons = []
    for target in TARGETS.values():
        if target.indicator not in results:
            results[target.indicator] = indicator(target.indicator).run(local, ("zaaktype",))
        result = results[target.indicator]
        per_type = _actuals(result, target.measure)
        specific = (ct for (code, ct) in norms if code == target.code and ct != ALL_CASE_TYPES)
        for case_type in [ALL_CASE_TYPES, *sorted(specific)]:
            actual = (
                result.total.values[target.measure]
                if case_type == ALL_CASE_TYPES
                else per_type.get((case_type, None), result.indicator.empty()[target.measure])
            )
            norm = norms.get((target.code, case_type))
            comparisons.append(Comparison(target, case_type, year, actual, norm, share))
    return comparisons


def entered_values(municipality_id: int, period: str) -> dict[str, Decimal]:
    """The hand-entered figures of one municipality and report period, by indicator."""
    rows = db.session.execute(
        sa.select(DvoValue.indicator, DvoValue.value).where(
            DvoValue.municipality_id == municipality_id, DvoValue.period == period
        )
    )
    return {code: value for code, value in rows}


@dataclass(frozen=True)
class TrendPoint:
    year: int
    label: str
    actual: Number
    norm: float | None


def trend(
    report_filter: ReportFilter, municipality_id: int, target: NormTarget, until: date
) -> list[TrendPoint]:
    """The actual number per year for the last TREND_YEARS years, next to that year's norm."""
    first = until.year - TREND_YEARS + 1
    period = Period.custom(date(first, 1, 1), until)
    actual: dict[str, Number]
    if target.hand:
        actual, nothing = _entered_per_year(municipality_id, target.code), None
    else:
        local = replace(_agreed(report_filter, municipality_id), period=period)
        result = indicator(target.indicator).run(local, ("jaar",))
        actual = {row.keys[0]: row.values[target.measure] for row in result.rows}
        nothing = result.indicator.empty()[target.measure]
    norms = {
        n.year: float(n.value)
        for n in norms_for(municipality_id, range(first, until.year + 1))
        if n.indicator == target.code and n.case_type == ALL_CASE_TYPES
    }
    return [
        TrendPoint(p.end.year, _year_label(p), actual.get(p.code, nothing), norms.get(p.end.year))
        for p in period.years()
        if p.end is not None
    ]


def _entered_per_year(municipality_id: int, code: str) -> dict[str, Number]:
    """A hand-entered figure per year: the year's own, else its latest tertial, else month."""
    rows = db.session.execute(
        sa.select(DvoValue.period, DvoValue.value).where(
            DvoValue.municipality_id == municipality_id, DvoValue.indicator == code
        )
    )
    best: dict[str, tuple[tuple[bool, bool, str], float]] = {}
    for period, value in rows:
        year = period[:4]
        rank = (period == year, "-T" in period, period)
        if year not in best or rank > best[year][0]:
            best[year] = (rank, float(value))
    return {year: value for year, (_, value) in best.items()}


def _agreed(report_filter: ReportFilter, municipality_id: int) -> ReportFilter:
    """The filter a service agreement's figures use: one municipality, its legal terms."""
    return replace(
        report_filter,
        municipality_ids=_only(report_filter, municipality_id),
        deadline_kinds=(DeadlineKind.LEGAL,),
    )


def _year_label(part: Period) -> str:
    assert part.end is not None
    if (part.end.month, part.end.day) == (12, 31):
        return str(part.end.year)
    return f"{part.end.year} (t/m {part.end.day} {MONTHS[part.end.month - 1]})"


def _share_of_year(period: Period, year: int) -> float:
    first, last = date(year, 1, 1), date(year, 12, 31)
    start, end = max(period.start or first, first), min(period.end or last, last)
    days = (end - start).days + 1
    return max(0.0, min(1.0, days / ((last - first).days + 1)))


def _only(report_filter: ReportFilter, municipality_id: int) -> tuple[int, ...]:
    allowed = report_filter.municipality_ids
    return (municipality_id,) if allowed is None or municipality_id in allowed else ()


def targets_with_norms(comparisons: Sequence[Comparison]) -> list[NormTarget]:
    return list(dict.fromkeys(c.target for c in comparisons if c.norm is not None))
