"""What a report can be grouped by: municipality, case type, domain, team, consultant, time."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from caseflow.domains import domain_label
from caseflow.extensions import db
from caseflow.models import Case, Municipality, Team, User
from caseflow.reports.filters import ReportFilter, domains
from caseflow.reports.periods import Period, ReportError
from caseflow.reports.sql import bucket
from caseflow.workflow.registry import registry

NONE_KEY = "-"  # how an empty group (no team, no handler) travels in a URL


@dataclass(frozen=True)
class TimeColumn:
    """The moment an indicator places a row in time (opened, closed, deadline stopped)."""

    column: Any
    is_date: bool


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    empty_label: str
    _expression: Callable[[ReportFilter, TimeColumn | None], Any]
    _labels: Callable[[list[Any]], dict[Any, str]]
    numeric: bool = False

    def expression(self, report_filter: ReportFilter, time: TimeColumn | None) -> Any:
        return self._expression(report_filter, time)

    def labels(self, values: Iterable[Any]) -> dict[Any, str]:
        present = [v for v in set(values) if v is not None]
        found = self._labels(present) if present else {}
        return {v: found.get(v, str(v)) for v in present} | {None: self.empty_label}

    def parse(self, text: str) -> Any:
        """A group value from a URL back to the value the query compares with."""
        if text == NONE_KEY:
            return None
        return int(text) if self.numeric else text


def _names(column: Any, key: Any) -> Callable[[list[Any]], dict[Any, str]]:
    def lookup(values: list[Any]) -> dict[Any, str]:
        rows = db.session.execute(sa.select(key, column).where(key.in_(values)))
        return {k: v for k, v in rows}

    return lookup


def _case_type_labels(values: list[Any]) -> dict[Any, str]:
    workflows = registry().workflows
    return {v: workflows[v].label if v in workflows else v for v in values}


def _domain_expression(_: ReportFilter, __: TimeColumn | None) -> ColumnElement[Any]:
    mapping = {case_type: domain for domain, types in domains().items() for case_type in types}
    if not mapping:
        return sa.null()
    return sa.case(mapping, value=Case.case_type, else_=sa.null())


def _contested_domain_expression(_: ReportFilter, __: TimeColumn | None) -> Any:
    """For a bezwaar case: the domain of the decision it contests (from the register)."""
    from sqlalchemy.orm import aliased

    from caseflow.models import Objection

    mapping = {case_type: domain for domain, types in domains().items() for case_type in types}
    contested = aliased(Case, name="bestreden")
    return (
        sa.select(sa.case(mapping, value=contested.case_type, else_=sa.null()))
        .select_from(Objection)
        .join(contested, contested.id == Objection.contested_case_id)
        .where(Objection.case_id == Case.id)
        .correlate(Case)
        .scalar_subquery()
    )


def _time_expression(unit: str) -> Callable[[ReportFilter, TimeColumn | None], ColumnElement[Any]]:
    def expression(report_filter: ReportFilter, time: TimeColumn | None) -> ColumnElement[Any]:
        if time is None:
            raise ReportError("Deze indicator is een stand van vandaag en kent geen verloop.")
        period = report_filter.period
        parts = period.months() if unit == "maand" else period.years()
        return bucket(time.column, parts, is_date=time.is_date)

    return expression


def _label_time(values: list[Any]) -> dict[Any, str]:
    return {v: Period.parse(v).label for v in values}


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension(
            "gemeente",
            "Gemeente",
            "Onbekend",
            lambda f, t: Case.municipality_id,
            _names(Municipality.name, Municipality.id),
            numeric=True,
        ),
        Dimension(
            "zaaktype",
            "Zaaktype",
            "Onbekend",
            lambda f, t: Case.case_type,
            _case_type_labels,
        ),
        Dimension(
            "domein",
            "Domein",
            "Onbekend",
            _domain_expression,
            lambda values: {v: domain_label(v) for v in values},
        ),
        Dimension(
            "team",
            "Team",
            "Zonder team",
            lambda f, t: Case.team_id,
            _names(Team.name, Team.id),
            numeric=True,
        ),
        Dimension(
            "consulent",
            "Consulent",
            "Niet toegewezen",
            lambda f, t: Case.assignee_id,
            _names(User.full_name, User.id),
            numeric=True,
        ),
        Dimension(
            "bestreden_domein",
            "Domein van het bestreden besluit",
            "Niet gekoppeld aan een besluit",
            _contested_domain_expression,
            lambda values: {v: domain_label(v) for v in values},
        ),
        Dimension("maand", "Maand", "Nog open", _time_expression("maand"), _label_time),
        Dimension("jaar", "Jaar", "Nog open", _time_expression("jaar"), _label_time),
    )
}
TIME_DIMENSIONS = frozenset({"maand", "jaar"})


def dimension(key: str) -> Dimension:
    try:
        return DIMENSIONS[key]
    except KeyError:
        raise KeyError(f"onbekende groepering '{key}'") from None
