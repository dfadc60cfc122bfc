"""In a real browser: a consultant decides a Wmo aanvraag, a jurist registers a bezwaar against
it by the case number in the letter, hears nobody on a recorded ground, decides gegrond, and a
new decision case opens for the same client without anything retyped; the indicator of upheld
objections counts it."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from caseflow.extensions import db
from caseflow.models import Case, Role
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, fire, start_case
from tests.browser.conftest import log_in, log_out, screenshot
from tests.factories import PASSWORD, Factory
from tests.offices import Colleague, Office, Resident, Town, build_office

pytestmark = pytest.mark.browser


@pytest.fixture
def office(factory: Factory, live_server: str) -> Office:
    town = Town("maastricht", teams={"wmo": "Team Wmo", "bezwaar": "Team Bezwaar en Beroep"})
    staff = [
        Colleague("consulent", [Role.CONSULENT], ["wmo"], "consulent", "Jeroen Hermans"),
        Colleague("jurist", [Role.JURIST], ["bezwaar"], "jurist", "Eva Pinckaers"),
        Colleague("manager", [Role.TEAMMANAGER], ["wmo", "bezwaar"], "manager", "Petra Vossen"),
    ]
    return build_office(factory, town, staff=staff, client=Resident("Maria", "Smeets"))


def _aanvraag_ready_for_a_decision(office: Office) -> Case:
    consultant = office.consulent
    case = start_case(
        "wmo_aanvraag",
        municipality=office.gemeente,
        actor=consultant,
        person=office.client,
        team=office.wmo,
    )
    assign(case, consultant, consultant)
    fire(case, "oppakken", consultant)
    fire(case, "verslag_vastleggen", consultant, {"verslag": "Trap lukt niet meer."})
    commit()
    return case


def _act(page: Page, label: str, fields: dict[str, str]) -> None:
    actions = page.locator("section.actions")
    actions.locator("summary", has_text=label).click()
    form = actions.locator("details[open] form")
    for field_label, value in fields.items():
        control = form.get_by_label(field_label, exact=False)
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    form.get_by_role("button", name=label).click()
    expect(page.get_by_role("status")).to_contain_text("De actie is uitgevoerd.")


def test_an_upheld_objection_opens_a_new_decision_on_the_same_client(
    page: Page, office: Office
) -> None:
    aanvraag = _aanvraag_ready_for_a_decision(office)

    log_in(page, "consulent", PASSWORD)
    page.goto(f"/zaken/{aanvraag.id}")
    # The decision has its own page (the product rows); a refusal grants none.
    page.locator("section.actions").get_by_role("link", name="het besluitformulier").click()
    page.get_by_label("Afgewezen", exact=True).check()
    page.get_by_label("Motivering", exact=True).fill("Geen medische noodzaak.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het besluit is vastgelegd.")
    expect(page.locator("dl.facts").first).to_contain_text("Besluit genomen (Afgewezen)")
    expect(page.get_by_role("link", name="Bezwaar registreren").last).to_be_visible()
    log_out(page)

    log_in(page, "jurist", PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Bezwaar registreren").click()
    page.get_by_label("Zaaknummer van het besluit").fill(aanvraag.reference)
    page.get_by_role("button", name="Besluit zoeken").click()
    expect(page.get_by_label(re.compile("besluit nemen: afgewezen"))).to_be_checked()
    page.get_by_label("Datum van bekendmaking van het besluit").fill("2026-03-02")
    page.get_by_label("Gronden van het bezwaar").fill("Ik kan echt de trap niet meer op.")
    screenshot(page, "40-bezwaar-registreren")
    page.get_by_role("button", name="Bezwaar registreren").click()
    expect(page.get_by_role("status")).to_contain_text("is geregistreerd (tijdig)")
    contested = page.locator("section", has=page.get_by_role("heading", name="Bestreden besluit"))
    expect(contested).to_contain_text(f"Wmo-aanvraag maatwerkvoorziening {aanvraag.reference}")
    expect(contested).to_contain_text("13-04-2026")  # six weeks after 2 March
    expect(page.locator("dl.facts").first).to_contain_text("Maria Smeets")
    page.get_by_role("button", name="Oppakken").click()
    _act(page, "In behandeling nemen", {})
    _act(
        page,
        "Afzien van horen",
        {"Grond om niet te horen": "De bezwaarmaker ziet af van horen (c)"},
    )
    _act(
        page,
        "Beslissen op bezwaar",
        {"Resultaat": "Gegrond", "Motivering": "De trap is onveilig: opnieuw beslissen."},
    )
    expect(page.locator("dl.facts").first).to_contain_text(
        "Beslissing op bezwaar genomen (Gegrond)"
    )
    screenshot(page, "41-bezwaar-gegrond")
    new_reference = page.locator(".timeline").get_by_role("link", name=re.compile(r"Z-2026-"))
    expect(new_reference.first).to_be_visible()
    log_out(page)

    new = db.session.scalars(
        sa.select(Case).where(Case.case_type == "wmo_aanvraag", Case.id != aanvraag.id)
    ).one()
    assert (new.person_id, new.assignee_id, new.state) == (
        aanvraag.person_id,
        office.consulent.id,
        "ontvangen",
    )

    # The consultant finds the new decision in their own worklist, the client already there.
    log_in(page, "consulent", PASSWORD)
    page.get_by_role("link", name=new.reference).click()
    expect(page.get_by_role("heading", name=re.compile("Wmo-aanvraag"))).to_be_visible()
    expect(page.locator("dl.facts").first).to_contain_text("Maria Smeets")
    expect(page.locator(".timeline")).to_contain_text(
        f"Opnieuw te besluiten in plaats van: {aanvraag.reference}"
    )
    screenshot(page, "42-nieuw-besluit-na-bezwaar")
    log_out(page)

    log_in(page, "manager", PASSWORD)
    page.goto("/rapportages/indicatoren/bezwaren_gegrond?periode=2026-03")
    totals = page.locator("table tfoot, table tr.total").first
    expect(totals).to_contain_text("100,0")
    screenshot(page, "43-indicator-gegronde-bezwaren")
