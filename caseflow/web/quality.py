"""Kwaliteit: the reviewer's landing page (the open samples), drawing and redrawing a sample,
and the checklist per sampled case."""

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.domains import domain_label
from caseflow.extensions import db
from caseflow.models import CAUSES, VERDICTS, Municipality, QualityFinding, QualitySample, Team
from caseflow.permissions import REVIEW_QUALITY
from caseflow.quality.findings import Verdict, checklist_of, findings_of, record_findings, score
from caseflow.quality.sampling import SampleRequest, draw_sample, redraw, sample_domains
from caseflow.web.common import user
from caseflow.web.ids import parse_id
from caseflow.web.loading import case_or_403
from caseflow.workflow.errors import InvalidData
from caseflow.workflow.registry import registry

bp = Blueprint("quality", __name__, url_prefix="/kwaliteit")


def _reviewer() -> None:
    if not user().may(REVIEW_QUALITY):
        abort(403)


def _sample(sample_id: int) -> QualitySample:
    sample = db.session.get(QualitySample, sample_id)
    if sample is None or not user().serves(sample.municipality_id):
        abort(404)
    return sample


def _date(name: str) -> date | None:
    try:
        return date.fromisoformat(request.form.get(name, "").strip())
    except ValueError:
        return None


def _index(errors: dict[str, str] | None = None, status: int = 200) -> ResponseReturnValue:
    me = user()
    ids = [m.id for m in me.municipalities]
    samples = db.session.scalars(
        sa.select(QualitySample)
        .where(QualitySample.municipality_id.in_(ids))
        .order_by(QualitySample.closed_at.is_not(None), QualitySample.drawn_at.desc())
    ).all()
    teams = db.session.scalars(
        sa.select(Team).where(Team.municipalities.any(Municipality.id.in_(ids))).order_by(Team.name)
    ).all()
    today = clock.today()
    return render_template(
        "quality/index.html",
        samples=[(s, score(s)) for s in samples],
        municipalities=sorted(me.municipalities, key=lambda m: m.name),
        domains=[(d, domain_label(d)) for d in sample_domains()],
        teams=teams,
        domain_label=domain_label,
        errors=list((errors or {}).items()),
        field_errors=errors or {},
        values=request.form,
        default_start=today.replace(day=1).isoformat(),
        default_end=today.isoformat(),
    ), status


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    _reviewer()
    return _index()


@bp.route("/steekproeven", methods=["POST"])
@login_required
def new_sample() -> ResponseReturnValue:
    _reviewer()
    given = SampleRequest(
        municipality_id=parse_id(request.form.get("gemeente")),
        domain=request.form.get("domein", ""),
        team_id=parse_id(request.form.get("team")) if request.form.get("team") else None,
        period_start=_date("van"),
        period_end=_date("tot"),
        size=parse_id(request.form.get("aantal")),
    )
    try:
        sample = draw_sample(user(), given)
    except InvalidData as exc:
        return _index(exc.field_errors, 400)
    flash(f"Steekproef getrokken: {len(sample.cases)} zaken.")
    return redirect(url_for("quality.show", sample_id=sample.id))


@bp.route("/steekproeven/<int:sample_id>")
@login_required
def show(sample_id: int) -> ResponseReturnValue:
    _reviewer()
    sample = _sample(sample_id)
    return _show(sample)


def _show(
    sample: QualitySample, errors: dict[str, str] | None = None, status: int = 200
) -> ResponseReturnValue:
    done = set(
        db.session.scalars(
            sa.select(QualityFinding.case_id)
            .where(QualityFinding.sample_id == sample.id)
            .distinct()
        )
    )
    return render_template(
        "quality/sample.html",
        sample=sample,
        score=score(sample),
        done=done,
        causes=CAUSES,
        workflows=registry().workflows,
        domain_label=domain_label,
        errors=list((errors or {}).items()),
    ), status


@bp.route("/steekproeven/<int:sample_id>/opnieuw", methods=["POST"])
@login_required
def redraw_sample(sample_id: int) -> ResponseReturnValue:
    _reviewer()
    sample = _sample(sample_id)
    try:
        new = redraw(sample, user(), request.form.get("reden", ""))
    except InvalidData as exc:
        return _show(sample, exc.field_errors, 400)
    flash("De steekproef is opnieuw getrokken; de vorige blijft bewaard met de reden.")
    return redirect(url_for("quality.show", sample_id=new.id))


@bp.route("/steekproeven/<int:sample_id>/zaken/<int:case_id>", methods=["GET", "POST"])
@login_required
def check(sample_id: int, case_id: int) -> ResponseReturnValue:
    _reviewer()
    case = case_or_403(case_id, "kwaliteitstoetsing")
    sample = _sample(sample_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        verdicts = {
            item.code: Verdict(
                request.form.get(f"{item.code}-oordeel", ""),
                request.form.get(f"{item.code}-oorzaak") or None,
                request.form.get(f"{item.code}-toelichting", ""),
            )
            for item in checklist_of(case)
        }
        try:
            record_findings(sample, case, user(), verdicts)
        except InvalidData as exc:
            errors = exc.field_errors
        else:
            flash(f"De toetsing van {case.reference} is opgeslagen.")
            return redirect(url_for("quality.show", sample_id=sample.id))
    found = findings_of(sample, case)
    return render_template(
        "quality/check.html",
        sample=sample,
        case=case,
        workflow=registry().get(case.case_type),
        items=checklist_of(case),
        found=found,
        verdicts=VERDICTS,
        causes=CAUSES,
        values=request.form,
        errors=list(errors.items()),
        field_errors=errors,
    ), (400 if errors else 200)


def init_quality_pages(app: Flask) -> None:
    app.register_blueprint(bp)
