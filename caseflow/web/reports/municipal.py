"""Per municipality: the monthly report and the printable four-monthly bestuursrapportage."""

from datetime import timedelta

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Municipality
from caseflow.reports import municipal, pdf
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period, ReportError, recent_choices, tertial_of
from caseflow.scope.reports import ReportScope
from caseflow.web.reports import bp
from caseflow.web.reports.common import guard_municipality, scope
from caseflow.web.reports.forms import FREE
from caseflow.workflow.registry import registry


def _report(
    municipality_id: int, kind: str, default: Period
) -> tuple[municipal.MunicipalityReport, ReportScope]:
    reader = scope()
    guard_municipality(reader, municipality_id)
    municipality = db.session.get(Municipality, municipality_id)
    if municipality is None:
        abort(404)
    try:
        chosen = request.args.get("periode", "")
        period = Period.parse(chosen) if chosen else default
    except ReportError:
        abort(400)
    if period.start is None or period.end is None:
        abort(400)
    scoped = reader.apply(ReportFilter(today=clock.today()))
    return municipal.build(municipality, period, scoped, kind), reader


def _page(report: municipal.MunicipalityReport, reader: ReportScope) -> ResponseReturnValue:
    return render_template(
        "reports/municipal.html",
        report=report,
        labels=_labels(),
        may_list=reader.may_list_cases,
        drill=_drill_args(report),
    )


def _drill_args(report: municipal.MunicipalityReport) -> dict[str, str]:
    """The indicator filter that gives the same numbers, for the lists behind them."""
    period = report.period
    assert period.start is not None and period.end is not None
    args = {"gemeente": str(report.municipality.id)}
    if period.code in {p.code for p in recent_choices(report.today)}:
        return args | {"periode": period.code}
    return args | {"periode": FREE, "van": period.start.isoformat(), "tot": period.end.isoformat()}


def _previous_month() -> Period:
    last = clock.today().replace(day=1) - timedelta(days=1)
    return Period.month(last.year, last.month)


def _previous_tertial() -> Period:
    current = tertial_of(clock.today())
    assert current.start is not None
    return tertial_of(current.start - timedelta(days=1))


@bp.route("/gemeenten/<int:municipality_id>/maandrapportage")
@login_required
def monthly(municipality_id: int) -> ResponseReturnValue:
    return _page(*_report(municipality_id, municipal.MONTHLY, _previous_month()))


@bp.route("/gemeenten/<int:municipality_id>/bestuursrapportage")
@login_required
def four_monthly(municipality_id: int) -> ResponseReturnValue:
    return _page(*_report(municipality_id, municipal.FOUR_MONTHLY, _previous_tertial()))


@bp.route("/gemeenten/<int:municipality_id>/bestuursrapportage.pdf")
@login_required
def four_monthly_pdf(municipality_id: int) -> ResponseReturnValue:
    report, _ = _report(municipality_id, municipal.FOUR_MONTHLY, _previous_tertial())
    name = f"bestuursrapportage-{report.municipality.code}-{report.period.code}.pdf"
    return Response(
        pdf.render(report, _labels()),
        mimetype="application/pdf",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


def _labels() -> dict[str, str]:
    return {name: wf.label for name, wf in registry().workflows.items()}
