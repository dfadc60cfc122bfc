"""What every report view needs: the reader's scope, the filter form, links to the cases."""

from typing import Any

from flask import abort, request
from flask_login import current_user

from caseflow import clock
from caseflow.reports.base import Indicator, Number, ReportResult, Row
from caseflow.reports.dimensions import NONE_KEY
from caseflow.reports.formatting import number, signed_percent
from caseflow.scope.reports import ReportScope, scope_for
from caseflow.web.common import user
from caseflow.web.ids import parse_id
from caseflow.web.reports import bp
from caseflow.web.reports.forms import FilterForm, filter_form

GROUP_PREFIX = "g."


def scope() -> ReportScope:
    """The reader's scope; 403 for anyone who may read no figures at all."""
    if not current_user.is_authenticated:
        abort(401)
    found = scope_for(user())
    if not found.readable:
        abort(403)
    return found


def guard_municipality(reader: ReportScope, municipality_id: int) -> None:
    if not reader.allows_municipality(municipality_id):
        abort(403)


def form_for(reader: ReportScope, indicator: Indicator | None) -> FilterForm:
    """The filter form from the query string; asking for someone else's figures is a 403."""
    gemeente, team = request.args.get("gemeente", ""), request.args.get("team", "")
    if gemeente and not reader.allows_municipality(parse_id(gemeente) or 0):
        abort(403)
    if team and not reader.allows_team(parse_id(team) or 0):
        abort(403)
    return filter_form(request.args, reader, clock.today(), indicator)


def group_keys(result: ReportResult, row: Row) -> dict[str, str]:
    return {
        GROUP_PREFIX + key: NONE_KEY if value is None else str(value)
        for key, value in zip(result.group_by, row.keys, strict=True)
    }


def drill_args(
    result: ReportResult, args: dict[str, Any], measure: str, row: Row | None
) -> dict[str, Any]:
    keys = group_keys(result, row) if row is not None else {}
    return {**args, "code": result.indicator.code, "m": measure, **keys}


@bp.app_template_filter("report_number")
def report_number(value: Number, unit: str = "aantal") -> str:
    return number(value, unit)


@bp.app_template_filter("report_deviation")
def report_deviation(value: float | None) -> str:
    return signed_percent(value)


@bp.app_template_global("report_drill_args")
def report_drill_args(
    result: ReportResult, args: dict[str, Any], measure: str, row: Row | None
) -> dict[str, Any]:
    return drill_args(result, args, measure, row)
