"""Pages of the registers: a provision and its early end, a benefit and its mutations, the team's
herindicaties with their one-click start, and what the case page shows of them.

Every page opens the decision's case first (case_or_403): the reader's scope decides, and the
view is in the processing log. The services check and write; a refusal lands beside its field.
"""

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    BENEFIT_END_REASONS,
    PROVISION_END_REASONS,
    Benefit,
    Case,
    Herindicatie,
    Provision,
)
from caseflow.permissions import CHANGE_REGISTERS
from caseflow.provisions import benefits as benefit_service
from caseflow.provisions.changes import end_early
from caseflow.provisions.herindicatie import open_herindicaties, start_herindicatie, under_review
from caseflow.provisions.register import describe, provisions_of
from caseflow.web.common import int_arg, user
from caseflow.web.loading import case_or_403
from caseflow.web.timeline import case_references
from caseflow.workflow.errors import InvalidData, WorkflowError

bp = Blueprint("registers", __name__)
Errors = dict[str, str]


def _provision(provision_id: int, purpose: str) -> Provision:
    provision = db.session.get(Provision, provision_id)
    if provision is None:
        abort(404)
    case_or_403(provision.case_id, purpose)
    return provision


def _benefit(benefit_id: int, purpose: str) -> Benefit:
    benefit = db.session.get(Benefit, benefit_id)
    if benefit is None:
        abort(404)
    case_or_403(benefit.case_id, purpose)
    return benefit


def _form() -> dict[str, str]:
    return {key: value for key, value in request.form.items() if key != "csrf_token"}


def _summary(errors: Errors, prefix: str) -> list[tuple[str | None, str]]:
    return [(f"{prefix}-{name}", message) for name, message in errors.items()]


def _provision_page(
    provision: Provision, errors: Errors | None = None, values: dict[str, str] | None = None
) -> ResponseReturnValue:
    errors = errors or {}
    return render_template(
        "provisions/provision.html",
        provision=provision,
        text=describe(provision),
        case_reference=case_references([provision.case_id]).get(provision.case_id, ""),
        reasons=PROVISION_END_REASONS,
        errors=errors,
        summary=_summary(errors, "einde"),
        values=values or {},
        may_change=user().may(CHANGE_REGISTERS) and user().serves(provision.municipality_id),
        today=clock.today(),
    ), 400 if errors else 200


@bp.route("/voorzieningen/<int:provision_id>")
@login_required
def provision_page(provision_id: int) -> ResponseReturnValue:
    return _provision_page(_provision(provision_id, "voorziening inzien"))


@bp.route("/voorzieningen/<int:provision_id>/beeindigen", methods=["POST"])
@login_required
def end_provision(provision_id: int) -> ResponseReturnValue:
    provision = _provision(provision_id, "voorziening beëindigen")
    given = _form()
    try:
        end_early(
            provision,
            user(),
            given.get("ends_on", ""),
            given.get("reason", ""),
            given.get("explanation", ""),
        )
    except InvalidData as exc:
        # The service checks everything before it writes: nothing to undo.
        return _provision_page(provision, exc.field_errors, given)
    flash("De voorziening eindigt nu eerder; de wijziging staat in de geschiedenis.")
    return redirect(url_for("registers.provision_page", provision_id=provision_id))


def _benefit_page(
    benefit: Benefit, errors: Errors | None = None, values: dict[str, str] | None = None
) -> ResponseReturnValue:
    errors = errors or {}
    today = clock.today()
    return render_template(
        "provisions/benefit.html",
        benefit=benefit,
        scheme=benefit_service.scheme_label(benefit),
        standing=benefit_service.standing(benefit, today),
        capacities=benefit_service.capacities(benefit),
        case_reference=case_references([benefit.case_id]).get(benefit.case_id, ""),
        reasons=BENEFIT_END_REASONS,
        errors=errors,
        summary=_summary(errors, values.get("form", "mutatie") if values else "mutatie"),
        values=values or {},
        may_change=user().may(CHANGE_REGISTERS) and user().serves(benefit.municipality_id),
        today=today,
    ), 400 if errors else 200


@bp.route("/uitkeringen/<int:benefit_id>")
@login_required
def benefit_page(benefit_id: int) -> ResponseReturnValue:
    return _benefit_page(_benefit(benefit_id, "uitkering inzien"))


@bp.route("/uitkeringen/<int:benefit_id>/mutaties", methods=["POST"])
@login_required
def mutate_benefit(benefit_id: int) -> ResponseReturnValue:
    benefit = _benefit(benefit_id, "uitkering muteren")
    given = _form() | {"form": "mutatie"}
    kind = given.get("kind", "")
    value = given.get(f"value_{kind}", "") if kind else ""
    try:
        benefit_service.mutate(
            benefit,
            user(),
            kind,
            given.get("effective_on", ""),
            value,
            given.get("explanation", ""),
        )
    except InvalidData as exc:
        return _benefit_page(benefit, exc.field_errors, given)
    flash("De mutatie is vastgelegd.")
    return redirect(url_for("registers.benefit_page", benefit_id=benefit_id))


@bp.route("/uitkeringen/<int:benefit_id>/beeindigen", methods=["POST"])
@login_required
def end_benefit(benefit_id: int) -> ResponseReturnValue:
    benefit = _benefit(benefit_id, "uitkering beëindigen")
    given = _form() | {"form": "einde"}
    try:
        benefit_service.end_benefit(
            benefit,
            user(),
            given.get("effective_on", ""),
            given.get("reason", ""),
            given.get("explanation", ""),
        )
    except InvalidData as exc:
        return _benefit_page(benefit, exc.field_errors, given)
    flash("De uitkering is beëindigd.")
    return redirect(url_for("registers.benefit_page", benefit_id=benefit_id))


@bp.route("/herindicaties")
@login_required
def herindicaties_page() -> ResponseReturnValue:
    me = user()
    team_id = int_arg("team")
    rows = open_herindicaties(me, team_id)
    return render_template(
        "provisions/herindicaties.html",
        rows=rows,
        texts={h.id: describe(h.provision) for h in rows},
        references=case_references(h.provision.case_id for h in rows),
        teams=sorted(me.teams, key=lambda t: t.name),
        team_id=team_id,
        may_start=me.may(CHANGE_REGISTERS),
        today=clock.today(),
    )


@bp.route("/herindicaties/<int:herindicatie_id>/starten", methods=["POST"])
@login_required
def start(herindicatie_id: int) -> ResponseReturnValue:
    herindicatie = db.session.get(Herindicatie, herindicatie_id)
    if herindicatie is None:
        abort(404)
    provision = db.session.get_one(Provision, herindicatie.provision_id)
    case_or_403(provision.case_id, "herindicatie starten")
    try:
        case = start_herindicatie(herindicatie, user())
    except WorkflowError as exc:
        flash(exc.message, "error")
        return redirect(url_for("registers.herindicaties_page"))
    flash(f"De herindicatie is gestart: {case.reference}.")
    return redirect(url_for("cases.show", case_id=case.id))


@bp.app_context_processor
def _case_page_registers() -> dict[str, object]:
    return {"registers_of": registers_of}


def registers_of(case: Case) -> dict[str, Any]:
    """What the case page shows: what this decision granted, and what it reassesses."""
    benefits = db.session.scalars(
        sa.select(Benefit).where(Benefit.case_id == case.id).order_by(Benefit.id)
    ).all()
    review = under_review(case)
    decided = provisions_of(case.id)
    return {
        "provisions": [(p, describe(p)) for p in decided],
        "benefits": [(b, benefit_service.scheme_label(b)) for b in benefits],
        "review": review,
        "review_texts": [describe(p) for p in review.provisions],
        "review_reference": review.decision.reference if review.decision else None,
    }
