"""Single sign-on against a real OpenID provider (npm's oidc-provider) started on loopback:
login, the caseflow account's roles, refusal of someone caseflow does not know, and logout."""

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import RightsChange
from tests.factories import Factory
from tests.integration.conftest import integration_office
from tests.integration.openid_provider import (
    CLIENT_ID,
    Browser,
    Provider,
    running_provider,
)
from tests.offices import Office

ACCOUNTS = {
    "sub-jeroen": {"preferred_username": "consulent", "name": "Jeroen Hermans"},
    "sub-petra": {"preferred_username": "teammanager", "name": "Petra Vossen"},
    "sub-onbekend": {"preferred_username": "onbekend", "name": "Iemand Anders"},
}


@pytest.fixture
def office(factory: Factory) -> Office:
    """On the real clock: the provider's tokens carry the real time, which Authlib checks."""
    return integration_office(factory)


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    with running_provider(ACCOUNTS, tmp_path_factory.mktemp("oidc")) as running:
        yield running


@pytest.fixture
def sso_app(database_url: str, provider: Provider, app: Flask) -> Iterator[Flask]:
    """The app as a municipality runs it: single sign-on on, local passwords off."""
    sso = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "OIDC_ISSUER": provider.issuer,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": provider.client_secret,
            "PASSWORD_LOGIN": False,
        }
    )
    yield sso
    with sso.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def browser(sso_app: Flask, provider: Provider, office: Office) -> Browser:
    return Browser(sso_app.test_client(), provider)


def test_login_runs_the_code_flow_with_pkce_and_opens_the_worklist(browser: Browser) -> None:
    first = browser.caseflow.get("/login/sso")
    asked = parse_qs(urlsplit(first.headers["Location"]).query)
    assert first.headers["Location"].startswith(browser.provider.issuer)
    assert asked["response_type"] == ["code"]
    assert asked["code_challenge_method"] == ["S256"] and asked["code_challenge"][0]

    page = browser.sign_in("sub-jeroen")

    assert page.status_code == 200
    assert browser.url == "http://localhost/"  # the own worklist
    assert "Jeroen Hermans" in page.get_data(as_text=True)


def test_the_caseflow_account_decides_what_someone_may(browser: Browser, sso_app: Flask) -> None:
    browser.sign_in("sub-petra")
    assert browser.caseflow.get("/rapportages/").status_code == 200  # a team manager's page

    other = Browser(sso_app.test_client(), browser.provider)
    other.sign_in("sub-jeroen")
    assert other.caseflow.get("/rapportages/").status_code == 403  # a consultant's account


def test_someone_caseflow_does_not_know_is_refused_in_dutch_and_logged(
    browser: Browser, office: Office
) -> None:
    page = browser.sign_in("sub-onbekend")

    assert page.status_code == 403
    assert "heeft geen (actief)" in page.get_data(as_text=True)
    assert browser.caseflow.get("/").status_code == 302  # still not logged in
    [row] = db.session.scalars(sa.select(RightsChange)).all()
    assert (row.action, row.result, row.actor_id) == ("aanmelden_sso", "geweigerd", None)
    assert "preferred_username 'onbekend'" in row.detail


def test_passwords_can_be_switched_off(browser: Browser, office: Office) -> None:
    page = browser.caseflow.get("/login")
    assert "Inloggen met uw organisatie-account" in page.get_data(as_text=True)
    assert 'type="password"' not in page.get_data(as_text=True)
    tried = browser.caseflow.post("/login", data={"username": "consulent", "password": "x"})
    assert tried.status_code == 403


def test_logout_ends_the_caseflow_session_and_the_providers(
    browser: Browser, sso_app: Flask, tmp_path: Path
) -> None:
    browser.sign_in("sub-jeroen")
    copied = browser.caseflow.get_cookie("session")
    assert copied is not None

    left = browser.caseflow.post("/logout")
    assert left.status_code == 302
    end_session = left.headers["Location"]
    assert end_session.startswith(browser.provider.issuer + "/session/end?")
    assert "id_token_hint" in parse_qs(urlsplit(end_session).query)
    assert browser.provider.issuer in left.headers["Content-Security-Policy"]

    # A copy of the old cookie no longer logs anyone in (the session generation moved on).
    thief = sso_app.test_client()
    thief.set_cookie("session", copied.value)
    assert thief.get("/").status_code == 302

    confirm = browser.go(end_session)
    done = browser.submit(confirm, logout="yes")
    assert browser.url == "http://localhost/login"
    assert done.status_code == 200

    # The provider's session is over too: a silent login is refused with login_required.
    again = browser.caseflow.get("/login/sso")
    silent = again.headers["Location"] + "&prompt=none"
    browser.go(silent)
    assert parse_qs(urlsplit(browser.url).query).get("error") == ["login_required"]
