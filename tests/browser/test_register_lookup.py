"""The front door types a BSN and gets the person from the BRP, then a new postcode and house
number and gets the street from the BAG; each value says where it came from, and the intake is
saved with them."""

from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Page, expect

from caseflow.extensions import db
from caseflow.models import Person
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD, Factory
from tests.offices import Office, web_office
from tests.stub_registers import stub_registers

pytestmark = pytest.mark.browser


@pytest.fixture
def office(factory: Factory, live_server: str) -> Office:
    return web_office(factory)


@pytest.fixture
def registers(app: Flask) -> Iterator[str]:
    with stub_registers(app) as base:
        yield base


def test_the_person_comes_from_the_brp_and_the_new_address_from_the_bag(
    page: Page, office: Office, registers: str
) -> None:
    log_in(page, "toegang", PASSWORD)
    page.goto("/hulpvraag/nieuw")
    page.get_by_label("BSN (niet verplicht)", exact=True).fill("158813996")
    page.get_by_role("button", name="Gegevens ophalen uit de BRP").click()
    expect(page.get_by_label("Voornamen", exact=True)).to_have_value("Maria Johanna")
    expect(page.get_by_label("Achternaam", exact=True)).to_have_value("Smeets")
    expect(page.get_by_label("Jaar", exact=True)).to_have_value("1952")
    expect(page.get_by_label("Straat", exact=True)).to_have_value("Brusselsestraat")
    expect(page.locator("#given_names-hint")).to_have_text(
        "Bron: BRP. Klopt het niet, pas het dan aan."
    )
    screenshot(page, "40-hulpvraag-uit-de-brp")

    # She has just moved; the BRP does not know yet. The new address comes from the BAG.
    page.get_by_label("Postcode", exact=True).fill("6211 CK")
    page.get_by_label("Huisnummer", exact=True).fill("1")
    page.get_by_role("button", name="Adres ophalen uit de BAG").click()
    expect(page.get_by_label("Straat", exact=True)).to_have_value("Markt")
    expect(page.locator("#street-hint")).to_have_text("Bron: BAG. Klopt het niet, pas het dan aan.")
    expect(page.get_by_label("Voornamen", exact=True)).to_have_value("Maria Johanna")
    screenshot(page, "41-adres-uit-de-bag")

    page.get_by_label("De vraag in de woorden van de inwoner", exact=True).fill(
        "Ik kom de trap niet meer op."
    )
    page.get_by_label("De vraag achter de vraag", exact=True).fill("Thuis blijven wonen.")
    page.get_by_label("Door naar één domein").check()
    page.get_by_label("Domein", exact=True).select_option(label="Wmo")
    page.get_by_role("button", name="Hulpvraag vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De hulpvraag is vastgelegd")
    saved = db.session.scalars(sa.select(Person).where(Person.bsn == "158813996")).one()
    assert (saved.given_names, saved.family_name, saved.date_of_birth) == (
        "Maria Johanna",
        "Smeets",
        date(1952, 3, 14),
    )
    assert (saved.street, saved.house_number, saved.postcode) == ("Markt", "1", "6211 CK")
