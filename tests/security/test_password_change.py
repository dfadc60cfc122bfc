"""Changing one's own password: the rules, Dutch errors beside the field, a new session."""

from datetime import UTC, datetime

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import check_password_hash

from caseflow.extensions import db
from caseflow.security.throttle import MAX_FAILURES
from tests.factories import PASSWORD
from tests.offices import login
from tests.security.helpers import (
    RightsOffice,
    field_error,
    fresh,
    log_rows,
)

NEW = "paars-fiets-regen-42"


def _change(client: FlaskClient, current: str, new: str, repeat: str | None = None):  # type: ignore[no-untyped-def]
    return client.post(
        "/account/wachtwoord",
        data={"current": current, "new": new, "repeat": new if repeat is None else repeat},
    )


def test_the_page_needs_a_login_and_is_linked_from_the_user_menu(
    client: FlaskClient, ro: RightsOffice
) -> None:
    assert client.get("/account/wachtwoord").headers["Location"].startswith("/login")
    login(client, ro.office.consulent)
    page = client.get("/").get_data(as_text=True)
    assert 'href="/account/wachtwoord"' in page.split('class="who"')[1]


@pytest.mark.parametrize(
    ("current", "new", "repeat", "field", "message"),
    [
        ("fout-wachtwoord", NEW, NEW, "current", "Het huidige wachtwoord klopt niet."),
        (PASSWORD, NEW, NEW + "x", "repeat", "De twee nieuwe wachtwoorden zijn niet gelijk."),
        (PASSWORD, "kort", "kort", "new", "Gebruik minstens 12 tekens."),
        (PASSWORD, "wachtwoord123", "wachtwoord123", "new", "te makkelijk te raden"),
        (PASSWORD, "consulent-2026!", "consulent-2026!", "new", "gebruikersnaam niet bevatten"),
        (PASSWORD, PASSWORD, PASSWORD, "new", "Kies een ander wachtwoord dan het huidige."),
    ],
)
def test_a_refused_change_says_why_beside_the_field_and_changes_nothing(
    client: FlaskClient,
    ro: RightsOffice,
    current: str,
    new: str,
    repeat: str,
    field: str,
    message: str,
) -> None:
    consulent = ro.office.consulent
    login(client, consulent)
    response = _change(client, current, new, repeat)
    assert response.status_code == 400
    assert message in field_error(response.get_data(as_text=True), field)
    assert check_password_hash(fresh(consulent).password_hash, PASSWORD)
    assert log_rows() == []


def test_a_change_is_logged_and_ends_the_other_sessions_but_not_this_one(
    app: Flask, client: FlaskClient, ro: RightsOffice
) -> None:
    consulent = ro.office.consulent
    elsewhere = app.test_client()
    login(elsewhere, consulent)
    login(client, consulent)
    response = _change(client, PASSWORD, NEW)
    assert response.status_code == 302
    assert "Uw wachtwoord is gewijzigd." in client.get("/").get_data(as_text=True)
    assert elsewhere.get("/").status_code == 302  # the old session is over
    (row,) = log_rows(user_id=consulent.id)
    assert (row.action, row.actor_id, row.result) == ("wachtwoord_gewijzigd", consulent.id, "ok")
    client.post("/logout")
    old = client.post("/login", data={"username": "consulent", "password": PASSWORD})
    assert old.status_code == 200
    assert client.post("/login", data={"username": "consulent", "password": NEW}).status_code == 302


def test_wrong_current_passwords_count_towards_the_lockout(
    client: FlaskClient, ro: RightsOffice
) -> None:
    login(client, ro.office.consulent)
    for _ in range(MAX_FAILURES):
        _change(client, "fout-wachtwoord", NEW)
    locked = _change(client, PASSWORD, NEW)
    assert "Te veel mislukte pogingen" in field_error(locked.get_data(as_text=True), "current")
    client.post("/logout")
    again = client.post("/login", data={"username": "consulent", "password": PASSWORD})
    assert "Te veel mislukte pogingen" in again.get_data(as_text=True)


def test_a_user_who_must_change_is_sent_to_the_page_until_they_did(
    client: FlaskClient, ro: RightsOffice
) -> None:
    consulent = ro.office.consulent
    consulent.must_change_password = True
    db.session.commit()
    login(client, consulent)
    for path in ("/", "/team", "/hulpvraag/nieuw", "/beheer/gebruikers"):
        assert client.get(path).headers["Location"] == "/account/wachtwoord", path
    page = client.get("/account/wachtwoord").get_data(as_text=True)
    assert "U logt in met een tijdelijk wachtwoord" in page
    _change(client, PASSWORD, NEW)
    assert client.get("/").status_code == 200
    assert fresh(consulent).must_change_password is False


def test_the_moment_of_login_is_kept(
    client: FlaskClient, ro: RightsOffice, travel: time_machine.Traveller
) -> None:
    assert fresh(ro.office.consulent).last_login_at is None
    login(client, ro.office.consulent)
    assert fresh(ro.office.consulent).last_login_at == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
