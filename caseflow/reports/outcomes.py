"""Outcome ratios from the service agreements: requests granted among the decisions, and
objections upheld among the objections submitted."""

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

import sqlalchemy as sa

from caseflow.models import Case
from caseflow.reports.base import CountIndicator, Measure, Number, Population, group_columns, ratio
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.leadtime import closed_in_period
from caseflow.reports.sql import flag, in_period
from caseflow.workflow.registry import registry

OBJECTIONS = ("bezwaarschrift", "bezwaarschriften")


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


def _result_labels(case_types: Iterable[str]) -> dict[str, str]:
    """Result code -> its Dutch label, for the final states of these case types."""
    labels: dict[str, str] = {}
    workflows = registry().workflows
    for name in case_types:
        for state_name, state in workflows[name].states.items():
            if state.final:
                labels |= {state_name: state.label} | state.results
    return labels


class BezwarenGegrond(CountIndicator):
    """Upheld objections against the objections submitted, as the service agreements define it."""

    code = "bezwaren_gegrond"
    name = "Gegronde bezwaren"
    definition = (
        "Bezwaarschriften die in de periode zijn ingediend (ontvangen), en hoe het er vandaag "
        "mee staat: (deels) gegrond verklaard, niet gegrond (ongegrond of niet-ontvankelijk), "
        "ingetrokken, of nog in behandeling. Percentage gegrond = (deels) gegronde bezwaren / "
        "ingediende bezwaarschriften, zoals de DVO het telt (niet gedeeld door de beslissingen). "
        "Ingetrokken bezwaren zijn ingediend en tellen dus mee in de noemer; ze staan apart, "
        "omdat een intrekking vaak volgt op een oplossing buiten de beslissing om. Over een "
        "recente periode is het percentage nog laag zolang bezwaren in behandeling zijn."
    )
    measures = (
        Measure("ingediend", "Ingediend", drill=True, items=OBJECTIONS),
        Measure("gegrond", "(Deels) gegrond", drill=True, items=OBJECTIONS),
        Measure("niet_gegrond", "Niet gegrond", drill=True, items=OBJECTIONS),
        Measure("ingetrokken", "Ingetrokken", drill=True, items=OBJECTIONS),
        Measure("in_behandeling", "Nog in behandeling", drill=True, items=OBJECTIONS),
        Measure("percentage_gegrond", "Percentage gegrond", unit="procent"),
    )
    counted: ClassVar[tuple[str, ...]] = (
        "ingediend",
        "gegrond",
        "niet_gegrond",
        "ingetrokken",
        "in_behandeling",
    )
    positive = frozenset({"gegrond", "deels_gegrond"})
    default_group = ("zaaktype",)
    # The domain whose cases are counted: bezwaar here, klachten for complaints.
    domain: ClassVar[str] = "bezwaar"

    def time_column(self) -> TimeColumn:
        return TimeColumn(Case.opened_at, is_date=False)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        per_type = {
            name: results
            for name, results in decision_results("gegrond").items()
            if registry().get(name).domain == self.domain
        }
        decisions = sorted(set().union(*per_type.values())) if per_type else []
        labels = _result_labels(per_type)
        closed = Case.closed_at.is_not(None)
        is_upheld = sa.and_(closed, Case.result.in_(sorted(self.positive)))
        decided = sa.and_(closed, Case.result.in_(decisions))
        shown = sa.case(labels, value=Case.result, else_=Case.result) if labels else Case.result
        return sa.select(
            Case.id.label("case_id"),
            sa.case((closed, shown), else_="Nog in behandeling").label("detail"),
            *group_columns(report_filter, dims, self.time_column()),
            sa.literal(1).label("ingediend"),
            flag(is_upheld).label("gegrond"),
            flag(sa.and_(decided, sa.not_(is_upheld))).label("niet_gegrond"),
            flag(sa.and_(closed, sa.not_(decided))).label("ingetrokken"),
            flag(sa.not_(closed)).label("in_behandeling"),
        ).where(
            Case.case_type.in_(sorted(per_type)),
            in_period(Case.opened_at, report_filter.period, is_date=False),
            *report_filter.case_conditions(),
        )

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        return {**values, "percentage_gegrond": ratio(values["gegrond"], values["ingediend"])}
