"""In a real browser: one Wmo request from the first contact to the decision, nothing typed twice.

The front door searches the BSN in the header, records the new client and the question behind
the question, and sends it to the Wmo; the consultant does the onderzoek on the melding and
decides on the aanvraag. Every typed value is counted and no value may be typed twice: the
BSN, the address, the story and what was granted travel with the case.

The case pages are walked by the labels of the actions they offer (MELDING_STEPS,
AANVRAAG_STEPS): a step a workflow gains later is one more line there. The decision has a page of
its own, walked by the labels of its fields (DECISION): what was granted is one product row.
"""

import re
from dataclasses import dataclass, field
from datetime import date

import pytest
import sqlalchemy as sa
from playwright.sync_api import Locator, Page, expect

from caseflow.extensions import db
from caseflow.models import Case, Person
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, start_case
from tests.browser.conftest import log_in, log_out, screenshot, send_letter
from tests.factories import PASSWORD, STANDARD_PROVIDER, Factory, product
from tests.offices import Office, web_office

pytestmark = pytest.mark.browser

# The registratielast measured before: 16 typed fields for this request.
MOST_TYPED_FIELDS = 15
BSN = "111222333"
MELDING_STEPS: list[tuple[str, dict[str, str]]] = [
    # Wmo 2015 art. 2.3.2: one letter confirms the melding and names both rights.
    ("Ontvangstbevestiging opstellen", {}),
    ("Onderzoek starten", {}),
    (
        "Verslag gesprek of huisbezoek vastleggen",
        {
            "Vorm van het gesprek": "Huisbezoek",
            "Verslag": "Trap naar slaapkamer en badkamer lukt niet meer; dochter helpt.",
        },
    ),
    ("Verslag voor de inwoner opstellen", {}),
]
# The confirmation and the report count once their letters are sent.
MELDING_LETTERS = ("Ontvangstbevestiging melding", "Verslag van het onderzoek")
CLOSING_STEPS = [("Onderzoek afronden", {"Resultaat": "Aanvraag maatwerkvoorziening volgt"})]
AANVRAAG_STEPS: list[tuple[str, dict[str, str]]] = [("In behandeling nemen", {})]
# The decision page: the first product row, by its labels, then the reasons.
DECISION_ROW = {
    "Product": "Traplift (WA01, in stuks)",
    "Vorm": "Zorg in natura",
    "Aanbieder (bij zorg in natura)": STANDARD_PROVIDER,
    "Omvang": "1",
    "Ingangsdatum": "2026-03-16",
}
REASONS = "Met een traplift blijft zij zelfstandig thuis wonen."


@dataclass
class Keyboard:
    """Every value typed into a field and every choice made, in order."""

    typed: list[tuple[str, str]] = field(default_factory=list)
    chosen: list[tuple[str, str]] = field(default_factory=list)

    def type(self, control: Locator, name: str, value: str) -> None:
        control.fill(value)
        self.typed.append((name, value))

    def choose(self, control: Locator, name: str, label: str) -> None:
        control.select_option(label=label)
        self.chosen.append((name, label))

    def fill(self, control: Locator, name: str, value: str) -> None:
        if control.evaluate("el => el.tagName") == "SELECT":
            self.choose(control, name, value)
        elif control.get_attribute("type") == "checkbox":
            control.check()
            self.chosen.append((name, value))
        else:
            self.type(control, name, value)

    def typed_twice(self) -> list[str]:
        values = [value for _name, value in self.typed]
        return sorted({v for v in values if values.count(v) > 1})


@pytest.fixture
def office(factory: Factory, live_server: str) -> Office:
    made = web_office(factory)
    product(made.maastricht, "WA01", "Traplift", "woningaanpassing", "stuks", pgb=False)
    return made


def _walk(page: Page, keys: Keyboard, steps: list[tuple[str, dict[str, str]]]) -> None:
    """Take each step by the label of the action the case page offers."""
    for label, fields in steps:
        actions = page.locator("section.actions")
        actions.locator("summary", has_text=label).click()
        form = actions.locator("details[open] form")
        for field_label, value in fields.items():
            keys.fill(form.get_by_label(field_label, exact=False), field_label, value)
        form.get_by_role("button", name=label).click()
        expect(page.get_by_role("status")).to_contain_text("De actie is uitgevoerd.")


def _decide(page: Page, keys: Keyboard) -> None:
    """The decision on its own page: the result, one product row, the reasons."""
    page.locator("section.actions").get_by_role("link", name="het besluitformulier").click()
    expect(page.get_by_role("heading", name=re.compile("Besluit nemen"))).to_be_visible()
    page.get_by_label("Toegekend", exact=True).check()
    keys.chosen.append(("Resultaat", "Toegekend"))
    first = page.get_by_role("group", name="Product 1")
    for label, value in DECISION_ROW.items():
        keys.fill(first.get_by_label(label, exact=True), label, value)
    keys.fill(page.get_by_label("Motivering", exact=True), "Motivering", REASONS)
    screenshot(page, "23b-besluit-productregels")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het besluit is vastgelegd.")


def _claim_if_offered(page: Page) -> None:
    """A follow-up may already be with the consultant of the case it came from."""
    claim = page.get_by_role("button", name="Oppakken")
    if claim.count():
        claim.click()
        expect(page.get_by_role("status")).to_contain_text("U behandelt deze zaak nu.")


def test_one_wmo_request_from_first_contact_to_decision_types_nothing_twice(
    page: Page, office: Office
) -> None:
    keys = Keyboard()
    log_in(page, "toegang", PASSWORD)

    # First contact: the BSN in the header's search box finds nobody yet.
    search = page.get_by_role("search", name="Inwoner of zaak zoeken")
    keys.type(search.get_by_role("textbox"), "Zoeken", BSN)
    search.get_by_role("button", name="Zoeken").click()
    expect(page.locator("main")).to_contain_text(f'Niets gevonden voor "{BSN}"')
    screenshot(page, "20-eerste-contact-bsn-niet-gevonden")
    page.get_by_role("link", name="Nieuwe hulpvraag voor een nieuwe inwoner").click()

    # The BSN is there already; the rest of the person once, the gemeente from the postcode.
    expect(page.get_by_label("BSN (niet verplicht)", exact=True)).to_have_value(BSN)
    expect(page.get_by_label("Woonplaats")).to_have_count(0)
    for label, value in (
        ("Voornamen", "Maria"),
        ("Achternaam", "Smeets"),
        ("Dag", "14"),
        ("Maand", "3"),
        ("Jaar", "1952"),
        ("Straat", "Brusselsestraat"),
        ("Huisnummer", "12"),
        ("Postcode", "6211 AB"),
    ):
        keys.type(page.get_by_label(label, exact=True), label, value)
    # Enter in a one-line field does not send the intake halfway.
    page.get_by_label("Postcode", exact=True).press("Enter")
    page.wait_for_timeout(300)
    expect(page.locator("#foutmeldingen")).to_have_count(0)
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 0

    keys.type(
        page.get_by_label("De vraag in de woorden van de inwoner", exact=True),
        "Vraag",
        "Ik kom de trap niet meer op sinds mijn heupoperatie.",
    )
    keys.type(
        page.get_by_label("De vraag achter de vraag", exact=True),
        "Vraag achter de vraag",
        "Zelfstandig thuis blijven wonen; dochter woont ver weg.",
    )
    keys.choose(
        page.get_by_label("Lichamelijke gezondheid", exact=True),
        "Lichamelijke gezondheid",
        "2 – niet zelfredzaam",
    )
    page.get_by_label("Door naar één domein").check()
    keys.chosen.append(("Uitkomst", "Door naar één domein"))
    keys.choose(page.get_by_label("Domein", exact=True), "Domein", "Wmo")
    screenshot(page, "21-hulpvraag-ingevuld")
    page.get_by_role("button", name="Hulpvraag vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De hulpvraag is vastgelegd")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Domein: Wmo")
    expect(timeline).to_contain_text("2 maart 2026")
    expect(page.locator("main")).not_to_contain_text("doorgezet_domein")
    screenshot(page, "22-vraagverheldering-doorgezet")
    log_out(page)

    # The consultant: onderzoek on the melding, the story told once is there.
    log_in(page, "consulent", PASSWORD)
    page.get_by_role("link", name="Teamwerkvoorraad").click()
    page.get_by_role("link", name="Toon alleen zaken zonder behandelaar").click()
    page.locator("table a", has_text=re.compile(r"Z-2026-")).first.click()
    expect(page.get_by_role("heading", name=re.compile("Wmo-melding"))).to_be_visible()
    told = page.locator("section", has=page.get_by_role("heading", name="Wat de inwoner vertelde"))
    expect(told).to_contain_text("Ik kom de trap niet meer op sinds mijn heupoperatie.")
    expect(page.locator(".timeline")).to_contain_text(re.compile(r"Vervolg op: Z-2026-\d{6}"))
    _claim_if_offered(page)
    _walk(page, keys, MELDING_STEPS)
    for letter in MELDING_LETTERS:
        send_letter(page, letter)
    _walk(page, keys, CLOSING_STEPS)
    screenshot(page, "23-melding-onderzoek-afgerond")

    # The aanvraag: what was granted, once, as fields.
    page.locator("dl.facts").get_by_role("link", name=re.compile(r"Z-2026-")).last.click()
    expect(page.get_by_role("heading", name=re.compile("Wmo-aanvraag"))).to_be_visible()
    _claim_if_offered(page)
    _walk(page, keys, AANVRAAG_STEPS)
    _decide(page, keys)
    expect(page.locator("dl.facts").first).to_contain_text("Besluit genomen (Toegekend)")
    granted = "Traplift, zorg in natura door Zorggroep Heuvelland, 1 stuks, vanaf 16 maart 2026"
    expect(page.locator(".timeline")).to_contain_text(f"Toegekende producten: {granted}")
    expect(page.locator("section", has_text="Toegekend bij dit besluit")).to_contain_text(granted)
    screenshot(page, "24-aanvraag-besloten")

    print(
        f"\nTyped fields from first contact to decision: {len(keys.typed)} "
        f"(choices made: {len(keys.chosen)})"
    )
    for name, value in keys.typed:
        print(f"  typed  {name}: {value}")
    assert keys.typed_twice() == [], "a value was typed twice"
    assert len(keys.typed) <= MOST_TYPED_FIELDS, keys.typed

    cases = db.session.scalars(sa.select(Case).order_by(Case.id)).all()
    assert [(c.case_type, c.state, c.result) for c in cases] == [
        ("vraagverheldering", "doorgezet_domein", "doorgezet_domein"),
        ("wmo_melding", "onderzoek_afgerond", "aanvraag_volgt"),
        ("wmo_aanvraag", "besloten", "toegekend"),
    ]
    assert len({c.intake_id for c in cases}) == 1
    maria = db.session.scalars(sa.select(Person)).one()
    assert (maria.bsn, maria.date_of_birth, maria.city, maria.municipality_id) == (
        BSN,
        date(1952, 3, 14),
        "Maastricht",
        office.maastricht.id,
    )


def test_a_failed_intake_moves_the_focus_to_the_errors_and_says_so_in_the_title(
    page: Page, office: Office
) -> None:
    log_in(page, "toegang", PASSWORD)
    page.get_by_role("link", name="Nieuwe hulpvraag").click()
    page.get_by_label("Achternaam", exact=True).fill("Smeets")
    page.get_by_label("Dag").fill("31")
    page.get_by_label("Maand").fill("2")
    page.get_by_label("Jaar").fill("1952")
    page.get_by_role("button", name="Hulpvraag vastleggen").click()
    expect(page).to_have_title(re.compile(r"^Fout: Nieuwe hulpvraag"))
    summary = page.locator("#foutmeldingen")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Deze datum bestaat niet. Controleer de dag.")
    expect(page.get_by_label("Dag")).to_have_value("31")
    screenshot(page, "25-hulpvraag-fout-focus")
    summary.get_by_role("link", name="Deze datum bestaat niet. Controleer de dag.").click()
    expect(page.get_by_label("Dag")).to_be_focused()


def _fits(page: Page, width: int) -> None:
    """Nothing sticks out of the window, nor out of the main column."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page is {scroll_width} px wide in a {width} px window"
    sticking_out = page.evaluate(
        """() => {
            const main = document.querySelector('main');
            const right = main.getBoundingClientRect().right
                - parseFloat(getComputedStyle(main).paddingRight);
            return [...main.querySelectorAll('table, fieldset, form')]
                .filter(e => e.getBoundingClientRect().right > right + 0.5)
                .map(e => e.tagName + ' ' + e.querySelector('caption, legend')?.textContent);
        }"""
    )
    assert sticking_out == [], sticking_out


def test_the_intake_form_and_header_reflow_at_320_px(page: Page, office: Office) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, "toegang", PASSWORD)
    page.goto("/hulpvraag/nieuw")
    _fits(page, 320)
    search = page.get_by_role("search", name="Inwoner of zaak zoeken")
    box = search.get_by_role("textbox").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
    screenshot(page, "26-hulpvraag-320px")
    page.get_by_role("button", name="Hulpvraag vastleggen").click()
    expect(page).to_have_title(re.compile(r"^Fout:"))
    _fits(page, 320)
    screenshot(page, "27-hulpvraag-320px-fouten")


def test_the_team_worklist_fits_1366_px(page: Page, office: Office, factory: Factory) -> None:
    for number in range(12):
        person = factory.person(
            office.maastricht,
            f"Schoonbrood-Kerckhoffs {number}",
            given_names="Anna Maria Josephina",
            safety_flag=number % 5 == 0,
        )
        case = start_case(
            "wmo_aanvraag",
            municipality=office.maastricht,
            actor=office.consulent,
            person=person,
            team=office.wmo,
        )
        if number % 2:
            assign(case, office.collega, office.collega)
    commit()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, "teammanager", PASSWORD)
    page.goto(f"/team?team={office.wmo.id}")
    expect(page.locator("table").last).to_contain_text("Schoonbrood-Kerckhoffs 11")
    _fits(page, 1366)
    screenshot(page, "28-teamwerkvoorraad-1366px")
