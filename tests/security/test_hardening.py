"""CSRF, login lockout, harmless scripts and SQL metacharacters, headers, password rules."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import Case, Note, Person
from caseflow.security.passwords import password_problems
from caseflow.security.throttle import MAX_FAILURES
from caseflow.workflow.engine import add_note, start_case
from tests.factories import PASSWORD, Factory
from tests.offices import Office, login


@pytest.fixture
def csrf_client(app: Flask) -> Iterator[FlaskClient]:
    protected = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        }
    )
    with protected.app_context():
        yield protected.test_client()


def test_a_form_post_without_csrf_token_is_refused(
    csrf_client: FlaskClient, office: Office
) -> None:
    response = csrf_client.post("/login", data={"username": "consulent", "password": PASSWORD})
    assert response.status_code == 400
    assert "Het formulier is verlopen of niet geldig" in response.get_data(as_text=True)


def test_login_is_locked_after_repeated_failures_for_known_and_unknown_names(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    for name in ("consulent", "bestaat-niet"):
        for _ in range(MAX_FAILURES):
            client.post("/login", data={"username": name, "password": "fout"})
        locked = client.post("/login", data={"username": name, "password": PASSWORD})
        assert locked.status_code == 200
        assert "Te veel mislukte pogingen" in locked.get_data(as_text=True)
    travel.shift(timedelta(minutes=16))
    assert (
        client.post("/login", data={"username": "consulent", "password": PASSWORD}).status_code
        == 302
    )


def test_a_stored_script_in_a_note_is_rendered_harmless(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = start_case(
        "wmo_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        team=office.wmo,
        person=factory.person(office.maastricht),
    )
    add_note(case, office.consulent, '<script>alert("x")</script><img src=x onerror=alert(1)>')
    login(client, office.consulent)
    page = client.get(f"/zaken/{case.id}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


METACHARACTERS = ["' OR '1'='1", '"; DROP TABLE persons; --', "%", "_", "\\", "' UNION SELECT 1 --"]


@pytest.mark.parametrize("term", METACHARACTERS)
def test_sql_metacharacters_in_search_fields_are_harmless(
    client: FlaskClient, office: Office, factory: Factory, term: str
) -> None:
    factory.person(office.maastricht, family_name="Jansen")
    start_case(
        "wmo_aanvraag", municipality=office.maastricht, actor=office.consulent, team=office.wmo
    )
    login(client, office.toegang)
    for path in ("/hulpvraag/nieuw", "/", "/team"):
        response = client.get(
            path,
            query_string={
                "zoek": term,
                "zaaktype": term,
                "status": term,
                "gemeente": term,
                "pagina": term,
            },
        )
        assert response.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(Person.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 1


def test_security_headers_are_set(client: FlaskClient) -> None:
    response = client.get("/login")
    assert "script-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_session_cookie_is_httponly_and_samesite(client: FlaskClient, office: Office) -> None:
    response = client.post("/login", data={"username": "consulent", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("kort", False),
        ("aaaaaaaaaaaaaaaa", False),
        ("wachtwoord123", False),
        ("anna-de-vries-2026", False),
        ("paars-fiets-regen-42", True),
    ],
)
def test_password_rules(password: str, ok: bool) -> None:
    assert (password_problems(password, username="anna-de-vries") == []) is ok


def test_notes_are_stored_as_typed(office: Office) -> None:
    case = start_case(
        "wmo_aanvraag", municipality=office.maastricht, actor=office.consulent, team=office.wmo
    )
    add_note(case, office.consulent, "Robert'); DROP TABLE notes;--")
    assert db.session.scalars(sa.select(Note.text)).all() == ["Robert'); DROP TABLE notes;--"]
