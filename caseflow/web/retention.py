"""Bewaartermijnen: the closed cases due for destruction, and destroying one after confirmation."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.destruction import destroy_case
from caseflow.extensions import db
from caseflow.models import Case, JobRun
from caseflow.permissions import DESTROY_CASES, OVERSEE_RETENTION
from caseflow.retention import due_clause, due_since
from caseflow.scope import retention_scope
from caseflow.scope.queries import UNSCOPED
from caseflow.web.common import int_arg, user
from caseflow.web.forms import DestroyForm
from caseflow.workflow.errors import WorkflowError
from caseflow.workflow.registry import registry

bp = Blueprint("retention", __name__, url_prefix="/bewaartermijnen")
LIMIT = 200


def _overseer() -> None:
    if not user().may(OVERSEE_RETENTION):
        abort(403)


@bp.route("/")
@login_required
def due_page() -> ResponseReturnValue:
    _overseer()
    me = user()
    # The list has its own scope: the overseers may see no case, only these facts of them.
    query = sa.select(Case).where(due_clause(), retention_scope(me)).execution_options(**UNSCOPED)
    chosen = int_arg("gemeente")
    if chosen is not None:
        query = query.where(Case.municipality_id == chosen)
    counted = sa.select(sa.func.count()).select_from(query.subquery())
    total = db.session.scalar(counted.execution_options(**UNSCOPED)) or 0
    cases = db.session.scalars(query.order_by(Case.closed_at, Case.id).limit(LIMIT)).all()
    return render_template(
        "retention/due.html",
        cases=cases,
        total=total,
        limit=LIMIT,
        chosen=chosen,
        municipalities=sorted(me.municipalities, key=lambda m: m.name),
        workflows=registry().workflows,
        due_since=due_since,
        last_run=db.session.get(JobRun, "retention-list"),
        may_destroy=me.may(DESTROY_CASES),
    )


def _due_case_or_404(case_id: int) -> Case:
    me = user()
    if not me.may(DESTROY_CASES):
        abort(403)
    case = db.session.scalar(
        sa.select(Case)
        .where(Case.id == case_id, retention_scope(me), due_clause())
        .execution_options(**UNSCOPED)
    )
    if case is None:
        abort(404)
    return case


def _confirm(case: Case, form: DestroyForm, status: int = 200) -> ResponseReturnValue:
    errors = [(f.id, m) for f in form if f.errors for m in f.errors]
    return render_template(
        "retention/confirm.html",
        case=case,
        form=form,
        errors=errors,
        workflow=registry().get(case.case_type),
        due_since=due_since(case),
    ), status


@bp.route("/<int:case_id>/vernietigen")
@login_required
def confirm_page(case_id: int) -> ResponseReturnValue:
    return _confirm(_due_case_or_404(case_id), DestroyForm())


@bp.route("/<int:case_id>/vernietigen", methods=["POST"])
@login_required
def destroy(case_id: int) -> ResponseReturnValue:
    case = _due_case_or_404(case_id)
    form = DestroyForm()
    if not form.validate_on_submit():
        return _confirm(case, form, status=400)
    reference = case.reference
    try:
        destroy_case(case, user(), origin=request.remote_addr)
    except WorkflowError as exc:
        form.confirm.errors = [*form.confirm.errors, exc.message]
        return _confirm(db.session.get_one(Case, case_id), form, status=409)
    flash(
        f"Zaak {reference} is vernietigd. De persoonsgegevens zijn verwijderd; de anonieme "
        "gegevens tellen mee in de rapportages."
    )
    return redirect(url_for("retention.due_page"))
