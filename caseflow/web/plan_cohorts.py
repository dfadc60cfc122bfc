"""Cohorts such as the 50-gezinnenaanpak: the list, one cohort's report with its households, and
the team manager's forms to start a cohort, add a household with a budget and record spending."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    BUDGET_KINDS,
    Cohort,
    CohortHousehold,
    Household,
    HouseholdDirector,
    Municipality,
)
from caseflow.permissions import LEAD_TEAMS
from caseflow.plans.cohort_report import cohort_report, money
from caseflow.plans.cohorts import add_household, create_cohort, euros, record_spending
from caseflow.scope.reports import ReportScope, scope_for
from caseflow.web.common import user
from caseflow.web.forms import DutchDateField, DutchForm
from caseflow.web.plan_forms import Errors, date_errors, fresh, place_errors, submitted
from caseflow.workflow.errors import InvalidData

bp = Blueprint("plan_cohorts", __name__, url_prefix="/regie/cohorten")


class CohortForm(DutchForm):
    name = StringField("Naam", validators=[Optional(), Length(max=200)])
    municipality_id = SelectField("Gemeente", coerce=int, choices=[], validate_choice=False)
    started_on = DutchDateField("Begint op")


class MemberForm(DutchForm):
    household_id = SelectField("Huishouden", coerce=int, choices=[], validate_choice=False)
    started_on = DutchDateField("Doet mee vanaf")
    budget = StringField("Budget in euro's", validators=[Optional(), Length(max=20)])


class SpendingForm(DutchForm):
    kind = SelectField(
        "Soort", choices=[("", "Kies…"), *BUDGET_KINDS.items()], validate_choice=False
    )
    spent_on = DutchDateField("Datum")
    amount = StringField("Bedrag in euro's", validators=[Optional(), Length(max=20)])
    purpose = StringField("Waarvoor", validators=[Optional(), Length(max=300)])


def _reader() -> ReportScope:
    if not current_user.is_authenticated:
        abort(401)
    found = scope_for(user())
    if not found.readable and not user().may(LEAD_TEAMS):
        abort(403)
    return found


def _municipalities() -> list[Municipality]:
    return sorted(user().municipalities, key=lambda m: m.name)


def _cohort(cohort_id: int) -> Cohort:
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None:
        abort(404)
    if not user().serves(cohort.municipality_id):
        abort(403)
    _reader()
    return cohort


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    return _index()


def _index(form: CohortForm | None = None, errors: Errors | None = None) -> ResponseReturnValue:
    _reader()
    ids = [m.id for m in _municipalities()]
    form = form or fresh(CohortForm, "cohort", started_on=clock.today())
    form.municipality_id.choices = [(m.id, m.name) for m in _municipalities()]
    cohorts = db.session.scalars(
        sa.select(Cohort).where(Cohort.municipality_id.in_(ids)).order_by(Cohort.name)
    ).all()
    return render_template(
        "plans/cohorts.html",
        cohorts=cohorts,
        form=form,
        errors=errors or [],
        may_lead=user().may(LEAD_TEAMS),
    ), (400 if errors else 200)


@bp.route("/", methods=["POST"])
@login_required
def create() -> ResponseReturnValue:
    form = submitted(CohortForm, "cohort")
    if bad := date_errors(form):
        return _index(form, place_errors(form, bad))
    municipality = next((m for m in _municipalities() if m.id == form.municipality_id.data), None)
    try:
        cohort = create_cohort(user(), form.name.data or "", municipality, form.started_on.data)
    except InvalidData as exc:
        return _index(form, place_errors(form, exc))
    flash(f"{cohort.name} is gestart. Voeg nu de huishoudens toe.")
    return redirect(url_for("plan_cohorts.show", cohort_id=cohort.id))


def _candidates(cohort: Cohort) -> list[Household]:
    """Households of the cohort's municipality with a director in one of the manager's teams."""
    teams = [t.id for t in user().teams]
    inside = {m.household_id for m in cohort.households}
    rows = db.session.scalars(
        sa.select(Household)
        .join(HouseholdDirector, HouseholdDirector.household_id == Household.id)
        .where(
            Household.municipality_id == cohort.municipality_id,
            HouseholdDirector.ended_at.is_(None),
            HouseholdDirector.team_id.in_(teams),
        )
        .order_by(Household.name)
    )
    return [h for h in rows if h.id not in inside]


def _show(
    cohort: Cohort, errors: Errors | None = None, status: int = 200, **given: object
) -> ResponseReturnValue:
    reader = _reader()
    member_form = given.get("member_form") or fresh(MemberForm, "lid", started_on=clock.today())
    assert isinstance(member_form, MemberForm)
    member_form.household_id.choices = [(0, "Kies…")] + [
        (h.id, h.name) for h in _candidates(cohort)
    ]
    spending_forms = {
        m.id: given.get(f"spending_{m.id}") or fresh(SpendingForm, f"uitgave{m.id}")
        for m in cohort.households
    }
    return render_template(
        "plans/cohort.html",
        cohort=cohort,
        report=cohort_report(cohort, reader, clock.today()),
        may_lead=user().may(LEAD_TEAMS),
        may_list=reader.may_list_cases,
        member_form=member_form,
        spending_forms=spending_forms,
        money=money,
        errors=errors or [],
    ), status


@bp.route("/<int:cohort_id>")
@login_required
def show(cohort_id: int) -> ResponseReturnValue:
    return _show(_cohort(cohort_id))


@bp.route("/<int:cohort_id>/huishoudens", methods=["POST"])
@login_required
def add(cohort_id: int) -> ResponseReturnValue:
    cohort = _cohort(cohort_id)
    form = submitted(MemberForm, "lid")
    if bad := date_errors(form):
        return _show(cohort, place_errors(form, bad), 400, member_form=form)
    household = db.session.get(Household, form.household_id.data or 0)
    try:
        member = add_household(
            cohort, user(), household, form.started_on.data, euros(form.budget.data)
        )
    except InvalidData as exc:
        return _show(cohort, place_errors(form, exc), 400, member_form=form)
    flash(f"{member.household.name} doet mee aan {cohort.name}.")
    return redirect(url_for("plan_cohorts.show", cohort_id=cohort.id))


@bp.route("/<int:cohort_id>/huishoudens/<int:entry_id>/uitgaven", methods=["POST"])
@login_required
def spend(cohort_id: int, entry_id: int) -> ResponseReturnValue:
    cohort = _cohort(cohort_id)
    member = db.session.get(CohortHousehold, entry_id)
    if member is None or member.cohort_id != cohort.id:
        abort(404)
    form = submitted(SpendingForm, f"uitgave{member.id}")
    name = f"spending_{member.id}"
    if bad := date_errors(form):
        return _show(cohort, place_errors(form, bad), 400, **{name: form})
    try:
        record_spending(
            member,
            user(),
            kind=form.kind.data or "",
            spent_on=form.spent_on.data,
            amount_cents=euros(form.amount.data),
            purpose=form.purpose.data or "",
        )
    except InvalidData as exc:
        return _show(cohort, place_errors(form, exc), 400, **{name: form})
    flash(f"De uitgave voor {member.household.name} is vastgelegd.")
    return redirect(url_for("plan_cohorts.show", cohort_id=cohort.id))
