"""Contact moments on the dossier and on the case page: record a call, a visit, a letter, an
e-mail or a meeting; the dossier shows them in the client's timeline next to the intakes."""

from datetime import datetime, time

from flask import Blueprint, flash, g, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from caseflow import clock
from caseflow.contacts import contacts_of_case, record_contact, timeline
from caseflow.models import Case, ContactMoment, NetworkRelation, Person
from caseflow.permissions import RECORD_CONTACTS
from caseflow.plans.network import network_of
from caseflow.web.cases import _render as render_case
from caseflow.web.common import user
from caseflow.web.dossier import _render as render_dossier
from caseflow.web.forms import IncidentForm
from caseflow.web.loading import case_or_403, person_or_403
from caseflow.web.partner_forms import ContactForm
from caseflow.web.plan_forms import date_errors, fresh, place_errors, submitted
from caseflow.workflow.errors import InvalidData, WorkflowError

bp = Blueprint("contacts", __name__)
# Where a refused form waits for the page (the case page, the dossier, shown again by their own
# render functions) that shows it with its errors.
_FORM = "caseflow_contact_form"


@bp.app_context_processor
def _contact_helpers() -> dict[str, object]:
    return {
        "client_timeline": _client_timeline,
        "client_network": _client_network,
        "case_contacts": _case_contacts,
        "contact_form": _contact_form,
        "may_record_contacts": _may_record,
    }


def _client_timeline(person: Person) -> list[object]:
    return list(timeline(person, user()))


def _client_network(person: Person) -> list[NetworkRelation]:
    return network_of([person.id])


def _case_contacts(case: Case) -> list[ContactMoment]:
    return contacts_of_case(case)


def _contact_form() -> ContactForm:
    form = g.get(_FORM)
    if isinstance(form, ContactForm):
        return form
    return fresh(ContactForm, "contact", occurred_on=clock.today())


def _may_record() -> bool:
    return bool(current_user.is_authenticated and current_user.may(RECORD_CONTACTS))


def _moment(form: ContactForm) -> datetime | None:
    day = form.occurred_on.data
    if day is None:
        return None
    # A contact recorded for today happened by now; an earlier day at noon.
    if day == clock.today():
        return clock.now()
    return datetime.combine(day, time(12), clock.LOCAL_TZ)


def _record(person: Person, case: Case | None, form: ContactForm) -> None:
    if bad := date_errors(form):
        raise bad
    record_contact(
        person,
        user(),
        kind=form.kind.data or "",
        occurred_at=_moment(form),
        summary=form.summary.data or "",
        case=case,
        origin=request.remote_addr,
    )


@bp.route("/clienten/<int:person_id>/contactmomenten", methods=["POST"])
@login_required
def on_person(person_id: int) -> ResponseReturnValue:
    person = person_or_403(person_id, "contactmoment vastleggen")
    form = submitted(ContactForm, "contact")
    try:
        _record(person, None, form)
    except InvalidData as exc:
        g.setdefault(_FORM, form)
        errors = place_errors(form, exc)
        return render_dossier(person, IncidentForm(formdata=None), errors, status=400)
    except WorkflowError as exc:
        flash(exc.message, "error")
        return redirect(url_for("dossier.show", person_id=person.id))
    flash("Het contactmoment is vastgelegd.")
    return redirect(url_for("dossier.show", person_id=person.id) + "#kop-contacten")


@bp.route("/zaken/<int:case_id>/contactmomenten", methods=["POST"])
@login_required
def on_case(case_id: int) -> ResponseReturnValue:
    case = case_or_403(case_id, "contactmoment vastleggen")
    form = submitted(ContactForm, "contact")
    try:
        if case.person is None:
            raise InvalidData({"summary": "Deze zaak heeft geen inwoner."})
        _record(case.person, case, form)
    except InvalidData as exc:
        g.setdefault(_FORM, form)
        return render_case(case, errors=place_errors(form, exc), status=400)
    except WorkflowError as exc:
        flash(exc.message, "error")
        return redirect(url_for("cases.show", case_id=case.id))
    flash("Het contactmoment is vastgelegd.")
    return redirect(url_for("cases.show", case_id=case.id) + "#kop-contacten")
