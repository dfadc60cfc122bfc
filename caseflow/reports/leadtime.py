"""Doorlooptijd: median and 90th percentile, gross and net of suspension, and time per state."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Deadline, Suspension
from caseflow.reports.base import (
    CountIndicator,
    Indicator,
    Measure,
    Number,
    Population,
    Row,
    group_columns,
    ratio,
)
from caseflow.reports.dimensions import Dimension, TimeColumn, dimension
from caseflow.reports.filters import ReportFilter
from caseflow.reports.sql import (
    SECONDS_PER_DAY,
    days_between,
    in_period,
    percentile,
    seconds_between,
)
from caseflow.workflow.registry import registry


def _days(seconds: Number) -> float | None:
    return None if seconds is None else round(seconds / SECONDS_PER_DAY, 1)


def suspended_days() -> Any:
    """Days the case in the enclosing query stood still, as a correlated subquery.

    Two deadlines of one case are often suspended by the same step: that stretch counts once.
    Per case, so the database only visits the suspensions of the cases being counted.
    """
    other, other_deadline = aliased(Suspension), aliased(Deadline)
    counted_before = (
        sa.select(other.id)
        .join(other_deadline, other_deadline.id == other.deadline_id)
        .where(
            other_deadline.case_id == Deadline.case_id,
            other.start_date == Suspension.start_date,
            other.end_date == Suspension.end_date,
            other.id < Suspension.id,
        )
        .exists()
    )
    return (
        sa.select(
            sa.func.coalesce(
                sa.func.sum(days_between(Suspension.start_date, Suspension.end_date)), 0
            )
        )
        .join(Deadline, Deadline.id == Suspension.deadline_id)
        .where(
            Deadline.case_id == Case.id,
            Suspension.end_date.is_not(None),
            sa.not_(counted_before),
        )
        .scalar_subquery()
    )


def closed_in_period(report_filter: ReportFilter) -> list[Any]:
    return [
        Case.closed_at.is_not(None),
        in_period(Case.closed_at, report_filter.period, is_date=False),
        *report_filter.case_conditions(),
    ]


class Doorlooptijd(CountIndicator):
    code = "doorlooptijd"
    name = "Doorlooptijd"
    definition = (
        "Voor zaken die in de periode zijn afgesloten: de tijd van openen tot afsluiten in dagen. "
        "Bruto is de hele tijd; netto is zonder de dagen dat de zaak was opgeschort (bijvoorbeeld "
        "wachten op aanvulling). De mediaan is de middelste zaak; het 90e percentiel is de "
        "doorlooptijd waar 90% van de zaken binnen blijft."
    )
    measures = (
        Measure("zaken", "Afgesloten zaken", drill=True),
        Measure("mediaan_bruto", "Mediaan bruto (dagen)", unit="dagen"),
        Measure("p90_bruto", "90e percentiel bruto (dagen)", unit="dagen"),
        Measure("mediaan_netto", "Mediaan netto (dagen)", unit="dagen"),
        Measure("p90_netto", "90e percentiel netto (dagen)", unit="dagen"),
    )
    counted: ClassVar[tuple[str, ...]] = ("zaken",)
    additive = False
    default_group = ("zaaktype",)

    def time_column(self) -> TimeColumn:
        return TimeColumn(Case.closed_at, is_date=False)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        gross = seconds_between(Case.opened_at, Case.closed_at)
        return sa.select(
            Case.id.label("case_id"),
            sa.null().label("detail"),
            *group_columns(report_filter, dims, self.time_column()),
            sa.literal(1).label("zaken"),
            gross.label("bruto"),
            (gross - suspended_days() * SECONDS_PER_DAY).label("netto"),
        ).where(*closed_in_period(report_filter))

    def aggregate(
        self, report_filter: ReportFilter, dims: Sequence[Dimension]
    ) -> list[tuple[tuple[Any, ...], dict[str, Number]]]:
        pop = self.population(report_filter, dims).subquery("populatie")
        groups = [pop.c[f"g{i}"] for i in range(len(dims))]
        partition = groups or None

        def rank(column: Any) -> Any:
            order = (column, pop.c.case_id)
            return sa.func.row_number().over(partition_by=partition, order_by=order)

        ranked = sa.select(
            *groups,
            pop.c.bruto,
            pop.c.netto,
            rank(pop.c.bruto).label("rang_bruto"),
            rank(pop.c.netto).label("rang_netto"),
            sa.func.count().over(partition_by=partition).label("n"),
        ).subquery("gerangschikt")
        keys = [ranked.c[f"g{i}"] for i in range(len(dims))]
        r = ranked.c
        query = sa.select(
            *keys,
            sa.func.count(),
            percentile(r.bruto, r.rang_bruto, r.n, 50),
            percentile(r.bruto, r.rang_bruto, r.n, 90),
            percentile(r.netto, r.rang_netto, r.n, 50),
            percentile(r.netto, r.rang_netto, r.n, 90),
        ).group_by(*keys)
        names = [m.key for m in self.measures]
        return [
            (tuple(row[: len(keys)]), dict(zip(names, row[len(keys) :], strict=True)))
            for row in db.session.execute(query)
        ]

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        return {k: v if k == "zaken" else _days(v) for k, v in values.items()}


def _share(row: Row, total: float) -> float | None:
    return ratio(row.values["dagen_totaal"], total)


def _state_labels(values: list[Any]) -> dict[Any, str]:
    workflows = registry().workflows
    labels = {}
    for value in values:
        case_type, _, state = str(value).partition(":")
        wf = workflows.get(case_type)
        labels[value] = wf.state_label(state) if wf else state
    return labels


STATE = Dimension(
    "status",
    "Status",
    "Onbekend",
    lambda f, t: Case.case_type + sa.literal(":") + CaseEvent.from_state,
    _state_labels,
)


class TijdPerStatus(Indicator):
    code = "tijd_per_status"
    name = "Tijd per status"
    definition = (
        "Voor zaken die in de periode zijn afgesloten: hoeveel dagen zij in elke status "
        "doorbrachten, opgeteld uit het logboek van de zaak. Laat zien waar de tijd zit."
    )
    measures = (
        Measure("zaken", "Zaken", drill=True),
        Measure("dagen_totaal", "Dagen in totaal", unit="dagen"),
        Measure("dagen_gemiddeld", "Gemiddeld per zaak (dagen)", unit="dagen"),
        Measure("aandeel", "Aandeel in de doorlooptijd", unit="procent"),
    )
    fixed_groups = (dimension("zaaktype"), STATE)

    def time_column(self) -> TimeColumn:
        return TimeColumn(Case.closed_at, is_date=False)

    def _population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Any:
        columns = group_columns(report_filter, dims, self.time_column())
        return (
            sa.select(CaseEvent.case_id, *columns, CaseEvent.seconds_in_previous_state)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(
                CaseEvent.from_state.is_not(None),
                # What happens to a closed case (a note, its destruction) is no time in a state.
                CaseEvent.occurred_at <= Case.closed_at,
                *closed_in_period(report_filter),
            )
            .subquery("populatie")
        )

    def aggregate(
        self, report_filter: ReportFilter, dims: Sequence[Dimension]
    ) -> list[tuple[tuple[Any, ...], dict[str, Number]]]:
        pop = self._population(report_filter, dims)
        groups = [pop.c[f"g{i}"] for i in range(len(dims))]
        query = sa.select(
            *groups,
            sa.func.count(sa.distinct(pop.c.case_id)),
            sa.func.coalesce(sa.func.sum(pop.c.seconds_in_previous_state), 0),
        ).group_by(*groups)
        return [
            (tuple(row[: len(groups)]), {"zaken": row[-2], "dagen_totaal": row[-1]})
            for row in db.session.execute(query)
        ]

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        cases, seconds = values.get("zaken"), values.get("dagen_totaal")
        average = seconds / cases if cases and seconds is not None else None
        return {
            "zaken": cases,
            "dagen_totaal": _days(seconds),
            "dagen_gemiddeld": _days(average),
            "aandeel": values.get("aandeel"),
        }

    def complete(self, rows: list[Row]) -> list[Row]:
        status_at = next(i for i, d in enumerate(self.fixed_groups) if d.key == "status")

        def others(row: Row) -> tuple[Any, ...]:
            return row.keys[:status_at] + row.keys[status_at + 1 :]

        totals: dict[tuple[Any, ...], float] = defaultdict(float)
        for row in rows:
            totals[others(row)] += float(row.values["dagen_totaal"] or 0)
        return [
            Row(row.keys, row.labels, {**row.values, "aandeel": _share(row, totals[others(row)])})
            for row in rows
        ]

    def cases(
        self, report_filter: ReportFilter, measure: str, keys: Mapping[str, Any]
    ) -> sa.Select[Any]:
        pop = self._population(report_filter, [self.dimension(k) for k in keys])
        conditions = [
            pop.c[f"g{i}"].is_(None) if v is None else pop.c[f"g{i}"] == v
            for i, v in enumerate(keys.values())
        ]
        return sa.select(pop.c.case_id, sa.null().label("detail")).where(*conditions).distinct()
