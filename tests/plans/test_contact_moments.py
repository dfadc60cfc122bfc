"""Contact moments: a call, a visit, a letter, an e-mail or a meeting, on the client or on a case,
with a short summary; the dossier shows them in one timeline with the intakes, and what was said
only to those who need it."""

import html
from datetime import timedelta

import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog, Case, ContactMoment, Role
from tests.factories import Factory
from tests.offices import Office, login
from tests.plans.helpers import running_plan


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def test_contacts_on_the_client_and_the_case_join_the_intake_in_the_timeline(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    plan = running_plan(office)
    anna = plan.members[0]
    travel.shift(timedelta(days=3))
    login(client, office.regisseur)
    home_visit = client.post(
        f"/clienten/{anna.id}/contactmomenten",
        data={
            "contact-kind": "huisbezoek",
            "contact-occurred_on": "2026-03-04",
            "contact-summary": "Samen de post doorgenomen; twee aanmaningen.",
        },
    )
    assert home_visit.status_code == 302
    call = client.post(
        f"/zaken/{plan.case_id}/contactmomenten",
        data={
            "contact-kind": "telefoon",
            "contact-occurred_on": "2026-03-05",
            "contact-summary": "Anna belde: de beslagvrije voet is aangepast.",
        },
    )
    assert call.status_code == 302
    dossier = _text(client.get(f"/clienten/{anna.id}"))
    timeline = dossier[dossier.index('id="kop-contacten"') :]
    phone = timeline.index("Anna belde")
    visit = timeline.index("Samen de post")
    intake = timeline.index("Ik red het niet meer")
    assert phone < visit < intake  # newest first, the intake among them
    # A contact recorded on its day keeps the time it was recorded; an earlier day, noon.
    assert "<strong>Telefoongesprek</strong> – 05-03-2026 10:00 door Samira El Idrissi" in timeline
    assert "<strong>Hulpvraag (telefoon)</strong>" in timeline
    case_page = _text(client.get(f"/zaken/{plan.case_id}"))
    assert "Anna belde: de beslagvrije voet is aangepast." in case_page
    assert "Samen de post" not in case_page  # not about this case
    logged = db.session.scalars(
        sa.select(AccessLog.purpose).where(
            AccessLog.action == "change", AccessLog.person_id == anna.id
        )
    ).all()
    assert logged.count("contactmoment vastleggen") == 2


def test_the_front_door_sees_that_there_was_contact_not_what_was_said(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    plan = running_plan(office)
    anna = plan.members[0]
    db.session.add(
        ContactMoment(
            person_id=anna.id,
            kind="brief",
            occurred_at=plan.created_at,
            summary="Brief over de GGZ-behandeling.",
            recorded_by_id=office.regisseur.id,
        )
    )
    db.session.commit()
    # A front-door colleague may look anyone up, but handles no case of hers.
    colleague = factory.user(Role.TOEGANG, municipalities=[office.maastricht], username="balie2")
    login(client, colleague)
    dossier = _text(client.get(f"/clienten/{anna.id}"))
    assert "<strong>Brief</strong>" in dossier
    assert "GGZ-behandeling" not in dossier
    assert "alleen zichtbaar voor wie het contact vastlegde" in dossier


def test_bad_input_is_refused_beside_its_field(client: FlaskClient, office: Office) -> None:
    plan = running_plan(office)
    login(client, office.regisseur)
    response = client.post(
        f"/zaken/{plan.case_id}/contactmomenten",
        data={"contact-kind": "", "contact-occurred_on": "2026-03-09", "contact-summary": " "},
    )
    page = _text(response)
    assert response.status_code == 400
    assert 'id="contact-kind-fout">Kies wat voor contact het was.' in page
    assert 'id="contact-occurred_on-fout">Het contact kan niet in de toekomst liggen.' in page
    assert 'id="contact-summary-fout">Vat kort samen waar het contact over ging.' in page
    assert db.session.scalar(sa.select(sa.func.count(ContactMoment.id))) == 0


def test_a_case_the_user_may_not_see_takes_no_contact(client: FlaskClient, office: Office) -> None:
    plan = running_plan(office)
    login(client, office.zuid_regisseur)
    response = client.post(
        f"/zaken/{plan.case_id}/contactmomenten",
        data={
            "contact-kind": "telefoon",
            "contact-occurred_on": "2026-03-02",
            "contact-summary": "x",
        },
    )
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(ContactMoment.id))) == 0
    assert db.session.get_one(Case, plan.case_id).person_id is not None
