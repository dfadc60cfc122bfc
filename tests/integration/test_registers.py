"""The front door asks the BRP for a person by BSN and the BAG for an address by postcode and
house number; each filled value names its source; a register that is off or silent leaves the
worker typing, with a Dutch message, and nothing is lost."""

import re
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog
from caseflow.registers.lookup import (
    RegisterUnavailable,
    address_by_postcode,
    person_by_bsn,
)
from tests.factories import Factory
from tests.offices import Office, login, web_office
from tests.stub_registers import stub_registers

SMEETS = "158813996"


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    return web_office(factory)


@pytest.fixture
def registers(app: Flask) -> Iterator[str]:
    with stub_registers(app) as base:
        yield base


def _lookup(client: FlaskClient, register: str, **fields: str) -> tuple[int, str]:
    page = client.get("/hulpvraag/nieuw").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token is not None
    response = client.post(
        "/hulpvraag/nieuw", data={"csrf_token": token[1], "ophalen": register, **fields}
    )
    return response.status_code, response.get_data(as_text=True)


def test_the_client_reads_the_published_shapes(app: Flask, registers: str) -> None:
    with app.test_request_context():
        person = person_by_bsn(SMEETS)
        assert person is not None
        assert (person.given_names, person.family_name) == ("Maria Johanna", "Smeets")
        assert person.date_of_birth == date(1952, 3, 14)
        assert (person.street, person.house_number, person.postcode) == (
            "Brusselsestraat",
            "12",
            "6211 PE",
        )
        assert person_by_bsn("111222333") is None
        vaals = person_by_bsn("091141709")
        assert vaals is not None and (vaals.family_name, vaals.house_number) == (
            "van Wersch",
            "41A",
        )
        address = address_by_postcode("6221bg", "8")
        assert address is not None and (address.street, address.city) == (
            "Wilhelminasingel",
            "Maastricht",
        )
        assert address_by_postcode("6221 BG", "9") is None


def test_a_register_that_is_off_or_silent_says_so_in_dutch(app: Flask) -> None:
    with app.test_request_context(), pytest.raises(RegisterUnavailable, match="niet gekoppeld"):
        person_by_bsn(SMEETS)
    app.config["BAG_URL"] = "http://127.0.0.1:9/nergens"
    try:
        with (
            app.test_request_context(),
            pytest.raises(RegisterUnavailable, match="antwoordt nu niet"),
        ):
            address_by_postcode("6221 BG", "8")
    finally:
        app.config["BAG_URL"] = ""


def test_the_intake_is_filled_from_the_brp_with_its_source_and_the_lookup_is_logged(
    client: FlaskClient, office: Office, registers: str
) -> None:
    login(client, office.toegang)
    status, page = _lookup(client, "brp", bsn=SMEETS, question="Kan niet meer traplopen.")
    assert status == 200
    assert 'value="Maria Johanna"' in page and 'value="Smeets"' in page
    assert 'value="Brusselsestraat"' in page and 'value="6211 PE"' in page
    assert 'name="date_of_birth-jaar"' in page and 'value="1952"' in page
    assert page.count("Bron: BRP.") == 6
    # What the worker had typed elsewhere is still there.
    assert "Kan niet meer traplopen." in page
    logged = db.session.scalars(
        sa.select(AccessLog.purpose).where(AccessLog.actor_id == office.toegang.id)
    ).all()
    assert "hulpvraag: BRP geraadpleegd op BSN" in logged


def test_an_unknown_bsn_or_address_is_named_beside_the_field(
    client: FlaskClient, office: Office, registers: str
) -> None:
    login(client, office.toegang)
    status, page = _lookup(client, "brp", bsn="111222333")
    assert status == 400 and "De BRP kent geen inwoner met dit BSN." in page
    status, page = _lookup(client, "bag", postcode="6221 BG", house_number="8")
    assert status == 200 and 'value="Wilhelminasingel"' in page and "Bron: BAG." in page
    status, page = _lookup(client, "bag", postcode="6221 BG", house_number="")
    assert status == 400 and "Vul de postcode en het huisnummer in." in page


def test_without_registers_the_buttons_are_not_offered(client: FlaskClient, office: Office) -> None:
    login(client, office.toegang)
    page = client.get("/hulpvraag/nieuw").get_data(as_text=True)
    assert "Gegevens ophalen uit de BRP" not in page and "Adres ophalen uit de BAG" not in page
