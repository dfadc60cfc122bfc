"""Nieuwe hulpvraag: vraagverheldering at the front door, recorded once."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow.extensions import db
from caseflow.intake import IntakeData, NewPerson, receiving_domains, record_intake
from caseflow.models import LIFE_DOMAINS, Municipality, Person
from caseflow.permissions import REGISTER_REQUESTS
from caseflow.registers.lookup import configured
from caseflow.scope.queries import UNSCOPED
from caseflow.web.common import user
from caseflow.web.forms import IntakeForm
from caseflow.web.ids import parse_id
from caseflow.web.loading import person_or_403
from caseflow.web.plan_forms import place_errors
from caseflow.web.register_lookup import fill_from_register
from caseflow.web.search import Found, find, parse
from caseflow.workflow.errors import InvalidData, WorkflowError
from caseflow.workflow.registry import registry

bp = Blueprint("intake", __name__, url_prefix="/hulpvraag")
# Engine field names as the form calls them, so an engine refusal lands beside the right field.
FORM_FIELD = {
    "domein": "domain",
    "spoed_naar": "urgent_to",
    "resultaat": "front_door_result",
    "toelichting": "underlying_question",
    "reden": "explanation",
}
AREA_TEAM = "gebiedsteam"
REGISTERS = ("brp", "bag")


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
            street=(form.street.data or "").strip() or None,
            house_number=(form.house_number.data or "").strip() or None,
            postcode=_postcode(form.postcode.data),
            phone=(form.phone.data or "").strip() or None,
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


def _postcode(raw: str | None) -> str | None:
    """As "6211 AB", however it was typed."""
    compact = (raw or "").replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else compact or None


def _offer_domains(form: IntakeForm, municipalities: list[Municipality]) -> None:
    """Only domains with a receiving team for the client's municipality are offered."""
    domains = receiving_domains(municipalities)
    form.domain.choices = [("", "Kies…"), *domains]
    urgent = registry().get("vraagverheldering").fields["spoed_naar"].options
    form.urgent_to.choices = [
        ("", "Kies…"),
        *((code, label) for code, label in urgent.items() if code == AREA_TEAM),
        *((code, label) for code, label in domains if code in urgent),
    ]


def _prefill(form: IntakeForm, values: dict[str, str]) -> None:
    """What the user searched for, in the new-person form: nobody types it twice."""
    for name, value in values.items():
        if value and not form[name].data:
            form[name].data = value


@bp.route("/nieuw", methods=["GET", "POST"])
@login_required
def new() -> ResponseReturnValue:
    me = user()
    if not me.may(REGISTER_REQUESTS):
        flash("Alleen medewerkers van de toegang en consulenten leggen hulpvragen vast.", "error")
        return redirect(url_for("worklist.mine"))
    form = IntakeForm()
    municipalities = sorted(me.municipalities, key=lambda m: m.name)
    form.municipality_id.choices = [
        ("", "Volgt uit de postcode"),
        *((m.id, m.name) for m in municipalities),
    ]
    person = _chosen_person(form)
    if person is not None:
        form.person_id.data = str(person.id)
    _offer_domains(form, [person.municipality] if person else municipalities)
    term = request.args.get("zoek", "").strip()
    found = Found(parse(""))
    if request.method == "GET" and person is None:
        if term:
            found = find(term, me, "hulpvraag: inwoner zoeken")
        _prefill(form, parse(term or request.args.get("nieuw", "")).prefill())
    errors: list[tuple[str | None, str]] = []
    sources: dict[str, str] = {}
    status = 200
    register = request.form.get("ophalen")
    if request.method == "POST" and register in REGISTERS and person is None:
        # Not the intake yet: the registers fill in the person, the worker goes on.
        sources, errors = fill_from_register(form, register, me)
        status = 400 if errors else 200
    elif request.method == "POST":
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
        search=term,
        results=found.persons,
        sources=sources,
        registers=configured(),
    ), status
