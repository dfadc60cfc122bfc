"""Doorstroom (instroom and uitstroom per period) and handovers per case."""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import sqlalchemy as sa

from caseflow.models import Case, CaseEvent
from caseflow.reports.base import CountIndicator, Measure, Number, Population, group_columns
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.leadtime import closed_in_period
from caseflow.reports.sql import flag, in_period
from caseflow.workflow.engine import ASSIGN_TRIGGER

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


def handover_event() -> sa.ColumnElement[bool]:
    """An event that moves a case from one handler, or one team, to another.

    A first claim (from nobody) is no handover. Handler changes are toewijzen events with van
    and naar; team moves are any event whose effect recorded team_van and team_naar.
    """
    old, new = CaseEvent.data["van"].as_integer(), CaseEvent.data["naar"].as_integer()
    old_team = CaseEvent.data["team_van"].as_integer()
    new_team = CaseEvent.data["team_naar"].as_integer()
    return sa.or_(
        sa.and_(
            CaseEvent.trigger == ASSIGN_TRIGGER,
            old.is_not(None),
            sa.or_(new.is_(None), new != old),
        ),
        sa.and_(old_team.is_not(None), sa.or_(new_team.is_(None), new_team != old_team)),
    )


class Overdrachten(CountIndicator):
    code = "overdrachten"
    name = "Overdrachten per zaak"
    definition = (
        "Voor zaken die in de periode zijn afgesloten: hoe vaak de zaak van de ene behandelaar "
        "of het ene team naar een ander ging. Het eerste oppakken van een zaak telt niet; elke "
        "volgende wissel (ook teruggeven) wel. Elke overdracht is een moment waarop kennis en "
        "tijd verloren kunnen gaan."
    )
    measures = (
        Measure("zaken", "Afgesloten zaken", drill=True),
        Measure("met_overdracht", "Zaken met een overdracht", drill=True),
        Measure("overdrachten", "Overdrachten"),
        Measure("gemiddeld", "Overdrachten per zaak", unit="gemiddelde"),
    )
    counted: ClassVar[tuple[str, ...]] = ("zaken", "met_overdracht", "overdrachten")
    default_group = ("team",)

    def time_column(self) -> TimeColumn:
        return CLOSED

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        # Correlated: only the events of the cases being counted are read.
        count = (
            sa.select(sa.func.count())
            .where(CaseEvent.case_id == Case.id, handover_event())
            .scalar_subquery()
        )
        return sa.select(
            Case.id.label("case_id"),
            sa.null().label("detail"),
            *group_columns(report_filter, dims, self.time_column()),
            sa.literal(1).label("zaken"),
            flag(count > 0).label("met_overdracht"),
            count.label("overdrachten"),
        ).where(*closed_in_period(report_filter))

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        cases, moves = values["zaken"], values["overdrachten"]
        average = round(moves / cases, 2) if cases and moves is not None else None
        return {**values, "gemiddeld": average}
