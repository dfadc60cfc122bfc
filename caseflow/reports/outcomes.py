"""Outcome ratios from the service agreements: requests granted, objections upheld."""

from collections.abc import Mapping, Sequence
from typing import ClassVar

import sqlalchemy as sa

from caseflow.models import Case
from caseflow.reports.base import CountIndicator, Measure, Number, Population, group_columns, ratio
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.leadtime import closed_in_period
from caseflow.reports.sql import flag
from caseflow.workflow.registry import registry


def decision_results(marker: str) -> dict[str, frozenset[str]]:
    """Case types with `marker` among their results -> every decision result they know."""
    found = {}
    for name, wf in registry().workflows.items():
        results = frozenset(r for s in wf.states.values() if s.final for r in s.results)
        if marker in results:
            found[name] = results
    return found


class OutcomeShare(CountIndicator):
    """Share of decisions with a positive result among the decided cases of some case types."""

    marker: ClassVar[str]
    positive: ClassVar[frozenset[str]]
    counted: ClassVar[tuple[str, ...]]
    default_group = ("zaaktype",)

    def time_column(self) -> TimeColumn:
        return TimeColumn(Case.closed_at, is_date=False)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        per_type = decision_results(self.marker)
        decided = sa.or_(
            sa.false(),
            *(
                sa.and_(Case.case_type == name, Case.result.in_(sorted(results)))
                for name, results in sorted(per_type.items())
            ),
        )
        is_positive = Case.result.in_(sorted(self.positive))
        total, yes, no = self.counted
        return sa.select(
            Case.id.label("case_id"),
            Case.result.label("detail"),
            *group_columns(report_filter, dims, self.time_column()),
            sa.literal(1).label(total),
            flag(is_positive).label(yes),
            flag(sa.not_(is_positive)).label(no),
        ).where(decided, *closed_in_period(report_filter))

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        total, yes, _ = self.counted
        return {**values, self.measures[-1].key: ratio(values[yes], values[total])}


class Toekenning(OutcomeShare):
    code = "toekenning"
    name = "Aandeel toegekend"
    definition = (
        "Van de aanvragen waarop in de periode is besloten: het deel dat (deels) is toegekend. "
        "Ingetrokken aanvragen tellen niet mee; buiten behandeling gestelde en afgewezen "
        "aanvragen tellen als niet toegekend."
    )
    marker = "toegekend"
    positive = frozenset({"toegekend", "deels_toegekend"})
    counted: ClassVar[tuple[str, ...]] = ("besluiten", "toegekend", "niet_toegekend")
    measures = (
        Measure("besluiten", "Besluiten", drill=True),
        Measure("toegekend", "(Deels) toegekend", drill=True),
        Measure("niet_toegekend", "Niet toegekend", drill=True),
        Measure("percentage_toegekend", "Percentage toegekend", unit="procent"),
    )


class BezwarenGegrond(OutcomeShare):
    code = "bezwaren_gegrond"
    name = "Gegronde bezwaren"
    definition = (
        "Van de bezwaren waarop in de periode is beslist: het deel dat (deels) gegrond is "
        "verklaard. Ingetrokken bezwaren tellen niet mee; niet-ontvankelijke en ongegronde "
        "bezwaren tellen als niet gegrond."
    )
    marker = "gegrond"
    positive = frozenset({"gegrond", "deels_gegrond"})
    counted: ClassVar[tuple[str, ...]] = ("beslissingen", "gegrond", "niet_gegrond")
    measures = (
        Measure("beslissingen", "Beslissingen op bezwaar", drill=True),
        Measure("gegrond", "(Deels) gegrond", drill=True),
        Measure("niet_gegrond", "Niet gegrond", drill=True),
        Measure("percentage_gegrond", "Percentage gegrond", unit="procent"),
    )
