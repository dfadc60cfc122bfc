"""The agreed indicators in long format: one row per municipality, indicator and period.

A municipality's own BI tool reads this rather than the report's layout: the figure of each
tertial and of the year so far, next to the norm for that stretch (a yearly count pro rata).
"""

from dataclasses import replace
from datetime import date

from caseflow.models import Municipality
from caseflow.reports.filters import ReportFilter
from caseflow.reports.norms import compare
from caseflow.reports.periods import Period
from caseflow.reports.tables import Table

HEADER = (
    "gemeente",
    "indicator",
    "omschrijving",
    "zaaktype",
    "periode",
    "waarde",
    "norm",
    "soort",
    "eenheid",
    "herkomst",
)


def _periods(year: int, today: date) -> list[Period]:
    started = [
        p for p in (Period.tertial(year, n) for n in (1, 2, 3)) if p.start and p.start <= today
    ]
    return [*started, Period.year(year)]


def indicator_data(municipality: Municipality, year: int, scoped: ReportFilter) -> Table:
    rows = []
    for period in _periods(year, scoped.today):
        f = replace(scoped, period=period)
        for c in compare(f, municipality.id, year, period.code):
            if c.norm is None:
                continue
            rows.append(
                [
                    municipality.code,
                    c.target.code,
                    c.target.label,
                    c.case_type,
                    period.code,
                    c.actual,
                    c.norm_value,
                    c.norm.kind,
                    c.target.unit,
                    c.target.source,
                ]
            )
    return Table(f"Indicatoren {municipality.name} {year}", HEADER, rows)
