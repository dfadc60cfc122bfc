"""Warning windows ("due soon") as one SQL expression, so a scan never loops over deadlines."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.sql.elements import ColumnElement, SQLColumnExpression

from caseflow.deadlines import add_working_days
from caseflow.deadlines.app_calendar import holiday_calendar
from caseflow.extensions import db
from caseflow.models import Municipality
from caseflow.workflow.registry import registry

K = TypeVar("K")


def cutoff_date(today: date, warning_working_days: int) -> date:
    """The first due date that is not yet 'due soon' today.

    A due date is due soon when at most `warning_working_days` working days lie after today up
    to and including it: exactly the dates before the (n + 1)-th working day after today. A window
    of 0 means no warning at all.
    """
    if warning_working_days <= 0:
        return today
    return add_working_days(today, warning_working_days + 1, holiday_calendar())


@dataclass(frozen=True)
class WarningWindows:
    """Per case type, deadline and municipality the cutoff date of its warning window today."""

    today: date
    defaults: dict[tuple[str, str], date]
    overrides: dict[tuple[int, str, str], date]
    fallback: date

    @property
    def latest(self) -> date:
        """No running deadline due on or after this date is due soon (lets SQL use an index)."""
        return max([self.fallback, *self.defaults.values(), *self.overrides.values()])

    def cutoff(
        self,
        case_type: SQLColumnExpression[str],
        code: SQLColumnExpression[str],
        municipality_id: SQLColumnExpression[int],
    ) -> ColumnElement[date]:
        """SQL: the cutoff date for the row with these columns."""
        whens: list[tuple[ColumnElement[bool], ColumnElement[date]]] = []
        for cut, keys in _by_date(self.overrides).items():
            whens.append((sa.tuple_(municipality_id, case_type, code).in_(keys), _date(cut)))
        for cut, pairs in _by_date(self.defaults).items():
            whens.append((sa.tuple_(case_type, code).in_(pairs), _date(cut)))
        if not whens:
            return _date(self.fallback)
        return sa.case(*whens, else_=_date(self.fallback))

    def is_due_soon(
        self,
        due_date: SQLColumnExpression[date],
        case_type: SQLColumnExpression[str],
        code: SQLColumnExpression[str],
        municipality_id: SQLColumnExpression[int],
    ) -> ColumnElement[bool]:
        return sa.and_(
            due_date >= self.today,
            due_date < self.latest,
            due_date < self.cutoff(case_type, code, municipality_id),
        )


def warning_windows(today: date) -> WarningWindows:
    """The windows of every workflow deadline, with each municipality's couleur locale."""
    reg = registry()
    defaults: dict[tuple[str, str], date] = {}
    override_days: dict[tuple[str, str, str], int] = {}
    for name in reg.names():
        workflow = reg.get(name)
        for code, spec in workflow.deadlines.items():
            defaults[(name, code)] = cutoff_date(today, spec.warning_working_days)
        for municipality_code in workflow.overrides:
            local = workflow.for_municipality(municipality_code)
            for code, spec in local.deadlines.items():
                if spec.warning_working_days != workflow.deadlines[code].warning_working_days:
                    override_days[(municipality_code, name, code)] = spec.warning_working_days
    ids = _municipality_ids({code for code, _, _ in override_days})
    overrides = {
        (ids[m], name, code): cutoff_date(today, days)
        for (m, name, code), days in override_days.items()
        if m in ids
    }
    fallback_days = int(current_app.config.get("SIGNAL_DEFAULT_WARNING_DAYS", 5))
    return WarningWindows(today, defaults, overrides, cutoff_date(today, fallback_days))


def _municipality_ids(codes: set[str]) -> dict[str, int]:
    if not codes:
        return {}
    rows = db.session.execute(
        sa.select(Municipality.code, Municipality.id).where(Municipality.code.in_(codes))
    )
    return {code: id_ for code, id_ in rows}


def _by_date(cutoffs: dict[K, date]) -> dict[date, list[K]]:
    grouped: dict[date, list[K]] = defaultdict(list)
    for key, cut in sorted(cutoffs.items(), key=lambda item: str(item[0])):
        grouped[cut].append(key)
    return grouped


def _date(value: date) -> ColumnElement[date]:
    return sa.literal(value, sa.Date())
