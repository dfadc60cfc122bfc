"""Special categories shown only when needed: the words of a contact in the client's dossier."""

from flask import Flask

from caseflow.extensions import db
from caseflow.models import Intake, Role, User
from caseflow.workflow.engine import start_case
from tests.factories import Factory
from tests.offices import Office, login
from tests.security.helpers import separate_sessions

QUESTION = "Onze zoon is depressief en gaat niet meer naar school."


def test_the_question_of_a_contact_is_shown_only_to_those_involved(
    app: Flask, office: Office, factory: Factory
) -> None:
    jeugdteam = factory.team([office.maastricht], domain="jeugd", name="Team Jeugd")
    behandelaar = factory.user(
        Role.CONSULENT, municipalities=[office.maastricht], teams=[jeugdteam]
    )
    kwaliteit = factory.user(Role.KWALITEIT, municipalities=[office.maastricht])
    person = factory.person(office.maastricht)
    intake = Intake(
        municipality=office.maastricht,
        person=person,
        channel="telefoon",
        question=QUESTION,
        created_by_id=office.toegang.id,
    )
    db.session.add(intake)
    db.session.commit()
    start_case(
        "jeugd",
        municipality=office.maastricht,
        actor=behandelaar,
        person=person,
        intake=intake,
        team=jeugdteam,
        assignee=behandelaar,
    )

    def dossier_as(user: User) -> str:
        client = app.test_client()
        login(client, user)
        response = client.get(f"/clienten/{person.id}")
        assert response.status_code == 200
        return response.get_data(as_text=True)

    with separate_sessions(app):
        # Quality staff may look up every client, but the youth case is not theirs to know.
        seen_by_quality = dossier_as(kwaliteit)
        assert QUESTION not in seen_by_quality
        assert "alleen zichtbaar voor wie het contact vastlegde" in seen_by_quality
        assert QUESTION in dossier_as(office.toegang)  # recorded it
        assert QUESTION in dossier_as(behandelaar)  # handles the case it led to
