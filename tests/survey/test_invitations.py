"""Invitations after a decision closes: once per person per period, a link only in the outbox,
and the answers stored without the person once the link is used."""

from datetime import date, timedelta

import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, SurveyContact, SurveyInvitation, SurveyResponse
from caseflow.survey.invitations import invite, invite_closed_cases
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import fire
from tests.offices import Office, login
from tests.reports.helpers import at, decide, wmo

ANSWERS = {"cijfer": "8", "aanbevelen": "9", "respect": "ja", "past": "een_beetje"}


def _decided(office: Office) -> Case:
    case = wmo(office)
    decide(case, "afgewezen")
    return case


def _invitations() -> list[SurveyInvitation]:
    return list(db.session.scalars(sa.select(SurveyInvitation).order_by(SurveyInvitation.id)))


def test_a_closed_decision_invites_its_client_once_per_period(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-02 10:00")
    first, second = _decided(office), _decided(office)
    withdrawn = wmo(office)
    fire(withdrawn, "intrekken", office.anna, {"reden": "Niet meer nodig."})

    since = clock.now() - timedelta(days=1)
    assert invite_closed_cases(since, clock.now() + timedelta(seconds=1)) == 1
    assert invite_closed_cases(since, clock.now() + timedelta(seconds=1)) == 0  # a rerun

    (invitation,) = _invitations()
    assert (invitation.person_id, invitation.domain, invitation.period) == (
        office.client.id,
        "wmo",
        date(2026, 3, 1),
    )
    assert invitation.outbox_link is not None and invitation.outbox_link.startswith("/waardering/")
    assert first.person_id == second.person_id  # the second decision asked nobody twice

    # In the next period the same client may be asked again.
    at(travel, "2026-05-04 10:00")
    assert invite(_decided(office)) is not None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyContact)) == 2


def test_answers_keep_nothing_that_leads_back_to_the_person(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-02 10:00")
    token = invite(_decided(office))
    commit()

    response = client.post(f"/waardering/{token}", data=ANSWERS)

    assert response.status_code == 200
    assert "Wij hebben uw antwoorden ontvangen." in response.get_data(as_text=True)
    (invitation,) = _invitations()
    assert (invitation.used, invitation.person_id, invitation.outbox_link) == (True, None, None)
    answer = db.session.scalars(sa.select(SurveyResponse)).one()
    assert (answer.grade, answer.recommendation, answer.domain, answer.team_id) == (
        8,
        9,
        "wmo",
        office.wmo.id,
    )
    assert answer.answers == {"respect": "ja", "past": "een_beetje"}
    columns = {c.name for c in SurveyResponse.__table__.columns}
    assert not columns & {"person_id", "case_id", "invitation_id", "created_at"}


def test_a_used_link_is_refused_in_dutch_and_an_unknown_one_is_not_found(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-02 10:00")
    token = invite(_decided(office))
    commit()
    client.post(f"/waardering/{token}", data=ANSWERS)

    again = client.post(f"/waardering/{token}", data=ANSWERS)
    assert again.status_code == 410
    assert "U kunt de vragenlijst maar één keer invullen." in again.get_data(as_text=True)
    assert client.get(f"/waardering/{token}").status_code == 410
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)) == 1
    assert client.get("/waardering/verzonnen-link").status_code == 404


def test_missing_numbers_are_asked_for_in_plain_dutch(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-02 10:00")
    token = invite(_decided(office))
    commit()

    response = client.post(f"/waardering/{token}", data={"cijfer": "11"})

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Kies een cijfer van 1 tot en met 10." in page
    assert "Kies een getal van 0 tot en met 10." in page
    assert not _invitations()[0].used


def test_the_client_may_refuse_and_the_link_is_then_used_up(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-02 10:00")
    token = invite(_decided(office))
    commit()

    response = client.post(f"/waardering/{token}", data={"meedoen": "nee"})

    assert "U doet niet mee." in response.get_data(as_text=True)
    invitation = _invitations()[0]
    assert (invitation.used, invitation.refused, invitation.person_id) == (True, True, None)
    assert client.get(f"/waardering/{token}").status_code == 410


def test_the_page_is_braked_per_address(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    statuses = [client.get(f"/waardering/poging-{n}").status_code for n in range(31)]

    assert statuses[:29] == [404] * 29
    assert statuses[-1] == 429
    assert "Te vaak geprobeerd" in client.get("/waardering/nog-een").get_data(as_text=True)


def test_the_answers_are_csrf_protected(
    app: Flask, client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-02 10:00")
    token = invite(_decided(office))
    commit()
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        forged = client.post(f"/waardering/{token}", data=ANSWERS)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False

    assert forged.status_code == 400
    assert "Formulier verlopen" in forged.get_data(as_text=True)
    assert not _invitations()[0].used


def test_a_colleague_records_a_phone_survey_once_and_the_client_is_not_invited_again(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-02 10:00")
    case = _decided(office)
    commit()
    login(client, office.anna)
    assert "Cliëntwaardering telefonisch vastleggen" in client.get(f"/zaken/{case.id}").get_data(
        as_text=True
    )

    refused = client.post(f"/zaken/{case.id}/clientwaardering", data={"cijfer": "0"})
    assert refused.status_code == 400
    assert "Kies een cijfer van 1 tot en met 10." in refused.get_data(as_text=True)
    done = client.post(
        f"/zaken/{case.id}/clientwaardering", data={"cijfer": "7", "aanbevelen": "8"}
    )

    assert done.status_code == 302
    answer = db.session.scalars(sa.select(SurveyResponse)).one()
    assert (answer.channel, answer.grade, answer.period) == ("telefoon", 7, date(2026, 3, 1))
    assert "telefonisch vastleggen" not in client.get(f"/zaken/{case.id}").get_data(as_text=True)
    assert client.get(f"/zaken/{case.id}/clientwaardering").status_code == 404
    assert invite(case) is None  # asked this period already
