"""What turns the live report into the council's: the Toelichting and special assignments, the
hand-entered DVO figures, issuing, and the issued versions as page, PDF and XLSX."""

from decimal import Decimal

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from markupsafe import Markup

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import IssuedReport
from caseflow.permissions import ISSUE_REPORTS, WRITE_REPORTS
from caseflow.reports import document, issuing, municipal, report_texts
from caseflow.reports.norm_admin import NormError, parse_value, plain_number
from caseflow.reports.norms import entered_values
from caseflow.reports.snapshot import snapshot, workbook_tables
from caseflow.reports.tables import to_xlsx
from caseflow.web.common import user
from caseflow.web.reports import bp
from caseflow.web.reports.common import scope
from caseflow.web.reports.municipal import (
    KINDS,
    SLUGS,
    build_report,
    chosen_period,
    labels,
    municipality_for,
)

TEXT_FIELD = "toelichting-"
TITLE_FIELD, BODY_FIELD = "opdracht-titel-", "opdracht-tekst-"
VALUE_FIELD = "waarde-"


def _require(permission_ok: bool) -> None:
    if not permission_ok:
        abort(403)


def _live(municipality_id: int, slug: str) -> municipal.MunicipalityReport:
    reader = scope()
    municipality = municipality_for(reader, municipality_id)
    kind = SLUGS[slug]
    return build_report(reader, municipality, kind, chosen_period(kind))


def _back(report: municipal.MunicipalityReport, slug: str) -> str:
    return url_for(
        "reports.municipal_report",
        municipality_id=report.municipality.id,
        slug=slug,
        periode=report.period.code,
    )


def _read_texts(
    report: municipal.MunicipalityReport,
) -> tuple[dict[str, str], list[tuple[str, str]], dict[str, str]]:
    keys = [municipal.COMPARISON_KEY, *(s.key for s in report.sections)]
    texts = {key: request.form.get(TEXT_FIELD + key, "") for key in keys}
    assignments = [
        (request.form.get(f"{TITLE_FIELD}{n}", ""), request.form.get(f"{BODY_FIELD}{n}", ""))
        for n in range(1, report_texts.MAX_ASSIGNMENTS + 1)
    ]
    errors: dict[str, str] = {}
    too_long = f"Hooguit {report_texts.MAX_TEXT} tekens."
    for key, body in texts.items():
        if len(body) > report_texts.MAX_TEXT:
            errors[TEXT_FIELD + key] = too_long
    for n, (title, body) in enumerate(assignments, start=1):
        if body.strip() and not title.strip():
            errors[f"{TITLE_FIELD}{n}"] = "Geef deze speciale opdracht een titel."
        if len(title) > 200:
            errors[f"{TITLE_FIELD}{n}"] = "Hooguit 200 tekens."
        if len(body) > report_texts.MAX_TEXT:
            errors[f"{BODY_FIELD}{n}"] = too_long
    return texts, assignments, errors


@bp.route(f"/gemeenten/<int:municipality_id>/<{KINDS}:slug>/teksten", methods=["GET", "POST"])
@login_required
def report_texts_page(municipality_id: int, slug: str) -> ResponseReturnValue:
    report = _live(municipality_id, slug)
    _require(user().may(WRITE_REPORTS))
    errors: dict[str, str] = {}
    texts = dict(report.texts)
    assignments = [(a.title, a.body) for a in report.assignments]
    if request.method == "POST":
        texts, assignments, errors = _read_texts(report)
        if not errors:
            report_texts.save(
                report.municipality.id,
                report.kind,
                report.period.code,
                texts,
                assignments,
                user().id,
            )
            flash("De teksten zijn opgeslagen.")
            return redirect(_back(report, slug))
    slots = assignments + [("", "")] * (report_texts.MAX_ASSIGNMENTS - len(assignments))
    return render_template(
        "reports/report_texts.html",
        report=report,
        slug=slug,
        texts=texts,
        slots=slots[: report_texts.MAX_ASSIGNMENTS],
        errors=errors,
        fields=(TEXT_FIELD, TITLE_FIELD, BODY_FIELD),
        comparison_key=municipal.COMPARISON_KEY,
    ), (400 if errors else 200)


@bp.route(f"/gemeenten/<int:municipality_id>/<{KINDS}:slug>/cijfers", methods=["GET", "POST"])
@login_required
def hand_values(municipality_id: int, slug: str) -> ResponseReturnValue:
    report = _live(municipality_id, slug)
    _require(user().may(WRITE_REPORTS))
    hand = [c for c in report.agreed if c.target.hand]
    entered = entered_values(report.municipality.id, report.period.code)
    shown = {c.target.code: _shown(entered.get(c.target.code)) for c in hand}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values: dict[str, Decimal | None] = {}
        for c in hand:
            text = request.form.get(VALUE_FIELD + c.target.code, "").strip()
            shown[c.target.code] = text
            try:
                values[c.target.code] = parse_value(text) if text else None
            except NormError as exc:
                errors[VALUE_FIELD + c.target.code] = str(exc)
        if not errors:
            report_texts.save_values(report.municipality.id, report.period.code, values, user().id)
            flash("De handmatige cijfers zijn opgeslagen.")
            return redirect(_back(report, slug))
    return render_template(
        "reports/hand_values.html",
        report=report,
        slug=slug,
        hand=hand,
        shown=shown,
        errors=errors,
        field=VALUE_FIELD,
    ), (400 if errors else 200)


@bp.route(f"/gemeenten/<int:municipality_id>/<{KINDS}:slug>/uitgeven", methods=["GET", "POST"])
@login_required
def issue_form(municipality_id: int, slug: str) -> ResponseReturnValue:
    report = _live(municipality_id, slug)
    _require(user().may(ISSUE_REPORTS))
    earlier = issuing.versions(report.municipality.id, report.kind, report.period.code)
    error = ""
    reason = request.form.get("reden", "")
    if request.method == "POST":
        try:
            previous = issuing.check_issuable(report, clock.today(), reason)
            issued = _issue(report, reason, previous)
        except issuing.IssueError as exc:
            error = str(exc)
        else:
            flash(f"{issued.title} is uitgegeven als versie {issued.version}.")
            return redirect(url_for("reports.issued_report", issued_id=issued.id))
    return render_template(
        "reports/issue.html",
        report=report,
        slug=slug,
        earlier=earlier,
        error=error,
        reason=reason,
    ), (400 if error else 200)


def _issue(
    report: municipal.MunicipalityReport, reason: str, previous: IssuedReport | None
) -> IssuedReport:
    names = labels()
    body = document.body(report, names)
    me = user()
    moment = clock.now()
    version = (previous.version + 1) if previous is not None else 1
    mark = document.IssueMark(
        clock.to_local(moment).strftime("%d-%m-%Y %H:%M"), me.full_name, version
    )
    pdf = document.pdf(report, body, mark)
    return issuing.issue(report, snapshot(report, names), str(body), pdf, me, reason, previous)


@bp.route("/gemeenten/<int:municipality_id>/uitgegeven")
@login_required
def issued_list(municipality_id: int) -> ResponseReturnValue:
    reader = scope()
    municipality = municipality_for(reader, municipality_id)
    return render_template(
        "reports/issued_list.html",
        municipality=municipality,
        issued=issuing.issued_for(municipality.id),
    )


def _issued(issued_id: int) -> IssuedReport:
    reader = scope()
    found = db.session.get(IssuedReport, issued_id)
    if found is None:
        abort(404)
    municipality_for(reader, found.municipality_id)
    return found


@bp.route("/uitgegeven/<int:issued_id>")
@login_required
def issued_report(issued_id: int) -> ResponseReturnValue:
    issued = _issued(issued_id)
    return render_template(
        "reports/issued.html",
        issued=issued,
        # Stored by caseflow itself when it was issued, from our own template.
        body=Markup(issued.html),  # nosec B704
        versions=issuing.versions(issued.municipality_id, issued.kind, issued.period),
    )


@bp.route("/uitgegeven/<int:issued_id>.pdf")
@login_required
def issued_pdf(issued_id: int) -> ResponseReturnValue:
    issued = _issued(issued_id)
    return Response(
        issued.pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f"attachment; filename={_file_name(issued)}.pdf"},
    )


@bp.route("/uitgegeven/<int:issued_id>.xlsx")
@login_required
def issued_xlsx(issued_id: int) -> ResponseReturnValue:
    issued = _issued(issued_id)
    return Response(
        to_xlsx(workbook_tables(issued.content)),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f"attachment; filename={_file_name(issued)}.xlsx"},
    )


def _shown(value: Decimal | None) -> str:
    return "" if value is None else plain_number(value).replace(".", ",")


def _file_name(issued: IssuedReport) -> str:
    return f"{issued.kind}-{issued.municipality.code}-{issued.period}-v{issued.version}"
