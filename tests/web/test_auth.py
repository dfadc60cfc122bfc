"""Logging in and out."""

from flask.testing import FlaskClient

from caseflow.models import Role
from tests.factories import PASSWORD, Factory


def test_login_page_has_labelled_fields(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert '<label class="utrecht-form-label" for="username">Gebruikersnaam</label>' in page
    assert '<label class="utrecht-form-label" for="password">Wachtwoord</label>' in page


def test_wrong_password_gives_one_dutch_message_for_both_cases(
    client: FlaskClient, factory: Factory
) -> None:
    factory.user(Role.CONSULENT, username="anna")
    wrong_password = client.post("/login", data={"username": "anna", "password": "fout"})
    unknown_user = client.post("/login", data={"username": "niemand", "password": "fout"})
    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        assert "Gebruikersnaam of wachtwoord klopt niet." in response.get_data(as_text=True)


def test_empty_fields_are_named(client: FlaskClient) -> None:
    page = client.post("/login", data={}).get_data(as_text=True)
    assert "Vul uw gebruikersnaam in." in page
    assert "Vul uw wachtwoord in." in page


def test_consultant_lands_on_mijn_werkvoorraad_and_can_log_out(
    client: FlaskClient, factory: Factory
) -> None:
    factory.user(Role.CONSULENT, username="anna")
    response = client.post("/login", data={"username": "anna", "password": PASSWORD})
    assert response.status_code == 302
    home = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<h1 class="utrecht-heading-1">Mijn werkvoorraad</h1>' in home
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302  # back to the login page


def test_pages_need_a_login(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
