"""Bezwaar registreren: find the decision by its case number, then record the bezwaarschrift.

A jurist or the front door gets a letter that names a decision, not a team: the decision is
found by its number in the user's municipalities, whether or not they may open that case, and
the page shows no more of it than the decision itself. The case page of a decided case links
here with the number filled in. The objection opens for the team for bezwaar en beroep.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.deadlines.app_calendar import holiday_calendar
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Objection, Person
from caseflow.objections.decisions import decision_label, decisions_of
from caseflow.objections.register import (
    ObjectionInput,
    find_decided_case,
    may_register,
    objection_of,
    objections_against,
    register_objection,
)
from caseflow.objections.terms import lodging_term
from caseflow.permissions import REGISTER_OBJECTIONS
from caseflow.scope.queries import unscoped
from caseflow.web.common import user
from caseflow.web.ids import parse_id
from caseflow.web.objection_forms import FindDecisionForm, ObjectionForm
from caseflow.workflow.errors import InvalidData, NotAuthorised
from caseflow.workflow.registry import registry

bp = Blueprint("objections", __name__, url_prefix="/bezwaren")


@dataclass(frozen=True)
class ObjectionPanel:
    """What the case page says about objections: the decision a bezwaar contests, or the
    objections against this case's decisions, and whether the reader may register one."""

    objection: Objection | None
    contested_label: str
    term_explanation: tuple[str, ...]
    against: list[Objection]
    may_register: bool


def objection_panel(case: Case) -> ObjectionPanel:
    me = user()
    objection = objection_of(case)
    contested_label = ""
    explanation: tuple[str, ...] = ()
    if objection is not None:
        with unscoped():
            contested_label = _describe(objection.contested_case, objection.contested_event)
        explanation = lodging_term(
            objection.made_known_on,
            objection.received_on,
            objection.posted_on,
            holiday_calendar(),
        ).explanation
    decided = bool(decisions_of(case))
    return ObjectionPanel(
        objection=objection,
        contested_label=contested_label,
        term_explanation=explanation,
        against=objections_against(case) if decided else [],
        may_register=decided and may_register(me, case),
    )


def _describe(case: Case, event: CaseEvent) -> str:
    label = registry().get(case.case_type).label
    day = clock.local_date(event.occurred_at).strftime("%d-%m-%Y")
    return f"{label} {case.reference}, {decision_label(case, event).lower()} op {day}"


def _decision_choices(case: Case) -> list[tuple[str, str]]:
    return [(str(e.id), _describe(case, e)) for e in decisions_of(case)]


def _page(
    find: FindDecisionForm, case: Case | None, form: ObjectionForm | None, status: int = 200
) -> ResponseReturnValue:
    errors: list[tuple[str | None, str]] = [("zaak", m) for m in find.zaak.errors]
    if form is not None:
        errors += [(name, m) for name, field in form._fields.items() for m in field.errors]
    return render_template(
        "objections/new.html",
        find=find,
        case=case,
        form=form,
        team=_team_label(case) if case else "",
        client=_client_name(case) if case else "",
        errors=errors,
    ), status


def _client_name(case: Case) -> str:
    """The client the letter names, so the jurist knows it is the right decision."""
    with unscoped():
        person = db.session.get(Person, case.person_id) if case.person_id else None
        return person.full_name if person else "–"


def _team_label(case: Case) -> str:
    return case.team.name if case.team else "–"


@bp.route("/nieuw")
@login_required
def new() -> ResponseReturnValue:
    if not user().may(REGISTER_OBJECTIONS):
        abort(403)
    find = FindDecisionForm(request.args)
    if not request.args.get("zaak"):
        return _page(find, None, None)
    try:
        case = find_decided_case(request.args["zaak"], user())
    except InvalidData as exc:
        find.zaak.errors = [exc.field_errors["zaak"]]
        return _page(find, None, None, 400)
    form = ObjectionForm(zaak_id=str(case.id), ontvangen_op=clock.today())
    form.besluit.choices = _decision_choices(case)
    form.besluit.data = form.besluit.choices[0][0]
    return _page(find, case, form)


@bp.route("/nieuw", methods=["POST"])
@login_required
def create() -> ResponseReturnValue:
    if not user().may(REGISTER_OBJECTIONS):
        abort(403)
    form = ObjectionForm()
    with unscoped():
        case = db.session.get(Case, parse_id(form.zaak_id.data) or 0)
    if case is None or not may_register(user(), case):
        abort(404)
    form.besluit.choices = _decision_choices(case)
    find = FindDecisionForm(zaak=case.reference)
    if not form.validate_on_submit():
        return _page(find, case, form, 400)
    given = ObjectionInput(
        decision_id=parse_id(form.besluit.data) or 0,
        made_known_on=form.bekendgemaakt_op.data,
        received_on=form.ontvangen_op.data,
        posted_on=form.verzonden_op.data,
        grounds=form.gronden.data or "",
        excused=bool(form.verschoonbaar.data),
        excuse=form.verschoonbaar_reden.data or "",
    )
    try:
        objection = register_objection(case, user(), given)
    except InvalidData as exc:
        for name, message in exc.field_errors.items():
            getattr(form, name).errors = [message]
        return _page(find, case, form, 400)
    except NotAuthorised:
        abort(403)
    row = db.session.get(Objection, objection.id)
    assert row is not None
    timely = "tijdig" if row.in_time else "te laat" + (" (verschoonbaar)" if row.excused else "")
    flash(f"Bezwaar {objection.reference} is geregistreerd ({timely}).")
    target = objection.id if can_open(objection.id) else case.id
    return redirect(url_for("cases.show", case_id=target))


def can_open(case_id: int) -> bool:
    """Whether the reader may open this case (the scope decides, as everywhere)."""
    return db.session.scalar(sa.select(Case.id).where(Case.id == case_id)) is not None


def objection_state(case: Case) -> str:
    workflow = registry().get(case.case_type)
    state = workflow.state_label(case.state)
    result = workflow.states[case.state].results.get(case.result or "") if case.result else None
    return f"{state} ({result.lower()})" if result else state


def init_objection_pages(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        objection_panel=objection_panel, can_open=can_open, objection_state=objection_state
    )
