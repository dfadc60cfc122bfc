"""Query-string filters of the Zaken API, read into WHERE clauses; bad values answer 400 with
the parameter's name."""

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import request
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

from caseflow import clock
from caseflow.api.catalog import CaseType, ResultType, StatusType, catalog
from caseflow.api.problems import invalid
from caseflow.api.urls import uuid_in
from caseflow.models import Case, CaseEvent, Municipality, Person

REFERENCE = re.compile(r"^Z-(\d{4})-(\d{1,12})$")
BSN_PARAM = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"


def _day(name: str) -> date | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise invalid(name, "Geef een datum als JJJJ-MM-DD.") from None


# No case opens before or after these: clamping keeps the moments inside what every
# database (and Python's datetime, in UTC) can hold without changing any answer.
EARLIEST, LATEST = date(1900, 1, 1), date(9000, 1, 1)


def _midnight(day: date) -> datetime:
    return datetime.combine(min(max(day, EARLIEST), LATEST), time(0), clock.LOCAL_TZ)


def date_filters(name: str, column: QueryableAttribute[Any]) -> list[ColumnElement[bool]]:
    """`name`, `name__gt`, `__gte`, `__lt`, `__lte`: on the local date of `column`."""
    clauses: list[ColumnElement[bool]] = []
    operations: dict[str, Callable[[date], ColumnElement[bool]]] = {
        "": lambda d: sa.and_(column >= _midnight(d), column < _midnight(d + timedelta(days=1))),
        "__gt": lambda d: column >= _midnight(d + timedelta(days=1)),
        "__gte": lambda d: column >= _midnight(d),
        "__lt": lambda d: column < _midnight(d),
        "__lte": lambda d: column < _midnight(d + timedelta(days=1)),
    }
    for suffix, clause in operations.items():
        day = _day(name + suffix)
        if day is not None:
            clauses.append(clause(min(day, LATEST)))
    return clauses


def boolean(name: str) -> bool | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise invalid(name, "Geef true of false.")


def catalog_item(name: str, endpoint: str) -> object | None:
    """The catalogue entry a URL filter names; a URL naming nothing here matches nothing."""
    raw = request.args.get(name)
    if raw is None:
        return None
    found = uuid_in(raw, endpoint)
    return catalog().by_uuid.get(found) if found else False


def zaak_filters() -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if (reference := request.args.get("identificatie")) is not None:
        match = REFERENCE.match(reference)
        clauses.append(Case.id == int(match.group(2)) if match else sa.false())
    if (rsin := request.args.get("bronorganisatie")) is not None:
        clauses.append(
            Case.municipality_id.in_(sa.select(Municipality.id).where(Municipality.rsin == rsin))
        )
    case_type = catalog_item("zaaktype", "catalogi_api.zaaktype_read")
    if case_type is not None:
        clauses.append(
            Case.case_type == case_type.name if isinstance(case_type, CaseType) else sa.false()
        )
    clauses += date_filters("startdatum", Case.opened_at)
    clauses += date_filters("einddatum", Case.closed_at)
    open_only = boolean("einddatum__isnull")
    if open_only is not None:
        clauses.append(Case.closed_at.is_(None) if open_only else Case.closed_at.is_not(None))
    if (bsn := request.args.get(BSN_PARAM)) is not None:
        clauses.append(Case.person_id.in_(sa.select(Person.id).where(Person.bsn == bsn)))
    return clauses


ORDERINGS: dict[str, tuple[sa.UnaryExpression[Any], ...]] = {
    "startdatum": (Case.opened_at.asc(), Case.id.asc()),
    "-startdatum": (Case.opened_at.desc(), Case.id.desc()),
    "einddatum": (Case.closed_at.asc(), Case.id.asc()),
    "-einddatum": (Case.closed_at.desc(), Case.id.desc()),
}


def zaak_ordering() -> tuple[sa.UnaryExpression[Any], ...]:
    raw = request.args.get("ordering")
    if raw is None:
        return (Case.id.asc(),)
    if raw not in ORDERINGS:
        raise invalid("ordering", "Sorteer op " + ", ".join(ORDERINGS) + ".")
    return ORDERINGS[raw]


def status_type_filter() -> ColumnElement[bool] | None:
    item = catalog_item("statustype", "catalogi_api.statustype_read")
    if item is None:
        return None
    if not isinstance(item, StatusType):
        return sa.false()
    return sa.and_(Case.case_type == item.case_type, CaseEvent.to_state == item.state)


def result_type_filter() -> ColumnElement[bool] | None:
    item = catalog_item("resultaattype", "catalogi_api.resultaattype_read")
    if item is None:
        return None
    if not isinstance(item, ResultType):
        return sa.false()
    return sa.and_(
        Case.case_type == item.case_type, Case.state == item.state, Case.result == item.result
    )
