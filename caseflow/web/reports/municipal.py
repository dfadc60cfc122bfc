"""Per municipality, live: the monthly report, the bestuursrapportage and the jaarverantwoording,
as a page and as a PDF of that same page, and the indicator data in long format."""

from datetime import timedelta

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Municipality
from caseflow.permissions import ISSUE_REPORTS, WRITE_REPORTS
from caseflow.reports import document, long_format, municipal, report_texts
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period, ReportError, recent_choices, tertial_of
from caseflow.reports.tables import to_csv
from caseflow.scope.reports import ReportScope
from caseflow.web.common import int_arg, user
from caseflow.web.reports import bp
from caseflow.web.reports.common import guard_municipality, scope
from caseflow.web.reports.forms import FREE
from caseflow.workflow.registry import registry

SLUGS = {
    "maandrapportage": municipal.MONTHLY,
    "bestuursrapportage": municipal.FOUR_MONTHLY,
    "jaarverantwoording": municipal.ANNUAL,
}
SLUG_OF = {kind: slug for slug, kind in SLUGS.items()}
KINDS = "any(maandrapportage, bestuursrapportage, jaarverantwoording)"


def default_period(kind: str) -> Period:
    """The last period that has ended: last month, the previous tertial, last year."""
    today = clock.today()
    if kind == municipal.MONTHLY:
        last = today.replace(day=1) - timedelta(days=1)
        return Period.month(last.year, last.month)
    if kind == municipal.ANNUAL:
        return Period.year(today.year - 1)
    current = tertial_of(today)
    assert current.start is not None
    return tertial_of(current.start - timedelta(days=1))


def chosen_period(kind: str) -> Period:
    """The period asked for; a report is about a month, a tertial or a year of its own kind."""
    try:
        text = request.values.get("periode", "")
        period = Period.parse(text) if text else default_period(kind)
    except ReportError:
        abort(400)
    wanted = {municipal.MONTHLY: 7, municipal.FOUR_MONTHLY: 7, municipal.ANNUAL: 4}[kind]
    if period.start is None or period.end is None or len(period.code) != wanted:
        abort(400)
    if kind != municipal.ANNUAL and ("-T" in period.code) != (kind == municipal.FOUR_MONTHLY):
        abort(400)
    return period


def municipality_for(reader: ReportScope, municipality_id: int) -> Municipality:
    guard_municipality(reader, municipality_id)
    found = db.session.get(Municipality, municipality_id)
    if found is None:
        abort(404)
    return found


def build_report(
    reader: ReportScope, municipality: Municipality, kind: str, period: Period
) -> municipal.MunicipalityReport:
    scoped = reader.apply(ReportFilter(today=clock.today()))
    texts, assignments = report_texts.load(municipality.id, kind, period.code)
    return municipal.build(municipality, period, scoped, kind, texts, assignments)


def _report(municipality_id: int, kind: str) -> tuple[municipal.MunicipalityReport, ReportScope]:
    reader = scope()
    municipality = municipality_for(reader, municipality_id)
    return build_report(reader, municipality, kind, chosen_period(kind)), reader


def labels() -> dict[str, str]:
    return {name: wf.label for name, wf in registry().workflows.items()}


def _drill_args(report: municipal.MunicipalityReport) -> dict[str, str]:
    """The indicator filter that gives the same numbers, for the lists behind them."""
    period = report.period
    assert period.start is not None and period.end is not None
    args = {"gemeente": str(report.municipality.id)}
    if period.code in {p.code for p in recent_choices(report.today)}:
        return args | {"periode": period.code}
    return args | {"periode": FREE, "van": period.start.isoformat(), "tot": period.end.isoformat()}


@bp.route(f"/gemeenten/<int:municipality_id>/<{KINDS}:slug>")
@login_required
def municipal_report(municipality_id: int, slug: str) -> ResponseReturnValue:
    report, reader = _report(municipality_id, SLUGS[slug])
    return render_template(
        "reports/municipal.html",
        report=report,
        labels=labels(),
        may_list=reader.may_list_cases,
        drill=_drill_args(report),
        slug=slug,
        may_write=user().may(WRITE_REPORTS),
        may_issue=user().may(ISSUE_REPORTS) and reader.team_ids is None,
    )


@bp.route(f"/gemeenten/<int:municipality_id>/<{KINDS}:slug>.pdf")
@login_required
def municipal_pdf(municipality_id: int, slug: str) -> ResponseReturnValue:
    report, _ = _report(municipality_id, SLUGS[slug])
    pdf = document.pdf(report, document.body(report, labels()))
    name = f"{slug}-{report.municipality.code}-{report.period.code}.pdf"
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


@bp.route("/gemeenten/<int:municipality_id>/indicatoren.csv")
@login_required
def indicator_data(municipality_id: int) -> ResponseReturnValue:
    """Every agreed indicator per tertial and for the year: the long format BI tools read."""
    reader = scope()
    municipality = municipality_for(reader, municipality_id)
    year = int_arg("jaar", clock.today().year) or clock.today().year
    if not 2000 <= year <= 2100:
        abort(400)
    scoped = reader.apply(ReportFilter(today=clock.today()))
    table = long_format.indicator_data(municipality, year, scoped)
    name = f"indicatoren-{municipality.code}-{year}.csv"
    return Response(
        "\ufeff" + to_csv(table),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename={name}",
            "Cache-Control": "no-store",
        },
    )
