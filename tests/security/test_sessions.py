"""A session ends at logout, copies of its cookie included; a cookie signed with the old
public default key opens nothing."""

from collections.abc import Iterator

import pytest
import time_machine
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.testing import FlaskClient

from tests.factories import Factory
from tests.offices import Office, login, web_office
from tests.security.helpers import separate_sessions

OLD_DEFAULT_KEY = "dev-only-change-me"


@pytest.fixture
def office(app: Flask, factory: Factory, travel: time_machine.Traveller) -> Iterator[Office]:
    with separate_sessions(app):
        yield web_office(factory)


def _session_cookie(client: FlaskClient, app: Flask) -> str:
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    assert cookie is not None
    return cookie.value


def test_a_cookie_copied_before_logout_is_refused_after_it(
    app: Flask, client: FlaskClient, office: Office
) -> None:
    login(client, office.consulent)
    stolen = _session_cookie(client, app)
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/").status_code == 200
    client.post("/logout")
    replayed = thief.get("/")
    assert replayed.status_code == 302 and "/login" in replayed.headers["Location"]
    login(client, office.consulent)
    assert client.get("/").status_code == 200


def test_a_cookie_forged_with_the_old_default_key_is_refused(app: Flask, office: Office) -> None:
    forger = Flask("forger")
    forger.secret_key = OLD_DEFAULT_KEY
    serializer = SecureCookieSessionInterface().get_signing_serializer(forger)
    assert serializer is not None
    user = office.consulent
    forged = serializer.dumps({"_user_id": user.get_id(), "_fresh": True})
    client = app.test_client()
    client.set_cookie("session", forged)
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert app.config["SECRET_KEY"] != OLD_DEFAULT_KEY
