"""Crafted input answers with a Dutch 4xx page, never a 500, and nothing is stored."""

import html
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Case, Intake, Note, Role
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import start_case
from tests.factories import Factory
from tests.offices import Office, login
from tests.web.test_intake import VALID


@pytest.fixture
def case(office: Office) -> Case:
    made = start_case(
        "wmo_aanvraag", municipality=office.maastricht, actor=office.consulent, team=office.wmo
    )
    commit()
    return made


def _text(response: Any) -> str:
    return html.unescape(response.get_data(as_text=True))


def _notes() -> int:
    return db.session.scalar(sa.select(sa.func.count(Note.id))) or 0


@pytest.mark.parametrize(
    "path",
    [
        "/zaken/2147483648",
        "/zaken/9223372036854775808",
        "/clienten/99999999999999999999",
        "/plannen/2147483648",
        "/gebiedsteam/aanmeldingen/2147483648",
        "/rapportages/gemeenten/2147483648/maandrapportage",
    ],
)
def test_ids_beyond_any_column_are_not_found(
    client: FlaskClient, office: Office, path: str
) -> None:
    login(client, office.consulent)
    response = client.get(path)
    assert response.status_code == 404
    assert "Niet gevonden" in _text(response)


@pytest.mark.parametrize(
    "query", ["?persoon=2147483648", "?persoon=%C2%B2", "?persoon=abc", "?zoek=%C2%B2"]
)
def test_odd_numbers_in_a_query_are_no_person(
    client: FlaskClient, office: Office, query: str
) -> None:
    login(client, office.toegang)
    assert client.get("/hulpvraag/nieuw" + query).status_code == 200


def test_select_values_that_are_not_numbers_are_refused_beside_the_field(
    client: FlaskClient, office: Office, case: Case
) -> None:
    login(client, office.toegang)
    before = db.session.scalar(sa.select(sa.func.count(Intake.id)))
    data = {**VALID, "municipality_id": str(office.maastricht.id), "ld_financien": "abc"}
    response = client.post("/hulpvraag/nieuw", data=data)
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Intake.id))) == before
    client.post("/logout")
    login(client, office.teammanager)
    for value in ("abc", "²", "2147483648"):
        response = client.post(
            f"/zaken/{case.id}/toewijzen", data={"assignee_id": value, "reden": "x"}
        )
        assert response.status_code == 400
    bulk = client.post(
        f"/team/{office.wmo.id}/toewijzen",
        data={"assignee_id": "abc", "zaak": ["²", str(case.id)], "reden": "x"},
    )
    assert bulk.status_code in (302, 400)
    db.session.expire_all()
    assert db.session.get_one(Case, case.id).assignee_id is None


def test_a_nul_character_is_refused_with_a_dutch_message(
    client: FlaskClient, office: Office, case: Case
) -> None:
    login(client, office.consulent)
    response = client.post(f"/zaken/{case.id}/notities", data={"text": "voor\x00na"})
    assert response.status_code == 400
    assert "niet is toegestaan (NUL)" in _text(response)
    assert client.get("/hulpvraag/nieuw?zoek=a%00b").status_code in (400, 403)
    assert _notes() == 0


def test_a_20_mb_note_is_refused_with_413_and_a_dutch_page(
    client: FlaskClient, office: Office, case: Case
) -> None:
    login(client, office.consulent)
    response = client.post(f"/zaken/{case.id}/notities", data={"text": "x" * 20_000_000})
    assert response.status_code == 413
    assert "Dit verzoek is te groot" in _text(response)
    assert _notes() == 0


def test_a_long_note_is_refused_beside_the_field(
    client: FlaskClient, office: Office, case: Case
) -> None:
    login(client, office.consulent)
    response = client.post(f"/zaken/{case.id}/notities", data={"text": "x" * 20_001})
    assert response.status_code == 400
    assert "Maximaal 20.000 tekens." in _text(response)
    assert _notes() == 0


def test_thousands_of_fields_are_refused(client: FlaskClient, office: Office, case: Case) -> None:
    login(client, office.consulent)
    data = {f"veld{i}": "x" for i in range(5000)} | {"text": "Gewone notitie"}
    response = client.post(f"/zaken/{case.id}/notities", data=data)
    assert response.status_code == 413
    assert _notes() == 0


@pytest.mark.parametrize("period", ["0001", "9999", "0001-01", "9999-12", "9999-T3", "abc"])
def test_extreme_report_periods_answer_without_a_500(
    client: FlaskClient, office: Office, period: str
) -> None:
    login(client, office.teammanager)
    response = client.get(f"/rapportages/indicatoren/tijdigheid?periode={period}")
    assert response.status_code in (200, 400)


def test_a_transition_form_without_the_case_version_is_refused_as_stale(
    client: FlaskClient, office: Office, case: Case
) -> None:
    login(client, office.consulent)
    for url, data in (
        (f"/zaken/{case.id}/acties/intrekken", {"reden": "Dubbel"}),
        (f"/zaken/{case.id}/oppakken", {}),
    ):
        response = client.post(url, data=data)
        assert response.status_code == 409
        assert "Laad de pagina opnieuw" in _text(response)
    db.session.expire_all()
    saved = db.session.get_one(Case, case.id)
    assert (saved.state, saved.assignee_id) == ("ontvangen", None)


def test_after_a_database_error_the_error_page_still_works(
    app: Flask, client: FlaskClient, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        db.session.execute(sa.text("SELECT * FROM tabel_die_niet_bestaat"))
        raise AssertionError("not reached")

    login(client, office.consulent)
    monkeypatch.setattr("caseflow.web.worklist.my_worklist", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    response = client.get("/")
    assert response.status_code == 500
    page = _text(response)
    # The page is the Dutch one, with the navigation it builds from the database.
    assert "Er ging iets mis" in page and "Mijn werkvoorraad" in page


@pytest.mark.parametrize("score", ["99", "-1", "0", "abc"])
def test_a_life_domain_score_outside_the_scale_is_refused(
    client: FlaskClient, office: Office, score: str
) -> None:
    login(client, office.toegang)
    data = {**VALID, "municipality_id": str(office.maastricht.id), "ld_financien": score}
    response = client.post("/hulpvraag/nieuw", data=data)
    assert response.status_code == 400
    assert 'id="ld_financien-fout"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Intake.id))) == 0


def test_every_form_speaks_dutch(client: FlaskClient, office: Office, factory: Factory) -> None:
    login(client, factory.user(Role.BEHEERDER, municipalities=[office.maastricht]))
    response = client.post(
        "/rapportages/normen",
        data={"gemeente": "abc", "indicator": "geen", "jaar": "x", "waarde": ""},
    )
    page = _text(response)
    assert response.status_code == 400
    assert "Not a valid" not in page and "This field" not in page
    assert "Vul een jaar in." in page or "Vul een jaar tussen" in page
