"""In a real browser: a Wmo request from receipt to decision, with its letters and a themed look.

The consultant confirms the melding, asks for missing information and decides; each step drafts
its letter, which is previewed, sent and listed on the case. The request suspends the term from
the day after it is sent; the beschikking names the granted provision and the bezwaar clause,
and its PDF is tagged and its text can be read. axe finds no WCAG A/AA violation on the themed
pages of two municipalities.
"""

import io
import re

import pypdf
import pytest
from playwright.sync_api import Page, expect

from caseflow.models import Case
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, start_case
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, STANDARD_PROVIDER, Factory, product
from tests.offices import Office, web_office

pytestmark = pytest.mark.browser

MELDING_STEPS: list[tuple[str, dict[str, str]]] = [
    ("Onderzoek starten", {}),
    (
        "Verslag gesprek of huisbezoek vastleggen",
        {"Vorm van het gesprek": "Huisbezoek", "Verslag": "De trap naar boven lukt niet meer."},
    ),
    ("Verslag voor de inwoner opstellen", {}),
]


@pytest.fixture
def melding(factory: Factory, live_server: str) -> tuple[Office, Case]:
    office = web_office(factory)
    product(office.maastricht, "WA01", "Traplift", "woningaanpassing", "stuks", pgb=False)
    client = factory.person(
        office.maastricht,
        "Smeets",
        given_names="Maria",
        street="Brusselsestraat",
        house_number="12",
        postcode="6211 AB",
        city="Maastricht",
    )
    case = start_case(
        "wmo_melding",
        municipality=office.maastricht,
        actor=office.consulent,
        person=client,
        team=office.wmo,
    )
    assign(case, office.consulent, office.consulent)
    commit()
    return office, case


def _act(page: Page, label: str, fields: dict[str, str]) -> None:
    actions = page.locator("section.actions")
    actions.locator("summary", has_text=label).click()
    form = actions.locator("details[open] form")
    for field_label, value in fields.items():
        control = form.get_by_label(field_label, exact=False)
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(label=value)
        elif control.get_attribute("type") == "checkbox":
            control.check()
        else:
            control.fill(value)
    form.get_by_role("button", name=label).click()
    expect(page.get_by_role("status")).to_contain_text("De actie is uitgevoerd.")


def _send(page: Page, letter: str, shot: str | None = None, personal: str = "") -> str:
    """Open the letter from the case page, check its preview, send it; its page address."""
    page.locator("#brieven").get_by_role("link", name=letter).first.click()
    expect(page.locator("article.letter")).to_be_visible()
    if personal:
        page.get_by_label("Uw eigen woorden voor deze inwoner").fill(personal)
        page.get_by_role("button", name="Alinea opslaan").click()
        expect(page.locator("article.letter")).to_contain_text(personal)
    if shot:
        assert_accessible(page)
        screenshot(page, shot)
    page.get_by_role("button", name="Brief versturen").click()
    expect(page.get_by_role("status")).to_contain_text("is verstuurd en bij de zaak opgeslagen")
    address = page.url
    page.get_by_role("link", name=re.compile("Terug naar Z-")).click()
    return address


def test_a_wmo_request_from_receipt_to_decision_sends_its_letters(
    page: Page, melding: tuple[Office, Case]
) -> None:
    _office, case = melding
    log_in(page, "consulent", PASSWORD)
    page.goto(f"/zaken/{case.id}")
    _act(page, "Ontvangstbevestiging opstellen", {})
    _send(page, "Ontvangstbevestiging melding")
    for label, fields in MELDING_STEPS:
        _act(page, label, fields)
    # The report is handed over when its letter is sent; then the onderzoek can close.
    _send(page, "Verslag van het onderzoek")
    _act(page, "Onderzoek afronden", {"Resultaat": "Aanvraag maatwerkvoorziening volgt"})

    # The aanvraag that follows: a request for information, then the decision.
    page.locator("dl.facts").get_by_role("link", name=re.compile(r"Z-2026-")).last.click()
    expect(page.get_by_role("heading", name=re.compile("Wmo-aanvraag"))).to_be_visible()
    claim = page.get_by_role("button", name="Oppakken")
    if claim.count():
        claim.click()
    _act(page, "In behandeling nemen", {})
    _act(
        page,
        "Aanvulling vragen",
        {"Reden": "Stuur ons een offerte van de traplift.", "Aanvullen vóór": "2026-03-20"},
    )
    terms = page.locator("section", has=page.get_by_role("heading", name="Termijnen"))
    expect(terms).to_contain_text("Loopt")  # drafted, not sent: the clock runs on
    _send(page, "Verzoek om aanvulling", shot="40-brief-verzoek-om-aanvulling")
    expect(terms).to_contain_text("Opgeschort")
    expect(page.locator(".timeline")).to_contain_text("Brief verstuurd")
    expect(page.locator(".timeline")).to_contain_text("Opgeschort: Beschikking binnen 2 weken")
    _act(page, "Aanvulling ontvangen", {})
    # The decision on its own page: what was granted is a product row of the catalogue.
    page.locator("section.actions").get_by_role("link", name="het besluitformulier").click()
    page.get_by_label("Toegekend", exact=True).check()
    first = page.get_by_role("group", name="Product 1")
    first.get_by_label("Product", exact=True).select_option(label="Traplift (WA01, in stuks)")
    first.get_by_label("Vorm", exact=True).select_option(label="Zorg in natura")
    first.get_by_label("Aanbieder (bij zorg in natura)", exact=True).select_option(
        label=STANDARD_PROVIDER
    )
    first.get_by_label("Omvang", exact=True).fill("1")
    first.get_by_label("Ingangsdatum", exact=True).fill("2026-03-16")
    page.get_by_label("Motivering", exact=True).fill(
        "Met een traplift blijft u zelfstandig thuis wonen."
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het besluit is vastgelegd.")
    page.locator("#brieven").get_by_role("link", name="Beschikking: toekenning").click()
    preview = page.locator("article.letter")
    expect(preview).to_contain_text("Traplift: 1 stuks, zorg in natura door " + STANDARD_PROVIDER)
    expect(preview).to_contain_text("Bent u het niet eens met dit besluit?")
    page.get_by_role("link", name=re.compile("Terug naar Z-")).click()
    letter_page = _send(
        page,
        "Beschikking: toekenning",
        shot="41-brief-beschikking-voorbeeld",
        personal="Ik bel u volgende week om de plaatsing af te spreken.",
    )

    letters = page.locator("#brieven table")
    expect(letters.locator("tbody tr")).to_have_count(2)
    expect(letters).not_to_contain_text("Nog niet verstuurd")
    screenshot(page, "42-zaak-met-brieven-maastricht")
    assert_accessible(page)

    # The sent beschikking: a tagged PDF whose text names the provision and the bezwaar clause.
    pdf = page.request.get(letter_page + "/pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(pdf.body()))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Traplift: 1 stuks, zorg in natura door " + STANDARD_PROVIDER in text
    assert "Dan kunt u bezwaar maken. Dat moet binnen 6 weken" in text
    assert "Ik bel u volgende week om de plaatsing af te spreken." in text


def test_two_municipalities_wear_their_own_theme_without_accessibility_violations(
    page: Page, factory: Factory, live_server: str
) -> None:
    office = web_office(factory)
    colours = {}
    for municipality, user in ((office.maastricht, "consulent"), (office.vaals, "vaals")):
        log_in(page, user, PASSWORD)
        page.goto("/")
        colours[municipality.code] = page.locator(".utrecht-nav-bar").evaluate(
            "el => getComputedStyle(el).backgroundColor"
        )
        assert_accessible(page)
        screenshot(page, f"43-thema-{municipality.code}")
        page.get_by_role("button", name="Uitloggen").click()
    assert colours["maastricht"] != colours["vaals"]
