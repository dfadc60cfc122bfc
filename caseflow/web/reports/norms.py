"""Norm administration: the list per municipality and year, one norm at a time, CSV import."""

from datetime import date

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import ALL_CASE_TYPES, Municipality, Norm
from caseflow.permissions import ADMINISTER
from caseflow.reports.catalogue import TARGETS, catalogue
from caseflow.reports.filters import ReportFilter
from caseflow.reports.norm_admin import (
    EXAMPLE,
    NormError,
    agreement_table,
    import_csv,
    parse_value,
    save_norm,
    xlsx_as_csv,
)
from caseflow.reports.norms import compare
from caseflow.reports.periods import Period
from caseflow.reports.tables import to_csv, to_xlsx
from caseflow.scope.reports import ReportScope
from caseflow.web.common import int_arg, user
from caseflow.web.ids import parse_id
from caseflow.web.reports import bp
from caseflow.web.reports.common import guard_municipality, scope
from caseflow.web.reports.forms import NormForm, NormImportForm, municipalities
from caseflow.workflow.registry import registry


def _may_edit() -> bool:
    return user().may(ADMINISTER)


def _norm_form(reader: ReportScope) -> NormForm:
    form = NormForm()
    form.indicator.choices = [(t.code, t.label) for t in catalogue().values()]
    form.gemeente.choices = [(str(m.id), m.name) for m in municipalities(reader)]
    form.zaaktype.choices = [(ALL_CASE_TYPES, "Alle zaaktypen")] + [
        (name, wf.label) for name, wf in sorted(registry().workflows.items())
    ]
    return form


def _page(
    reader: ReportScope, form: NormForm, import_form: NormImportForm, status: int = 200
) -> ResponseReturnValue:
    today = clock.today()
    year = int_arg("jaar", today.year) or today.year
    chosen = int_arg("gemeente")
    if chosen is not None:
        guard_municipality(reader, chosen)
    shown = [chosen] if chosen is not None else list(reader.municipality_ids)
    norms = db.session.scalars(
        sa.select(Norm)
        .join(Municipality, Municipality.id == Norm.municipality_id)
        .where(Norm.municipality_id.in_(shown), Norm.year == year)
        .order_by(Municipality.name, Norm.indicator, Norm.case_type)
    ).all()
    comparisons = []
    if chosen is not None:
        until = min(today, date(year, 12, 31))
        base = reader.apply(
            ReportFilter(today=today, period=Period.custom(date(year, 1, 1), until))
        )
        comparisons = compare(base, chosen, year)
    errors = [(name, m) for name, messages in form.errors.items() for m in messages]
    errors += [(name, m) for name, messages in import_form.errors.items() for m in messages]
    return render_template(
        "reports/norms.html",
        norms=norms,
        targets=catalogue(),
        computed=list(TARGETS),
        year=year,
        chosen=chosen,
        municipalities=municipalities(reader),
        comparisons=comparisons,
        form=form,
        import_form=import_form,
        may_edit=_may_edit(),
        errors=errors,
        labels={name: wf.label for name, wf in registry().workflows.items()},
    ), status


@bp.route("/normen", methods=["GET", "POST"])
@login_required
def norms() -> ResponseReturnValue:
    reader = scope()
    form = _norm_form(reader)
    if request.method == "GET":
        return _page(reader, form, NormImportForm(formdata=None))
    if not _may_edit():
        abort(403)
    if form.validate_on_submit():
        guard_municipality(reader, parse_id(form.gemeente.data) or 0)
        try:
            value = parse_value(form.waarde.data or "")
        except NormError as exc:
            form.waarde.errors = [str(exc)]
        else:
            year = form.jaar.data or 0
            _, created = save_norm(
                parse_id(form.gemeente.data) or 0,
                form.indicator.data,
                form.zaaktype.data or ALL_CASE_TYPES,
                year,
                form.soort.data,
                value,
                form.bron.data or None,
                user_id=user().id,
            )
            flash("Norm toegevoegd." if created else "Norm bijgewerkt.")
            return redirect(url_for("reports.norms", gemeente=form.gemeente.data, jaar=year))
    return _page(reader, form, NormImportForm(formdata=None), status=400)


@bp.route("/normen/<int:norm_id>/verwijderen", methods=["POST"])
@login_required
def delete_norm(norm_id: int) -> ResponseReturnValue:
    reader = scope()
    if not _may_edit():
        abort(403)
    norm = db.session.get(Norm, norm_id)
    if norm is None:
        abort(404)
    guard_municipality(reader, norm.municipality_id)
    municipality_id, year = norm.municipality_id, norm.year
    db.session.delete(norm)
    flash("Norm verwijderd.")
    return redirect(url_for("reports.norms", gemeente=municipality_id, jaar=year))


@bp.route("/normen/import", methods=["POST"])
@login_required
def import_norms() -> ResponseReturnValue:
    reader = scope()
    if not _may_edit():
        abort(403)
    import_form = NormImportForm()
    if import_form.validate_on_submit():
        raw = import_form.bestand.data.read()
        try:
            text = _as_text(raw)
        except NormError as exc:
            import_form.bestand.errors = [str(exc), "Er is niets opgeslagen."]
            return _page(reader, _norm_form(reader), import_form, status=400)
        result = import_csv(text, municipalities(reader), user().id)
        if not result.errors:
            flash(f"{result.added} normen toegevoegd, {result.updated} bijgewerkt.")
            return redirect(url_for("reports.norms"))
        import_form.bestand.errors = [*result.errors, "Er is niets opgeslagen."]
    return _page(reader, _norm_form(reader), import_form, status=400)


def _as_text(raw: bytes) -> str:
    """A CSV file as text, or an Excel file's first sheet as CSV (an XLSX file is a zip: PK)."""
    if raw.startswith(b"PK\x03\x04"):
        return xlsx_as_csv(raw)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


@bp.route("/normen/voorbeeld.csv")
@login_required
def norm_example() -> ResponseReturnValue:
    scope()
    return Response(
        EXAMPLE,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=normen-voorbeeld.csv"},
    )


@bp.route("/normen/dvo.<any(csv, xlsx):fmt>")
@login_required
def export_norms(fmt: str) -> ResponseReturnValue:
    """The agreements the reader may see, in the columns the import reads (round trip)."""
    reader = scope()
    chosen = int_arg("gemeente")
    if chosen is not None:
        guard_municipality(reader, chosen)
    year = int_arg("jaar")
    shown = [m for m in municipalities(reader) if chosen is None or m.id == chosen]
    table = agreement_table(shown, year)
    name = f"dvo-{year or 'alle-jaren'}.{fmt}"
    headers = {"Content-Disposition": f"attachment; filename={name}", "Cache-Control": "no-store"}
    if fmt == "csv":
        return Response("\ufeff" + to_csv(table), mimetype="text/csv", headers=headers)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(to_xlsx([table]), mimetype=xlsx, headers=headers)
