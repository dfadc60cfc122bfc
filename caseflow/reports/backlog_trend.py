"""How the werkvoorraad developed, read from the daily snapshots the scheduler takes."""

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import WorklistSnapshot
from caseflow.reports.base import Indicator, Measure, Number, Row
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import ReportError
from caseflow.reports.sql import in_period

SNAPSHOT_COLUMNS = {
    "gemeente": WorklistSnapshot.municipality_id,
    "team": WorklistSnapshot.team_id,
}


def _day_labels(values: list[Any]) -> dict[Any, str]:
    return {v: v.strftime("%d-%m-%Y") for v in values}


DAY = Dimension(
    "datum", "Datum", "Onbekend", lambda f, t: WorklistSnapshot.snapshot_date, _day_labels
)


class WerkvoorraadVerloop(Indicator):
    code = "werkvoorraad_verloop"
    name = "Verloop van de werkvoorraad"
    definition = (
        "De werkvoorraad zoals die elke dag is vastgelegd: open zaken, zaken met een "
        "verstreken termijn en zaken met een termijn die binnenkort afloopt. Alleen te "
        "verdelen naar gemeente en team; dagen zonder vastlegging ontbreken."
    )
    measures = (
        Measure("open", "Open zaken"),
        Measure("te_laat", "Termijn verstreken"),
        Measure("binnenkort", "Termijn loopt binnenkort af"),
    )
    fixed_groups = (DAY,)

    def time_column(self) -> TimeColumn:
        return TimeColumn(WorklistSnapshot.snapshot_date, is_date=True)

    def _conditions(self, report_filter: ReportFilter) -> list[Any]:
        if report_filter.case_types is not None or report_filter.assignee_id is not None:
            raise ReportError(
                "Het verloop van de werkvoorraad is alleen per gemeente en team vastgelegd."
            )
        conditions = [in_period(WorklistSnapshot.snapshot_date, report_filter.period, is_date=True)]
        if report_filter.municipality_ids is not None:
            conditions.append(WorklistSnapshot.municipality_id.in_(report_filter.municipality_ids))
        if report_filter.team_ids is not None:
            conditions.append(WorklistSnapshot.team_id.in_(report_filter.team_ids))
        return conditions

    def aggregate(
        self, report_filter: ReportFilter, dims: Sequence[Dimension]
    ) -> list[tuple[tuple[Any, ...], dict[str, Number]]]:
        columns: list[Any] = []
        for dim in dims:
            if dim.key == DAY.key:
                columns.append(WorklistSnapshot.snapshot_date)
            elif dim.key in SNAPSHOT_COLUMNS:
                columns.append(SNAPSHOT_COLUMNS[dim.key])
            else:
                raise ReportError(f"Het verloop is niet te verdelen naar {dim.label.lower()}.")
        if not dims:
            # Over a whole period the last day is the stand, not the sum of all days.
            latest = sa.select(sa.func.max(WorklistSnapshot.snapshot_date)).where(
                *self._conditions(report_filter)
            )
            on_latest = WorklistSnapshot.snapshot_date == latest.scalar_subquery()
            conditions = [*self._conditions(report_filter), on_latest]
        else:
            conditions = self._conditions(report_filter)
        query = (
            sa.select(
                *columns,
                sa.func.coalesce(sa.func.sum(WorklistSnapshot.open_count), 0),
                sa.func.coalesce(sa.func.sum(WorklistSnapshot.overdue_count), 0),
                sa.func.coalesce(sa.func.sum(WorklistSnapshot.due_soon_count), 0),
            )
            .where(*conditions)
            .group_by(*columns)
        )
        keys = [m.key for m in self.measures]
        result: list[tuple[tuple[Any, ...], dict[str, Number]]] = []
        for row in db.session.execute(query):
            numbers: list[Any] = list(row[len(columns) :])
            values: dict[str, Number] = {k: int(n) for k, n in zip(keys, numbers, strict=True)}
            result.append((tuple(row[: len(columns)]), values))
        return result

    def cases(
        self, report_filter: ReportFilter, measure: str, keys: Mapping[str, Any]
    ) -> sa.Select[Any]:
        raise KeyError("een vastgelegde stand heeft geen lijst van zaken")


def month_ends(rows: Sequence[Row]) -> list[Row]:
    """The last snapshot row of every month, for a readable line over a long period."""
    last: dict[tuple[int, int], Row] = {}
    for row in rows:
        day = row.keys[0]
        last[(day.year, day.month)] = row
    return [last[k] for k in sorted(last)]
