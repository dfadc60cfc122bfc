"""Indicators of the provisions register: what runs on a reference date per kind of product, what
started and ended, and whether herindicaties were decided before the provision ended.

Each is read through the decision's case, so the report's filter and scope (municipality, team,
case type) apply as to every other indicator; the kind of product is a group of its own.
"""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import sqlalchemy as sa

from caseflow.models import Case, Herindicatie, Provision
from caseflow.models.catalogue import PRODUCT_KINDS
from caseflow.reports.base import CountIndicator, Measure, Number, Population, group_columns, ratio
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.sql import flag, in_period
from caseflow.reports.stocks import one_day, register_scope, running_on_days

PROVISIONS = ("voorziening", "voorzieningen")
KIND = Dimension(
    "soort",
    "Soort voorziening",
    "Onbekend",
    lambda f, t: Provision.kind,
    lambda values: {v: PRODUCT_KINDS[v].label if v in PRODUCT_KINDS else v for v in values},
)


def _detail() -> Any:
    return Provision.product_label


class RunningProvisions(CountIndicator):
    """Provisions running on the reference day(s), per kind."""

    code = "voorzieningen"
    name = "Lopende voorzieningen op peildatum"
    definition = (
        "Voorzieningen die op de peildatum lopen: begonnen op of voor die dag en niet eerder "
        "geëindigd, per soort voorziening. De peildatum is de laatste dag van de periode, of "
        "vandaag als die nog niet voorbij is; per maand of jaar is het de laatste dag van elke "
        "maand of elk jaar (de stand op 31-12). Een voorziening telt bij de gemeente, het team "
        "en het zaaktype van het besluit dat haar toekende."
    )
    measures = (Measure("lopend", "Lopende voorzieningen", drill=True, items=PROVISIONS),)
    counted: ClassVar[tuple[str, ...]] = ("lopend",)
    fixed_groups: ClassVar[tuple[Dimension, ...]] = (KIND,)
    # A stock: the total is the count on the last reference day, not a sum over days.
    additive = False
    # Only these kinds, for an indicator of one kind (MER: hulp bij het huishouden).
    kinds: ClassVar[tuple[str, ...]] = ()

    def sums_up(self, dims: Sequence[Dimension]) -> bool:
        return one_day(dims)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        query = running_on_days(
            Provision, report_filter, dims, detail=_detail(), measures={"lopend": 1}
        )
        if self.kinds:
            query = query.where(Provision.kind.in_(self.kinds))
        return query


class RunningHouseholdHelp(RunningProvisions):
    code = "voorzieningen_hbh"
    name = "Lopende voorzieningen hulp bij het huishouden"
    definition = (
        "Als Lopende voorzieningen op peildatum, alleen hulp bij het huishouden: het cijfer dat "
        "de gemeente met de raming vergelijkt."
    )
    fixed_groups: ClassVar[tuple[Dimension, ...]] = ()
    kinds = ("hulp_huishouden",)


class RunningGuidance(RunningProvisions):
    code = "voorzieningen_begeleiding"
    name = "Lopende voorzieningen begeleiding"
    definition = (
        "Als Lopende voorzieningen op peildatum, alleen begeleiding (individueel en in een groep)."
    )
    fixed_groups: ClassVar[tuple[Dimension, ...]] = ()
    kinds = ("begeleiding_individueel", "begeleiding_groep")


STARTED = TimeColumn(Provision.start_date, is_date=True)
ENDED = TimeColumn(Provision.end_date, is_date=True)


class ProvisionFlow(CountIndicator):
    code = "voorzieningen_verloop"
    name = "Nieuwe en beëindigde voorzieningen"
    definition = (
        "Nieuw: voorzieningen die in de periode ingingen. Beëindigd: voorzieningen waarvan de "
        "laatste dag in de periode viel, zoals besloten of eerder (met een reden). Per soort "
        "voorziening; het saldo is nieuw min beëindigd."
    )
    measures = (
        Measure("nieuw", "Nieuw", drill=True, items=PROVISIONS),
        Measure("beeindigd", "Beëindigd", drill=True, items=PROVISIONS),
        Measure("eerder_beeindigd", "Waarvan eerder dan besloten", drill=True, items=PROVISIONS),
        Measure("saldo", "Saldo"),
    )
    counted: ClassVar[tuple[str, ...]] = ("nieuw", "beeindigd", "eerder_beeindigd")
    fixed_groups: ClassVar[tuple[Dimension, ...]] = (KIND,)

    def time_column(self) -> TimeColumn:
        return STARTED

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        period = report_filter.period

        def branch(time: TimeColumn, new: int) -> sa.Select[Any]:
            early = flag(Provision.ended_reason.is_not(None)) if not new else sa.literal(0)
            return (
                sa.select(
                    Provision.case_id.label("case_id"),
                    _detail().label("detail"),
                    *group_columns(report_filter, dims, time),
                    sa.literal(new).label("nieuw"),
                    sa.literal(1 - new).label("beeindigd"),
                    early.label("eerder_beeindigd"),
                )
                .join(Case, Case.id == Provision.case_id)
                .where(
                    time.column.is_not(None),
                    in_period(time.column, period, is_date=True),
                    *register_scope(report_filter, Provision),
                )
            )

        return sa.union_all(branch(STARTED, 1), branch(ENDED, 0))

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        return {**values, "saldo": (values["nieuw"] or 0) - (values["beeindigd"] or 0)}


class HerindicatiesOnTime(CountIndicator):
    code = "herindicaties_op_tijd"
    name = "Herindicaties op tijd"
    definition = (
        "Voorzieningen die in de periode eindigden zoals besloten (niet eerder, met een reden): "
        "op tijd herindiceerd als in de herindicatie die voor haar werd gestart een besluit viel "
        "op of vóór haar laatste dag; te laat als dat later was; zonder herindicatie als er "
        "(nog) geen besluit is. Percentage op tijd = op tijd / eindigend."
    )
    measures = (
        Measure("eindigend", "Eindigend", drill=True, items=PROVISIONS),
        Measure("op_tijd", "Op tijd herindiceerd", drill=True, items=PROVISIONS),
        Measure("te_laat", "Te laat herindiceerd", drill=True, items=PROVISIONS),
        Measure("zonder", "Zonder herindicatiebesluit", drill=True, items=PROVISIONS),
        Measure("percentage_op_tijd", "Percentage op tijd", unit="procent", headline=True),
    )
    counted: ClassVar[tuple[str, ...]] = ("eindigend", "op_tijd", "te_laat", "zonder")
    fixed_groups: ClassVar[tuple[Dimension, ...]] = (KIND,)

    def time_column(self) -> TimeColumn:
        return ENDED

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        decided = (
            sa.select(sa.func.min(Herindicatie.decided_on))
            .where(Herindicatie.provision_id == Provision.id)
            .scalar_subquery()
        )
        on_time = sa.and_(decided.is_not(None), decided <= Provision.end_date)
        return (
            sa.select(
                Provision.case_id.label("case_id"),
                _detail().label("detail"),
                *group_columns(report_filter, dims, ENDED),
                sa.literal(1).label("eindigend"),
                flag(on_time).label("op_tijd"),
                flag(sa.and_(decided.is_not(None), sa.not_(on_time))).label("te_laat"),
                flag(decided.is_(None)).label("zonder"),
            )
            .join(Case, Case.id == Provision.case_id)
            .where(
                Provision.end_date.is_not(None),
                Provision.ended_reason.is_(None),
                in_period(Provision.end_date, report_filter.period, is_date=True),
                *register_scope(report_filter, Provision),
            )
        )

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        return {**values, "percentage_op_tijd": ratio(values["op_tijd"], values["eindigend"])}
