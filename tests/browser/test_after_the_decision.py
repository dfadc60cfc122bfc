"""In a real browser, after the decision: the team's herindicaties, one click that opens the
reassessment with the previous provisions on its page, the dossier with stapeling in view, and
the beheerder's catalogue."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from caseflow import unit_of_work
from caseflow.models import Role
from caseflow.provisions.herindicatie import scan_herindicaties
from caseflow.workflow.engine import assign, fire, start_case
from tests.browser.conftest import log_in, screenshot
from tests.factories import PASSWORD, Factory, product, provider
from tests.offices import Colleague, Office, web_office

pytestmark = pytest.mark.browser


@pytest.fixture
def office(factory: Factory, live_server: str) -> Office:
    made = web_office(factory, Colleague("beheerder", [Role.BEHEERDER], [], "beheerder"))
    homecare = provider("Thuiszorg Heuvelland")
    household = product(
        made.maastricht, "HH01", "Hulp bij het huishouden", "hulp_huishouden", providers=[homecare]
    )
    guidance = product(
        made.maastricht, "BG01", "Begeleiding individueel", "begeleiding_individueel",
        providers=[homecare],
    )  # fmt: skip
    client = factory.person(made.maastricht, "Smeets", given_names="Maria")
    case = start_case(
        "wmo_aanvraag",
        municipality=made.maastricht,
        actor=made.consulent,
        person=client,
        team=made.wmo,
    )
    consulent = made.consulent
    assign(case, consulent, consulent)
    fire(case, "oppakken", consulent)
    fire(case, "verslag_vastleggen", consulent, {"verslag": "Huishouden en dagritme lukken niet."})
    rows = [
        {"product": str(household.id), "vorm": "zin", "aanbieder": str(homecare.id),
         "omvang": "12", "ingangsdatum": "2025-03-01", "einddatum": "2026-04-15"},
        {"product": str(guidance.id), "vorm": "zin", "aanbieder": str(homecare.id),
         "omvang": "10", "ingangsdatum": "2025-03-01", "einddatum": "2026-12-31"},
    ]  # fmt: skip
    data = {
        "resultaat": "toegekend",
        "motivering": "Zelfstandig thuis met hulp.",
        "producten": rows,
    }
    fire(case, "besluiten", consulent, data)
    unit_of_work.commit()
    assert scan_herindicaties(date(2026, 3, 2)) == 1
    return made


def test_a_herindicatie_from_the_list_to_the_reassessment_and_the_dossier(
    page: Page, office: Office
) -> None:
    log_in(page, "consulent", PASSWORD)
    page.get_by_role("link", name="Herindicaties").click()
    expect(page.locator("table")).to_contain_text("Hulp bij het huishouden, zorg in natura")
    screenshot(page, "40-herindicaties")
    page.get_by_role("button", name=re.compile("Herindicatie starten")).click()
    expect(page.get_by_role("status")).to_contain_text("De herindicatie is gestart")
    expect(page.get_by_role("heading", name=re.compile("Wmo-melding"))).to_be_visible()
    review = page.locator("section", has=page.get_by_role("heading", name="Herindicatie"))
    expect(review).to_contain_text("Motivering van dat besluit: Zelfstandig thuis met hulp.")
    expect(review).to_contain_text("12 uur per week, van 1 maart 2025 tot en met 15 april 2026")
    screenshot(page, "41-herindicatie-gestart")

    page.get_by_role("link", name="Maria Smeets").first.click()
    stacking = page.locator("section", has=page.get_by_role("heading", name=re.compile("Lopende")))
    expect(stacking).to_contain_text("Past het in de Wlz?")
    expect(stacking).to_contain_text("samen 22 uur per week")
    screenshot(page, "42-klantbeeld-stapeling")


def test_the_beheerder_keeps_the_catalogue(page: Page, office: Office) -> None:
    log_in(page, "beheerder", PASSWORD)
    page.get_by_role("link", name="Productcatalogus").click()
    expect(page.get_by_role("heading", name=re.compile("Productcatalogus"))).to_be_visible()
    page.locator("summary", has_text="Product toevoegen").click()
    form = page.locator("details[open] form")
    form.get_by_label("Productcode").fill("HH01")
    form.get_by_label("Naam").fill("Hulp bij het huishouden plus")
    form.get_by_role("button", name="Product toevoegen").click()
    summary = page.locator("#foutmeldingen")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Maastricht heeft al een product met code HH01.")
    expect(summary).to_contain_text("Kies de soort voorziening.")
    screenshot(page, "43-productcatalogus-fouten")
