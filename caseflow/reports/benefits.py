"""Indicators of the benefits register and the ratios the service agreements compare: benefits on
a reference date (uitkeringseenheden), inflow and outflow with the reasons, the share that left
for work, the preventiequote, and Wmo decisions and benefits per 1,000 inhabitants.

A benefit counts with the case of the decision that started it, so its scheme is that case's
type (Participatiewet, IOAW, IOAZ, Bbz) and the report's filter and scope apply as everywhere.
"""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import BENEFIT_END_REASONS, Benefit, Case, Municipality
from caseflow.models.benefits import OUTFLOW_TO_WORK
from caseflow.reports.base import CountIndicator, Measure, Number, Population, group_columns, ratio
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.leadtime import closed_in_period
from caseflow.reports.sql import flag, in_period
from caseflow.reports.stocks import one_day, register_scope, running_on_days
from caseflow.workflow.registry import registry

BENEFITS = ("uitkering", "uitkeringen")
APPLICATIONS = ("aanvraag", "aanvragen")
STARTED = TimeColumn(Benefit.start_date, is_date=True)
ENDED = TimeColumn(Benefit.end_date, is_date=True)


def _detail() -> Any:
    return Benefit.scheme


class RunningBenefits(CountIndicator):
    code = "uitkeringen"
    name = "Uitkeringen op peildatum (uitkeringseenheden)"
    definition = (
        "Uitkeringen die op de peildatum lopen: ingegaan op of voor die dag en niet eerder "
        "beëindigd. Eén uitkering is één uitkeringseenheid (een aanvrager met het huishouden). "
        "De peildatum is de laatste dag van de periode, of vandaag als die nog niet voorbij is; "
        "per jaar is het 31-12. Per regeling: het zaaktype van het besluit."
    )
    measures = (Measure("lopend", "Lopende uitkeringen", drill=True, items=BENEFITS),)
    counted: ClassVar[tuple[str, ...]] = ("lopend",)
    default_group = ("zaaktype",)
    additive = False

    def sums_up(self, dims: Sequence[Dimension]) -> bool:
        return one_day(dims)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        return running_on_days(
            Benefit, report_filter, dims, detail=_detail(), measures={"lopend": 1}
        )


REASON_MEASURES = tuple(f"uitstroom_{code}" for code in BENEFIT_END_REASONS)


class BenefitFlow(CountIndicator):
    code = "uitkeringen_verloop"
    name = "Instroom en uitstroom uitkeringen"
    definition = (
        "Instroom: uitkeringen die in de periode ingingen. Uitstroom: uitkeringen waarvan de "
        "laatste dag in de periode viel, naar de reden van beëindiging (werk, studie, verhuizing, "
        "andere reden). Uitstroom naar werk = uitstroom met reden werk / alle uitstroom."
    )
    measures = (
        Measure("instroom", "Instroom", drill=True, items=BENEFITS),
        Measure("uitstroom", "Uitstroom", drill=True, items=BENEFITS),
        *(
            Measure(f"uitstroom_{code}", f"Uitstroom: {label.lower()}", drill=True, items=BENEFITS)
            for code, label in BENEFIT_END_REASONS.items()
        ),
        Measure("percentage_werk", "Uitstroom naar werk (%)", unit="procent", headline=True),
    )
    counted: ClassVar[tuple[str, ...]] = ("instroom", "uitstroom", *REASON_MEASURES)
    default_group = ("zaaktype",)

    def time_column(self) -> TimeColumn:
        return STARTED

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        period = report_filter.period

        def branch(time: TimeColumn, inflow: bool) -> sa.Select[Any]:
            reasons = [
                (flag(Benefit.end_reason == code) if not inflow else sa.literal(0)).label(
                    f"uitstroom_{code}"
                )
                for code in BENEFIT_END_REASONS
            ]
            return (
                sa.select(
                    Benefit.case_id.label("case_id"),
                    (Benefit.end_reason if not inflow else _detail()).label("detail"),
                    *group_columns(report_filter, dims, time),
                    sa.literal(int(inflow)).label("instroom"),
                    sa.literal(int(not inflow)).label("uitstroom"),
                    *reasons,
                )
                .join(Case, Case.id == Benefit.case_id)
                .where(
                    time.column.is_not(None),
                    in_period(time.column, period, is_date=True),
                    *register_scope(report_filter, Benefit),
                )
            )

        return sa.union_all(branch(STARTED, True), branch(ENDED, False))

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        work = values[f"uitstroom_{OUTFLOW_TO_WORK}"]
        return {**values, "percentage_werk": ratio(work, values["uitstroom"])}


def benefit_case_types() -> dict[str, tuple[str, ...]]:
    """Case types whose decisions start a benefit -> the results that do."""
    return {
        name: wf.benefit.grants
        for name, wf in sorted(registry().workflows.items())
        if wf.benefit is not None
    }


class Preventiequote(CountIndicator):
    code = "preventiequote"
    name = "Preventiequote"
    definition = (
        "Van de meldingen en aanvragen voor een uitkering (Participatiewet, IOAW, IOAZ, Bbz) die "
        "in de periode zijn afgesloten: het deel dat niet tot een uitkering leidde (afgewezen, "
        "buiten behandeling gesteld of ingetrokken). Preventiequote = zonder uitkering / "
        "afgesloten aanvragen."
    )
    measures = (
        Measure("aanvragen", "Afgesloten aanvragen", drill=True, items=APPLICATIONS),
        Measure("met_uitkering", "Met uitkering", drill=True, items=APPLICATIONS),
        Measure("zonder_uitkering", "Zonder uitkering", drill=True, items=APPLICATIONS),
        Measure("percentage", "Preventiequote", unit="procent", headline=True),
    )
    counted: ClassVar[tuple[str, ...]] = ("aanvragen", "met_uitkering", "zonder_uitkering")
    default_group = ("zaaktype",)

    def time_column(self) -> TimeColumn:
        return TimeColumn(Case.closed_at, is_date=False)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        grants = benefit_case_types()
        granted = sa.or_(
            sa.false(),
            *(
                sa.and_(Case.case_type == name, Case.result.in_(results))
                for name, results in grants.items()
            ),
        )
        return sa.select(
            Case.id.label("case_id"),
            Case.result.label("detail"),
            *group_columns(report_filter, dims, self.time_column()),
            sa.literal(1).label("aanvragen"),
            flag(granted).label("met_uitkering"),
            flag(sa.not_(granted)).label("zonder_uitkering"),
        ).where(Case.case_type.in_(list(grants)), *closed_in_period(report_filter))

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        return {**values, "percentage": ratio(values["zonder_uitkering"], values["aanvragen"])}


def _wmo_decisions() -> dict[str, frozenset[str]]:
    """Wmo case types whose decisions grant provisions -> every decision result they know."""
    found = {}
    for name, wf in sorted(registry().workflows.items()):
        if wf.provisions is not None and wf.domain == "wmo":
            found[name] = frozenset(r for s in wf.states.values() if s.final for r in s.results)
    return found


class PerThousandInhabitants(CountIndicator):
    code = "per_1000_inwoners"
    name = "Wmo-besluiten en uitkeringen per 1.000 inwoners"
    definition = (
        "Wmo-besluiten: besluiten op een Wmo-aanvraag (toegekend, deels toegekend of afgewezen) "
        "in de periode. Uitkeringen: lopend op de laatste dag van de periode (of vandaag). Beide "
        "per 1.000 inwoners van de gemeenten in het overzicht, zoals de benchmark ze vergelijkt "
        "(referentieorganisaties: 62 Wmo-besluiten en 17 uitkeringen per 1.000 inwoners)."
    )
    measures = (
        Measure("besluiten", "Wmo-besluiten", drill=True),
        Measure("uitkeringen", "Lopende uitkeringen", drill=True, items=BENEFITS),
        Measure("inwoners", "Inwoners"),
        Measure("besluiten_per_1000", "Wmo-besluiten per 1.000 inwoners", unit="gemiddelde"),
        Measure("uitkeringen_per_1000", "Uitkeringen per 1.000 inwoners", unit="gemiddelde"),
    )
    counted: ClassVar[tuple[str, ...]] = ("besluiten", "uitkeringen")
    default_group = ("gemeente",)
    # The inhabitants belong to a municipality, not to a row: they are never summed.
    additive = False

    def time_column(self) -> TimeColumn:
        return TimeColumn(Case.closed_at, is_date=False)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        per_type = _wmo_decisions()
        decided = sa.or_(
            sa.false(),
            *(sa.and_(Case.case_type == n, Case.result.in_(r)) for n, r in per_type.items()),
        )
        decisions = sa.select(
            Case.id.label("case_id"),
            Case.result.label("detail"),
            *group_columns(report_filter, dims, self.time_column()),
            sa.literal(1).label("besluiten"),
            sa.literal(0).label("uitkeringen"),
        ).where(decided, *closed_in_period(report_filter))
        # Per month or year: the benefits running on its last day, as RunningBenefits counts.
        running = running_on_days(
            Benefit,
            report_filter,
            dims,
            detail=_detail(),
            measures={"besluiten": 0, "uitkeringen": 1},
        )
        return sa.union_all(decisions, running)

    def sums_up(self, dims: Sequence[Dimension]) -> bool:
        # Decisions add up over any groups; the running benefits only on one reference day.
        return one_day(dims)

    def total(
        self,
        report_filter: ReportFilter,
        dims: Sequence[Dimension],
        grouped: list[tuple[tuple[Any, ...], dict[str, Number]]],
    ) -> list[tuple[tuple[Any, ...], dict[str, Number]]]:
        if not self.sums_up(dims):
            return super().total(report_filter, dims, grouped)
        # Every municipality of the report counts, also one without a row of its own.
        summed = super().total(report_filter, dims, grouped) or [
            ((), dict.fromkeys(self.counted, 0))
        ]
        people = sum(_inhabitants(report_filter).values())
        return [(keys, {**values, "inwoners": people}) for keys, values in summed]

    def aggregate(
        self, report_filter: ReportFilter, dims: Sequence[Dimension]
    ) -> list[tuple[tuple[Any, ...], dict[str, Number]]]:
        counted = super().aggregate(report_filter, dims)
        people = _inhabitants(report_filter)
        by_municipality = next((i for i, d in enumerate(dims) if d.key == "gemeente"), None)
        total = sum(people.values())
        return [
            (
                keys,
                {
                    **values,
                    "inwoners": people.get(keys[by_municipality], 0)
                    if by_municipality is not None
                    else total,
                },
            )
            for keys, values in counted
        ]

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        people = values.get("inwoners") or 0
        return {
            **values,
            "besluiten_per_1000": _per_1000(values["besluiten"], people),
            "uitkeringen_per_1000": _per_1000(values["uitkeringen"], people),
        }


def _per_1000(count: Number, people: Number) -> float | None:
    if not people or count is None:
        return None
    return round(1000.0 * float(count) / float(people), 2)


def _inhabitants(report_filter: ReportFilter) -> dict[int, int]:
    query = sa.select(Municipality.id, Municipality.inhabitants)
    if report_filter.municipality_ids is not None:
        query = query.where(Municipality.id.in_(report_filter.municipality_ids))
    return {mid: people for mid, people in db.session.execute(query)}
