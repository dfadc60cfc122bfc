"""In a real browser: intake at the front door, the Wmo consultant's work, a reassignment."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, start_case
from tests.browser.conftest import log_in, log_out, screenshot, send_letter
from tests.factories import PASSWORD, STANDARD_PROVIDER, Factory, product
from tests.offices import Office, web_office

pytestmark = pytest.mark.browser


@pytest.fixture
def office(factory: Factory, live_server: str) -> Office:
    made = web_office(factory)
    product(made.maastricht, "WA01", "Traplift", "woningaanpassing", "stuks", pgb=False)
    return made


def _act(page: Page, label: str, fields: dict[str, str] | None = None) -> None:
    """Open an action on the case page, fill its form and submit it."""
    actions = page.locator("section.actions")
    actions.locator("summary", has_text=label).click()
    form = actions.locator("details[open] form")
    for field_label, value in (fields or {}).items():
        control = form.get_by_label(field_label, exact=False)
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(label=value)
        elif control.evaluate("el => el.type") == "checkbox":
            control.set_checked(value == "aan")
        else:
            control.fill(value)
    form.get_by_role("button", name=label).click()
    expect(page.get_by_role("status")).to_contain_text("De actie is uitgevoerd.")


def test_intake_to_wmo_then_melding_onderzoek_aanvraag_and_decision(
    page: Page, office: Office
) -> None:
    log_in(page, "toegang", PASSWORD)
    page.get_by_role("link", name="Nieuwe hulpvraag").click()
    page.get_by_label("Voornamen", exact=True).fill("Maria")
    page.get_by_label("Achternaam", exact=True).fill("Smeets")
    page.get_by_label("BSN (niet verplicht)", exact=True).fill("123456789")
    page.get_by_label("Dag", exact=True).fill("12")
    page.get_by_label("Maand", exact=True).fill("3")
    page.get_by_label("Jaar", exact=True).fill("1948")
    page.get_by_label("Postcode", exact=True).fill("6211 AB")
    page.get_by_label("De vraag in de woorden van de inwoner", exact=True).fill(
        "Ik kom de trap niet meer op."
    )
    page.get_by_label("De vraag achter de vraag", exact=True).fill(
        "Zelfstandig thuis blijven wonen."
    )
    page.get_by_label("Lichamelijke gezondheid", exact=True).select_option("2")
    page.get_by_label("Door naar één domein").check()
    page.get_by_label("Domein", exact=True).select_option(label="Wmo")
    page.get_by_role("button", name="Hulpvraag vastleggen").click()

    # A wrong BSN is named beside the field and at the top; nothing was saved.
    expect(page.locator("#bsn-fout")).to_contain_text("elfproef")
    expect(page.locator("#foutmeldingen")).to_be_visible()
    screenshot(page, "01-hulpvraag-fout-bsn")
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 0
    page.get_by_label("BSN (niet verplicht)", exact=True).fill("111222333")
    page.get_by_role("button", name="Hulpvraag vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De hulpvraag is vastgelegd")
    expect(page.locator("dl.facts").first).to_contain_text("Doorgezet naar één domein")
    screenshot(page, "02-vraagverheldering-doorgezet")
    log_out(page)

    log_in(page, "consulent", PASSWORD)
    page.get_by_role("link", name="Teamwerkvoorraad").click()
    page.get_by_role("link", name="Toon alleen zaken zonder behandelaar").click()
    screenshot(page, "03-teamwerkvoorraad")
    page.locator("table a", has_text=re.compile(r"Z-2026-")).first.click()
    expect(page.get_by_role("heading", name=re.compile("Wmo-melding"))).to_be_visible()
    # The story told at the front door is there; nobody types it again.
    intake = page.locator(
        "section", has=page.get_by_role("heading", name="Wat de inwoner vertelde")
    )
    expect(intake).to_contain_text("Ik kom de trap niet meer op.")
    expect(intake).to_contain_text("Zelfstandig thuis blijven wonen.")
    page.get_by_role("button", name="Oppakken").click()
    expect(page.get_by_role("status")).to_contain_text("U behandelt deze zaak nu.")
    _act(page, "Onderzoek starten")
    _act(
        page,
        "Verslag gesprek of huisbezoek vastleggen",
        {"Vorm van het gesprek": "Huisbezoek", "Verslag": "Traplift nodig; dochter helpt."},
    )
    # Wmo 2015 art. 2.3.2: the receipt confirmed with both notices, the report handed over:
    # two letters, which count on the day they are sent.
    _act(page, "Ontvangstbevestiging opstellen")
    _act(page, "Verslag voor de inwoner opstellen")
    send_letter(page, "Ontvangstbevestiging melding")
    send_letter(page, "Verslag van het onderzoek")
    screenshot(page, "04-melding-onderzoek")
    _act(page, "Onderzoek afronden", {"Resultaat": "Aanvraag maatwerkvoorziening volgt"})
    page.locator("dl.facts").get_by_role("link", name=re.compile(r"Z-2026-")).last.click()
    expect(page.get_by_role("heading", name=re.compile("Wmo-aanvraag"))).to_be_visible()
    expect(page.locator("section", has_text="Wat de inwoner vertelde")).to_contain_text(
        "Ik kom de trap niet meer op."
    )
    # The consultant who did the onderzoek keeps the client: nothing to claim again.
    expect(page.locator("dl.facts").first).to_contain_text(office.consulent.full_name)
    expect(page.get_by_role("button", name="Oppakken")).to_have_count(0)
    _act(page, "In behandeling nemen")
    # The decision has its own page: what was granted is a product row from the catalogue.
    page.get_by_role("link", name="het besluitformulier").click()
    page.get_by_label("Toegekend", exact=True).check()
    row = page.get_by_role("group", name="Product 1")
    row.get_by_label("Product", exact=True).select_option(label="Traplift (WA01, in stuks)")
    row.get_by_label("Vorm", exact=True).select_option(label="Zorg in natura")
    row.get_by_label("Aanbieder (bij zorg in natura)").select_option(label=STANDARD_PROVIDER)
    row.get_by_label("Omvang", exact=True).fill("1")
    row.get_by_label("Ingangsdatum", exact=True).fill("2026-03-16")
    page.get_by_label("Motivering", exact=True).fill("Traplift past bij de vraag.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het besluit is vastgelegd.")
    expect(page.locator("dl.facts").first).to_contain_text("Besluit genomen")
    screenshot(page, "05-aanvraag-besloten")

    cases = db.session.scalars(sa.select(Case).order_by(Case.id)).all()
    assert [(c.case_type, c.state, c.result) for c in cases] == [
        ("vraagverheldering", "doorgezet_domein", "doorgezet_domein"),
        ("wmo_melding", "onderzoek_afgerond", "aanvraag_volgt"),
        ("wmo_aanvraag", "besloten", "toegekend"),
    ]
    assert len({c.intake_id for c in cases}) == 1


def test_team_manager_reassigns_a_case_with_a_reason(
    page: Page, office: Office, factory: Factory
) -> None:
    client = factory.person(office.maastricht, family_name="Peters")
    case = start_case(
        "wmo_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        person=client,
        team=office.wmo,
    )
    assign(case, office.consulent, office.consulent)
    commit()  # the live server reads it in a session of its own
    log_in(page, "teammanager", PASSWORD)
    page.goto(f"/zaken/{case.id}")
    page.get_by_label("Behandelaar", exact=True).select_option(label=office.collega.full_name)
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.locator("#toewijzen-reden-fout")).to_have_text("Reden is verplicht.")
    page.get_by_label("Behandelaar", exact=True).select_option(label=office.collega.full_name)
    page.get_by_label("Reden").fill("Langdurig ziek")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_role("status")).to_contain_text("De zaak is toegewezen.")
    expect(page.locator(".timeline")).to_contain_text("Reden: Langdurig ziek")
    screenshot(page, "06-teammanager-toegewezen")
    db.session.expire_all()
    assert db.session.get_one(Case, case.id).assignee_id == office.collega.id
    assert db.session.scalars(
        sa.select(CaseEvent.reason).where(
            CaseEvent.case_id == case.id, CaseEvent.trigger == "toewijzen"
        )
    ).all() == [None, "Langdurig ziek"]
