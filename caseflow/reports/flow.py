"""Doorstroom: instroom and uitstroom per period."""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import sqlalchemy as sa

from caseflow.models import Case
from caseflow.reports.base import CountIndicator, Measure, Number, Population, group_columns
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.sql import in_period

OPENED = TimeColumn(Case.opened_at, is_date=False)
CLOSED = TimeColumn(Case.closed_at, is_date=False)


class Doorstroom(CountIndicator):
    code = "doorstroom"
    name = "Instroom en uitstroom"
    definition = (
        "Instroom: zaken die in de periode zijn geopend. Uitstroom: zaken die in de periode zijn "
        "afgesloten (besloten, ingetrokken of teruggestuurd). Het saldo is instroom min uitstroom: "
        "positief betekent dat de werkvoorraad groeit. Een dag loopt van middernacht tot "
        "middernacht Nederlandse tijd."
    )
    measures = (
        Measure("instroom", "Instroom", drill=True),
        Measure("uitstroom", "Uitstroom", drill=True),
        Measure("saldo", "Saldo"),
    )
    counted: ClassVar[tuple[str, ...]] = ("instroom", "uitstroom")
    default_group = ("maand",)

    def time_column(self) -> TimeColumn:
        return OPENED

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        period = report_filter.period
        cases = report_filter.case_conditions()

        def branch(time: TimeColumn, inflow: int) -> sa.Select[Any]:
            return sa.select(
                Case.id.label("case_id"),
                sa.literal("Geopend" if inflow else "Afgesloten").label("detail"),
                *group_columns(report_filter, dims, time),
                sa.literal(inflow).label("instroom"),
                sa.literal(1 - inflow).label("uitstroom"),
            ).where(time.column.is_not(None), in_period(time.column, period, is_date=False), *cases)

        return sa.union_all(branch(OPENED, 1), branch(CLOSED, 0))

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        return {**values, "saldo": (values["instroom"] or 0) - (values["uitstroom"] or 0)}
