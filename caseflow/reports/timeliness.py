"""Tijdigheid: terms closed and open, in time and late, net of suspensions and extensions,
and the share the service agreement measures: closed in time and open not yet late together."""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import Case, Deadline, DeadlineStatus, Outcome, Suspension
from caseflow.reports import closed_days
from caseflow.reports.base import (
    CountIndicator,
    Measure,
    Number,
    Population,
    group_columns,
    ratio,
)
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.sql import days_between, flag, in_period

OPEN_STATUSES = (DeadlineStatus.RUNNING, DeadlineStatus.SUSPENDED)
# The share the service agreement's norm is about: open terms count too.
HEADLINE = "percentage_tijdig_met_lopend"
TERMS = ("termijn", "termijnen")
# A measure that cannot apply in one half of the union (a stopped deadline is never open).
NONE = sa.literal_column("0", sa.Integer)


def open_suspensions() -> sa.Subquery:
    return (
        sa.select(Suspension.deadline_id, Suspension.start_date)
        .where(Suspension.end_date.is_(None))
        .subquery("open_opschorting")
    )


def late_now(today: date, suspension: sa.Subquery) -> ColumnElement[bool]:
    """An open deadline that is past its date today.

    A running deadline is late once its date (already net of suspensions and extensions) lies
    before today. A suspended deadline's clock stands still: it is late only if its date had
    already passed when the clock stopped, the day before the first suspended day (Awb 4:15).
    """
    return sa.or_(
        sa.and_(Deadline.status == DeadlineStatus.RUNNING, Deadline.due_date < today),
        sa.and_(
            Deadline.status == DeadlineStatus.SUSPENDED,
            sa.func.coalesce(days_between(Deadline.due_date, suspension.c.start_date), 0) > 1,
        ),
    )


class Tijdigheid(CountIndicator):
    code = "tijdigheid"
    name = "Tijdigheid"
    definition = (
        "Termijnen (standaard de wettelijke) van de zaken in het filter. Afgehandeld: de termijn "
        "is in de periode gestopt, binnen of na de uiterste datum. Open: de termijn loopt op de "
        "datum van de stand (vandaag) nog of is opgeschort en begon vóór het einde van de "
        "periode; op tijd, of al te laat omdat de uiterste datum voorbij is. De uiterste datum is "
        "al gecorrigeerd voor opschortingen en verdagingen; een opgeschorte termijn is te laat "
        "als de datum al voorbij was toen de klok stil kwam te staan. Vervallen termijnen "
        "(bijvoorbeeld na intrekken) tellen niet mee. "
        "Afgehandeld tijdig (%) = afgehandeld tijdig / alle afgehandelde termijnen. "
        "Open, al te laat (%) = open te laat / alle open termijnen. "
        "Tijdig, lopende termijnen meegeteld (%) = (afgehandeld tijdig + open op tijd) / "
        "(alle afgehandelde + alle open termijnen): zo telt de DVO tijdigheid, en dit cijfer "
        "staat tegenover de norm."
    )
    measures = (
        Measure("afgehandeld_tijdig", "Afgehandeld tijdig", drill=True, items=TERMS),
        Measure("afgehandeld_te_laat", "Afgehandeld te laat", drill=True, items=TERMS),
        Measure("open_tijdig", "Open, op tijd", drill=True, items=TERMS),
        Measure("open_te_laat", "Open, al te laat", drill=True, items=TERMS),
        Measure("percentage_tijdig", "Afgehandeld tijdig (%)", unit="procent"),
        Measure("percentage_open_te_laat", "Open, al te laat (%)", unit="procent"),
        Measure(HEADLINE, "Tijdig, lopende termijnen meegeteld (%)", unit="procent", headline=True),
    )
    counted: ClassVar[tuple[str, ...]] = (
        "afgehandeld_tijdig",
        "afgehandeld_te_laat",
        "open_tijdig",
        "open_te_laat",
    )
    default_group = ("zaaktype",)

    def time_column(self) -> TimeColumn:
        return TimeColumn(Deadline.stopped_on, is_date=True)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        """The deadlines stopped in the period, then those open today: two index ranges.

        Written as a UNION ALL rather than one OR, so each half is read by its own index on
        (status, stopped_on) and the cost follows the period and the open work, not history.
        """
        counted = self.narrowed(report_filter)
        return sa.union_all(self._stopped(counted, dims), self._open(counted, dims))

    def narrowed(self, report_filter: ReportFilter) -> ReportFilter:
        """The filter as this indicator counts it (a domain's own terms only, say)."""
        return report_filter

    def counted_rows(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        """The closed half from the day roll-up where it can answer: the same numbers without
        reading every term stopped in the period (the lists still come from the deadlines)."""
        if not closed_days.answers(report_filter, dims):
            return self.population(report_filter, dims)
        counted = self.narrowed(report_filter)
        return sa.union_all(closed_days.closed_counts(counted, dims), self._open(counted, dims))

    def _columns(
        self, report_filter: ReportFilter, dims: Sequence[Dimension], time: TimeColumn
    ) -> list[Any]:
        return [
            Case.id.label("case_id"),
            Deadline.label.label("detail"),
            *group_columns(report_filter, dims, time),
        ]

    def _stopped(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> sa.Select[Any]:
        start = report_filter.period.utc_start
        # A case is closed no earlier than its terms stopped: saying so lets the database read
        # a team's or municipality's cases open or closed since the period began, not all.
        recent = (
            [] if start is None else [sa.or_(Case.closed_at.is_(None), Case.closed_at >= start)]
        )
        return (
            sa.select(
                *self._columns(report_filter, dims, self.time_column()),
                flag(Deadline.outcome == Outcome.IN_TIME).label("afgehandeld_tijdig"),
                flag(Deadline.outcome == Outcome.LATE).label("afgehandeld_te_laat"),
                NONE.label("open_tijdig"),
                NONE.label("open_te_laat"),
            )
            .select_from(Deadline)
            .join(Case, Case.id == Deadline.case_id)
            .where(
                Deadline.status == DeadlineStatus.STOPPED,
                in_period(Deadline.stopped_on, report_filter.period, is_date=True),
                Deadline.outcome.in_((Outcome.IN_TIME, Outcome.LATE)),
                Deadline.kind.in_(report_filter.deadline_kinds),
                *report_filter.case_conditions(),
                *recent,
            )
        )

    def _open(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> sa.Select[Any]:
        suspension = open_suspensions()
        late = late_now(report_filter.today, suspension)
        end = report_filter.period.end
        started = [] if end is None else [Deadline.start_date <= end]
        # An open term is a count of today: per month or year it belongs to today's (or, for a
        # period that is over, to its last), so the current month's share counts it too.
        seen = report_filter.today if end is None else min(end, report_filter.today)
        placed = TimeColumn(sa.literal(seen, sa.Date()), is_date=True)
        return (
            sa.select(
                *self._columns(report_filter, dims, placed),
                NONE.label("afgehandeld_tijdig"),
                NONE.label("afgehandeld_te_laat"),
                flag(sa.not_(late)).label("open_tijdig"),
                flag(late).label("open_te_laat"),
            )
            .select_from(Deadline)
            .join(Case, Case.id == Deadline.case_id)
            .outerjoin(suspension, suspension.c.deadline_id == Deadline.id)
            .where(
                Deadline.status.in_(OPEN_STATUSES),
                # Closing a case stops or lapses its terms, so open terms have open cases.
                Case.closed_at.is_(None),
                *started,
                Deadline.kind.in_(report_filter.deadline_kinds),
                *report_filter.case_conditions(),
            )
        )

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        closed_in_time, closed_late = (
            values["afgehandeld_tijdig"] or 0,
            values["afgehandeld_te_laat"] or 0,
        )
        open_in_time, open_late = values["open_tijdig"] or 0, values["open_te_laat"] or 0
        closed, running = closed_in_time + closed_late, open_in_time + open_late
        return {
            **values,
            "percentage_tijdig": ratio(closed_in_time, closed),
            "percentage_open_te_laat": ratio(open_late, running),
            HEADLINE: ratio(closed_in_time + open_in_time, closed + running),
        }
