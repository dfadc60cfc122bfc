"""Nieuwe hulpvraag: vraagverheldering at the front door, recorded once."""

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.extensions import db
from caseflow.intake import IntakeData, NewPerson, record_intake
from caseflow.models import LIFE_DOMAINS, Person
from caseflow.permissions import REGISTER_REQUESTS
from caseflow.scope import person_scope
from caseflow.scope.queries import UNSCOPED
from caseflow.web.common import user
from caseflow.web.forms import IntakeForm
from caseflow.web.ids import parse_id
from caseflow.web.loading import person_or_403
from caseflow.web.plan_forms import place_errors
from caseflow.workflow.errors import InvalidData, WorkflowError

bp = Blueprint("intake", __name__, url_prefix="/hulpvraag")
SEARCH_LIMIT = 20
# Engine field names as the form calls them, so an engine refusal lands beside the right field.
FORM_FIELD = {
    "domein": "domain",
    "spoed_naar": "urgent_to",
    "resultaat": "front_door_result",
    "toelichting": "underlying_question",
    "reden": "explanation",
}


def _search(term: str) -> list[Person]:
    term = term.strip()
    if len(term) < 2:
        return []
    query = sa.select(Person).where(person_scope(user()))
    if term.isdigit():
        query = query.where(Person.bsn == term)
    else:
        like = f"%{term.lower()}%"
        query = query.where(
            sa.or_(
                sa.func.lower(Person.family_name).like(like),
                sa.func.lower(Person.postcode).like(like),
            )
        )
    return list(db.session.scalars(query.order_by(Person.family_name).limit(SEARCH_LIMIT)))


def _chosen_person(form: IntakeForm) -> Person | None:
    """The known client the intake is for; one outside the user's scope is refused (and logged)."""
    person_id = parse_id(form.person_id.data or request.args.get("persoon"))
    if person_id is None or db.session.get(Person, person_id, execution_options=UNSCOPED) is None:
        return None
    return person_or_403(person_id, "hulpvraag voor een bekende inwoner")


def _to_data(form: IntakeForm, person: Person | None) -> IntakeData:
    new_person = None
    if person is None:
        new_person = NewPerson(
            given_names=form.given_names.data.strip(),
            family_name=form.family_name.data.strip(),
            date_of_birth=form.date_of_birth.data,
            bsn=(form.bsn.data or "").strip() or None,
            street=form.street.data or None,
            house_number=form.house_number.data or None,
            postcode=(form.postcode.data or "").strip().upper() or None,
            city=form.city.data or None,
            phone=form.phone.data or None,
            municipality_id=form.municipality_id.data,
        )
    outcome = form.outcome.data or ""
    return IntakeData(
        channel=form.channel.data,
        question=form.question.data.strip(),
        underlying_question=form.underlying_question.data.strip(),
        outcome=outcome,
        person_id=person.id if person else None,
        new_person=new_person,
        contact_name=form.contact_name.data or None,
        domain_scores={
            code: int(form[f"ld_{code}"].data) for code in LIFE_DOMAINS if form[f"ld_{code}"].data
        },
        urgent=form.urgent.data,
        safety_concern=form.safety_concern.data,
        with_household=form.with_household.data,
        front_door_result=form.front_door_result.data,
        domain=form.urgent_to.data if outcome == "spoed" else form.domain.data,
        explanation=form.explanation.data or None,
    )


@bp.route("/nieuw", methods=["GET", "POST"])
@login_required
def new() -> ResponseReturnValue:
    me = user()
    if not me.may(REGISTER_REQUESTS):
        flash("Alleen medewerkers van de toegang en consulenten leggen hulpvragen vast.", "error")
        return redirect(url_for("worklist.mine"))
    form = IntakeForm()
    form.municipality_id.choices = [
        (m.id, m.name) for m in sorted(me.municipalities, key=lambda m: m.name)
    ]
    person = _chosen_person(form)
    if person is not None:
        form.person_id.data = str(person.id)
    errors: list[tuple[str | None, str]] = []
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                case = record_intake(_to_data(form, person), me)
            except InvalidData as exc:
                errors = place_errors(form, exc, FORM_FIELD)
            except WorkflowError as exc:
                errors.append((None, exc.message))
            else:
                flash(f"De hulpvraag is vastgelegd als {case.reference}.")
                return redirect(url_for("cases.show", case_id=case.id))
        errors = [(f.id, m) for f in form if f.errors for m in f.errors] + [
            e for e in errors if e[0] is None
        ]
        status = 400
    return render_template(
        "intake/new.html",
        form=form,
        person=person,
        errors=errors,
        search=request.args.get("zoek", ""),
        results=_search(request.args.get("zoek", "")),
    ), status
