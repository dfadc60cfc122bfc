"""Team manager dashboard, one indicator with its filters and exports, the cases behind a number."""

from typing import Any

import sqlalchemy as sa
from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required
from sqlalchemy.orm import selectinload

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case
from caseflow.reports.base import Indicator, ReportResult
from caseflow.reports.charts import Series, bar_chart
from caseflow.reports.export import to_csv, to_xlsx
from caseflow.reports.periods import ReportError
from caseflow.reports.registry import INDICATORS, UnknownIndicator, indicator
from caseflow.scope.queries import UNSCOPED
from caseflow.web.common import int_arg
from caseflow.web.reports import bp
from caseflow.web.reports.common import GROUP_PREFIX, form_for, scope
from caseflow.web.reports.forms import (
    FilterForm,
    check_period,
    form_errors,
    group_by,
    municipalities,
    query_args,
    to_filter,
)
from caseflow.workflow.registry import registry

PAGE_SIZE = 100
DASHBOARD_FIELDS = ("gemeente", "team", "periode", "van", "tot", "soort", "dagen")


def _lookup(code: str) -> Indicator:
    try:
        return indicator(code)
    except UnknownIndicator:
        abort(404)


def _valid(form: FilterForm) -> bool:
    form.validate()
    check_period(form)
    return not form.errors


def _chart(result: ReportResult) -> Any:
    """The first two counts per group; the shares, when the indicator is read by a share."""
    read_by_share = result.indicator.headline is not None
    measures = [
        m for m in result.indicator.measures if (m.unit == "procent" if read_by_share else m.drill)
    ][: 3 if read_by_share else 2]
    if not result.rows or not measures or not result.dimensions:
        return None
    labels = [" / ".join(row.labels) for row in result.rows]
    series = [Series(m.label, [row.values[m.key] for row in result.rows]) for m in measures]
    return bar_chart(
        f"{result.indicator.name} per {result.dimensions[-1].label.lower()}",
        labels,
        series,
        measures[0].unit,
    )


@bp.route("/")
@login_required
def dashboard() -> ResponseReturnValue:
    reader = scope()
    form = form_for(reader, None)
    context: dict[str, Any] = {"form": form, "fields": DASHBOARD_FIELDS}
    if _valid(form):
        f = to_filter(form, reader, clock.today())
        backlog = indicator("werkvoorraad")
        per_consultant = backlog.run(f, reader.groups(["team", "consulent"]))
        context |= {
            "backlog": per_consultant if reader.sees_staff else None,
            "backlog_teams": backlog.roll_up(per_consultant, ["team"]),
            "timeliness": indicator("tijdigheid").run(f, ["team"]),
            "flow": indicator("doorstroom").run(f, ["team"]),
            "args": query_args(form),
        }
    return render_template(
        "reports/dashboard.html",
        errors=form_errors(form),
        indicators=INDICATORS.values(),
        municipalities=municipalities(reader),
        may_list=reader.may_list_cases,
        **context,
    )


@bp.route("/indicatoren/<code>")
@login_required
def show(code: str) -> ResponseReturnValue:
    chosen = _lookup(code)
    reader = scope()
    form = form_for(reader, chosen)
    result = None
    if _valid(form):
        try:
            result = chosen.run(to_filter(form, reader, clock.today()), group_by(form, reader))
        except ReportError as exc:
            form.periode.errors = [str(exc)]
    if result is not None and request.args.get("formaat") == "csv":
        return Response(
            to_csv(result),
            mimetype="text/csv",
            headers={"Content-Disposition": f"attachment; filename={code}.csv"},
        )
    if result is not None and request.args.get("formaat") == "xlsx":
        described = [(field.label.text, _shown(field)) for field in form if field.data]
        return Response(
            to_xlsx(result, described),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f"attachment; filename={code}.xlsx"},
        )
    return render_template(
        "reports/indicator.html",
        indicator=chosen,
        form=form,
        errors=form_errors(form),
        result=result,
        chart=_chart(result) if result else None,
        args=query_args(form),
        may_list=reader.may_list_cases,
    )


def _shown(field: Any) -> str:
    choices = dict(getattr(field, "choices", None) or [])
    return str(choices.get(field.data, field.data))


@bp.route("/indicatoren/<code>/zaken")
@login_required
def cases(code: str) -> ResponseReturnValue:
    chosen = _lookup(code)
    reader = scope()
    if not reader.may_list_cases:
        abort(403)
    measure = next((m for m in chosen.measures if m.key == request.args.get("m")), None)
    form = form_for(reader, chosen)
    if measure is None or not measure.drill or not _valid(form):
        abort(400)
    try:
        keys = {
            name[len(GROUP_PREFIX) :]: chosen.dimension(name[len(GROUP_PREFIX) :]).parse(value)
            for name, value in request.args.items()
            if name.startswith(GROUP_PREFIX)
        }
        f = to_filter(form, reader, clock.today())
        behind = chosen.cases(f, measure.key, keys).subquery("achter_het_getal")
    except (KeyError, ValueError, ReportError):
        abort(400)
    # The list shows the rows this reader may open (the request's scope applies to Case).
    visible = behind.c.case_id == Case.id
    total = db.session.scalar(sa.select(sa.func.count()).select_from(behind).join(Case, visible))
    # The number on the report counts every row, as the report did, past the reader's scope.
    everything = sa.select(sa.func.count()).select_from(behind).execution_options(**UNSCOPED)
    counted = db.session.scalar(everything) or 0
    page = max(1, int_arg("pagina", 1) or 1)
    rows = db.session.execute(
        sa.select(Case, behind.c.detail)
        .join(behind, visible)
        .options(
            selectinload(Case.municipality), selectinload(Case.team), selectinload(Case.assignee)
        )
        .order_by(Case.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    groups = [
        (chosen.dimension(key).label, chosen.dimension(key).labels([value])[value])
        for key, value in keys.items()
    ]
    args = query_args(form)
    return render_template(
        "reports/cases.html",
        indicator=chosen,
        measure=measure,
        groups=groups,
        rows=rows,
        total=total or 0,
        counted=counted,
        page=page,
        pages=max(1, -(-(total or 0) // PAGE_SIZE)),
        link_args={
            **args,
            **{k: v for k, v in request.args.items() if k.startswith(GROUP_PREFIX)},
            "code": code,
            "m": measure.key,
        },
        args=args,
        period=f.period,
        workflows=registry().workflows,
    )


@bp.route("/stijl.css")
def stylesheet() -> ResponseReturnValue:
    return Response(render_template("reports/stijl.css"), mimetype="text/css")
