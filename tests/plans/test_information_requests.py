"""Informatieverzoek: a targeted question for a plan, on a legal basis or the household's
consent, with a deadline; the addressee answers from their own file and the requester reads the
answer on the plan, never the other file."""

import html
from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import AccessLog, InformationRequest
from caseflow.plans.consent import withdraw_consent
from caseflow.plans.requests import RequestInput, ask, inbox
from caseflow.unit_of_work import commit
from caseflow.workflow.errors import InvalidData
from tests.offices import Office, login
from tests.plans.helpers import Cocreation, cocreation
from tests.security.helpers import separate_sessions


@pytest.fixture
def world(app: Flask, office: Office) -> Iterator[Cocreation]:
    with separate_sessions(app):
        yield cocreation(office)


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def test_the_consultant_answers_and_the_director_reads_only_the_answer(
    client: FlaskClient, office: Office, world: Cocreation
) -> None:
    question = world.question
    consultant = office.wmo_consulent
    login(client, consultant)
    assert "Loopt er een aanvraag voor huishoudelijke hulp?" in _text(
        client.get("/informatieverzoeken/")
    )
    page = _text(client.get(f"/informatieverzoeken/{question.id}"))
    assert "Anna Peters" in page and "Wettelijke grondslag: Wmo 2015 art. 5.2.1" in page
    # The consultant answers without seeing the plan itself.
    assert client.get(f"/plannen/{world.plan.id}").status_code == 403
    empty = client.post(f"/informatieverzoeken/{question.id}", data={"antwoord-answer": " "})
    assert empty.status_code == 400
    assert 'id="antwoord-answer-fout">Schrijf het antwoord op de vraag.' in _text(empty)
    answered = client.post(
        f"/informatieverzoeken/{question.id}",
        data={"antwoord-answer": "Ja, sinds 1 februari, 3 uur per week."},
    )
    assert answered.status_code == 302
    disclosed = db.session.scalars(
        sa.select(AccessLog).where(
            AccessLog.actor_id == consultant.id, AccessLog.action == "change"
        )
    ).one()
    assert (disclosed.person_id, disclosed.case_id) == (
        question.about_person_id,
        world.plan.case_id,
    )
    assert disclosed.purpose.startswith("informatieverzoek beantwoord (Wettelijke grondslag")
    client.post("/logout")
    login(client, office.regisseur)
    plan_page = _text(client.get(f"/plannen/{world.plan.id}"))
    assert "Ja, sinds 1 februari, 3 uur per week." in plan_page
    assert '<td class="utrecht-table__cell">Jeroen Hermans</td>' in plan_page


def test_a_question_on_consent_goes_to_the_partner_while_the_consent_runs(
    client: FlaskClient, office: Office, world: Cocreation
) -> None:
    asked = ask(
        world.plan,
        office.regisseur,
        RequestInput(
            addressee=f"partner:{world.kredietbank.id}",
            about_person_id=world.plan.members[0].id,
            question="Hoe hoog is de totale schuld nu?",
            basis="toestemming",
            legal_basis=None,
            consent_id=world.consent.id,
            answer_by=clock.today() + timedelta(days=7),
        ),
    )
    commit()
    login(client, world.partner_user)
    assert "Hoe hoog is de totale schuld nu?" in _text(client.get("/partner/"))
    assert client.get(f"/partner/vragen/{asked.id}").status_code == 200
    withdraw_consent(world.consent, office.regisseur, clock.today(), None)
    commit()
    assert inbox(world.partner_user) == []
    assert client.get(f"/partner/vragen/{asked.id}").status_code == 403
    assert (
        client.post(f"/partner/vragen/{asked.id}", data={"antwoord-answer": "€ 8.000"}).status_code
        == 403
    )
    assert db.session.get_one(InformationRequest, asked.id).answer is None


def test_a_question_needs_a_basis_a_member_and_a_deadline(
    office: Office, world: Cocreation
) -> None:
    with pytest.raises(InvalidData) as wrong:
        ask(
            world.plan,
            office.regisseur,
            RequestInput(
                addressee=f"medewerker:{office.wmo_consulent.id}",
                about_person_id=None,
                question="Stuur het hele dossier.",
                basis="toestemming",
                legal_basis=None,
                consent_id=world.consent.id,
                answer_by=clock.today(),
            ),
        )
    assert wrong.value.field_errors == {
        "answer_by": "Geef de ander minstens een dag: kies een datum na vandaag.",
        "about_person_id": "Kies over wie van het huishouden de vraag gaat.",
    }
    with pytest.raises(InvalidData) as consent_for_a_consultant:
        ask(
            world.plan,
            office.regisseur,
            RequestInput(
                addressee=f"medewerker:{office.wmo_consulent.id}",
                about_person_id=world.plan.members[0].id,
                question="Is er een indicatie?",
                basis="toestemming",
                legal_basis=None,
                consent_id=world.consent.id,
                answer_by=clock.today() + timedelta(days=5),
            ),
        )
    assert consent_for_a_consultant.value.field_errors["basis"].startswith(
        "Toestemming geldt voor een partner."
    )
    with pytest.raises(InvalidData) as no_article:
        ask(
            world.plan,
            office.regisseur,
            RequestInput(
                addressee=f"partner:{world.kredietbank.id}",
                about_person_id=world.plan.members[0].id,
                question="Is er een betalingsregeling?",
                basis="wettelijk",
                legal_basis="  ",
                consent_id=None,
                answer_by=clock.today() + timedelta(days=5),
            ),
        )
    assert "legal_basis" in no_article.value.field_errors


def test_the_plan_page_refuses_bad_input_beside_its_field(
    client: FlaskClient, office: Office, world: Cocreation
) -> None:
    login(client, office.regisseur)
    response = client.post(
        f"/plannen/{world.plan.id}/informatieverzoeken",
        data={"verzoek-addressee": "", "verzoek-question": "", "verzoek-answer_by": "morgen"},
    )
    page = _text(response)
    assert response.status_code == 400
    assert 'id="verzoek-answer_by-fout">Vul een geldige datum in' in page
    count = db.session.scalar(sa.select(sa.func.count(InformationRequest.id)))
    assert count == 1  # only the world's own question
