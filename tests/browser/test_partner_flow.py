"""In a real browser: co-creation with a partner.

The director adds a partner and two children to the household, records the household's consent
for the Kredietbank on finances and gives the Kredietbank an action. The Kredietbank's employee
logs in, sees only that action and updates it. The household withdraws its consent; the same
employee is refused from then on, and the refusal is in the processing log.
"""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import AccessLog, HouseholdMember, HouseholdPlan, PlanAction, User
from caseflow.unit_of_work import commit
from tests.browser.conftest import log_in, log_out, screenshot
from tests.factories import PASSWORD, Factory
from tests.offices import Office, area_office
from tests.plans.helpers import concept_plan, partner

pytestmark = pytest.mark.browser


@pytest.fixture
def office(factory: Factory, live_server: str) -> Office:
    return area_office(factory)


@pytest.fixture
def plan(office: Office) -> HouseholdPlan:
    """Huishouden Peters with a concept plan (finances and health), and the Kredietbank."""
    made = concept_plan(office)
    partner(office)
    commit()
    return made


def _status(page: Page, text: str) -> None:
    expect(page.get_by_role("status").first).to_contain_text(text)


def _director_adds_a_partner_and_two_children(page: Page, plan: HouseholdPlan) -> None:
    log_in(page, "regisseur", PASSWORD)
    page.goto(f"/regie/huishoudens/{plan.household_id}")
    page.locator("summary", has_text="Lid toevoegen").click()
    page.get_by_label(re.compile("Zoek eerst of de persoon al bekend is")).fill("Kees Peters")
    page.locator("#lid-toevoegen").get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status").first).to_contain_text("Niemand gevonden")
    for given, relation, since, born in (
        ("Kees", "Partner", "2026-01-01", "1973-08-30"),
        ("Daan", "Kind", "2012-01-15", "2012-01-15"),
        ("Noor", "Kind", "2015-06-01", "2015-06-01"),
    ):
        if not page.locator("#lid-toevoegen[open]").count():
            page.locator("summary", has_text="Lid toevoegen").click()
        form = page.locator("#lid-toevoegen")
        form.get_by_label("Hoort bij het huishouden als").select_option(label=relation)
        form.get_by_label("Hoort erbij sinds").fill(since)
        form.get_by_label("Voornamen").fill(given)
        form.get_by_label("Achternaam").fill("Peters")
        form.get_by_label("Geboortedatum (niet verplicht)").fill(born)
        expect(form.get_by_label("Doet ook mee aan het gezinsplan")).to_be_checked()
        form.get_by_role("button", name="Lid toevoegen").click()
        _status(page, f"{given} Peters hoort nu bij Huishouden Peters")
    members = page.locator("table", has_text="Leden van Huishouden Peters nu")
    for text in ("Anna Peters", "Kees Peters", "Daan Peters", "Noor Peters", "Partner", "Kind"):
        expect(members).to_contain_text(text)
    screenshot(page, "20-huishouden-met-leden")


def _director_records_consent_and_gives_the_kredietbank_an_action(
    page: Page, plan: HouseholdPlan
) -> None:
    page.goto(f"/plannen/{plan.id}")
    page.locator("summary", has_text="Toestemming vastleggen").click()
    consent = page.locator("form[action$='/toestemmingen']")
    consent.get_by_label("Met welke partner mag het team delen?").select_option(
        label="Kredietbank Limburg"
    )
    consent.get_by_label("Financiën", exact=True).check()
    consent.get_by_label(re.compile("Welke informatie mag gedeeld worden")).fill(
        "Inkomen, vaste lasten en het overzicht van schulden"
    )
    consent.get_by_label("Schriftelijk: ondertekend door het huishouden").check()
    consent.get_by_label("Anna Peters").check()
    consent.get_by_label("Kees Peters").check()
    consent.get_by_role("button", name="Toestemming vastleggen").click()
    _status(page, "De toestemming voor Kredietbank Limburg is vastgelegd")
    expect(page.locator("#toestemming table")).to_contain_text("Kredietbank Limburg")

    page.locator("summary", has_text="Actie toevoegen").click()
    page.get_by_label("Bij doel").select_option(label="Financiën: Rekeningen op tijd betalen")
    page.get_by_label("Wat gebeurt er?").fill("Budgetbeheer starten en schulden ordenen")
    page.get_by_label("Klaar op").fill((clock.today() + timedelta(days=21)).isoformat())
    page.get_by_label("Een externe partner", exact=True).check()
    page.get_by_label("Partnerorganisatie", exact=True).select_option(label="Kredietbank Limburg")
    page.get_by_role("button", name="Actie opslaan").click()
    _status(page, "De actie is toegevoegd")
    expect(page.locator("#acties table")).to_contain_text("Kredietbank Limburg")
    screenshot(page, "21-gezinsplan-met-toestemming")
    log_out(page)


def _kredietbank_sees_only_its_action_and_updates_it(page: Page) -> None:
    log_in(page, "kbl", PASSWORD)
    expect(page).to_have_url(re.compile(r"/partner/$"))
    actions = page.locator("table", has_text="Acties voor Kredietbank Limburg")
    expect(actions.locator("tbody tr")).to_have_count(1)
    expect(actions).to_contain_text("Budgetbeheer starten en schulden ordenen")
    expect(page.locator("body")).not_to_contain_text("Schuldhulpmaatje")  # Humanitas's action
    expect(page.locator("body")).not_to_contain_text("Traplift")  # another domain's action
    expect(page.get_by_role("navigation", name="Hoofdmenu")).not_to_contain_text("werkvoorraad")
    screenshot(page, "22-partner-acties")
    actions.get_by_role("link", name="Budgetbeheer starten en schulden ordenen").click()
    page.get_by_label("Hoe staat de actie?").select_option(label="Bezig")
    page.get_by_label(re.compile("Korte notitie voor de regisseur")).fill(
        "Intakegesprek gehad; budgetplan volgt binnen twee weken."
    )
    page.get_by_role("button", name="Opslaan").click()
    _status(page, "De actie staat nu op: Bezig")
    expect(page.locator("body")).to_contain_text("Intakegesprek gehad")
    screenshot(page, "23-partner-actie-bijgewerkt")
    log_out(page)


def _household_withdraws_consent(page: Page, plan: HouseholdPlan) -> None:
    log_in(page, "regisseur", PASSWORD)
    page.goto(f"/plannen/{plan.id}")
    expect(page.locator("#acties table")).to_contain_text(
        "Kredietbank Limburg: Intakegesprek gehad; budgetplan volgt binnen twee weken."
    )
    page.locator("summary", has_text="Toestemming intrekken").click()
    page.get_by_label("Toelichting (niet verplicht)").last.fill("Het gezin wil het zelf doen.")
    page.get_by_role("button", name=re.compile("^Intrekken")).click()
    _status(page, "De toestemming voor Kredietbank Limburg is ingetrokken")
    expect(page.locator("#toestemming table")).to_contain_text("Ingetrokken")
    screenshot(page, "24-toestemming-ingetrokken")
    log_out(page)


def test_a_partner_works_on_its_action_until_the_household_withdraws_consent(
    page: Page, office: Office, plan: HouseholdPlan
) -> None:
    _director_adds_a_partner_and_two_children(page, plan)
    db.session.expire_all()
    members = db.session.scalars(
        sa.select(HouseholdMember).where(HouseholdMember.household_id == plan.household_id)
    ).all()
    assert sorted(m.relation for m in members) == ["aanvrager", "kind", "kind", "partner"]

    _director_records_consent_and_gives_the_kredietbank_an_action(page, plan)
    action = db.session.scalars(
        sa.select(PlanAction).where(PlanAction.partner_organisation_id.is_not(None))
    ).one()

    _kredietbank_sees_only_its_action_and_updates_it(page)
    db.session.expire_all()
    assert db.session.get_one(PlanAction, action.id).state == "bezig"

    _household_withdraws_consent(page, plan)
    log_in(page, "kbl", PASSWORD)
    expect(page.locator("body")).to_contain_text("Er zijn nu geen acties voor uw organisatie")
    response = page.goto(f"/partner/acties/{action.id}")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
    screenshot(page, "25-partner-geweigerd")

    db.session.expire_all()
    partner_id = db.session.scalars(sa.select(User.id).where(User.username == "kbl")).one()
    rows = db.session.scalars(
        sa.select(AccessLog).where(AccessLog.actor_id == partner_id).order_by(AccessLog.id)
    ).all()
    assert [(r.action, r.result) for r in rows][-1] == ("view", "denied")
    assert rows[-1].case_id == plan.case_id
    assert rows[-1].purpose == "actie bekijken: geen toestemming (meer)"
    seen = [r.purpose for r in rows if r.result == "ok"]
    assert "actie bijwerken door Kredietbank Limburg, toestemming van 02-03-2026" in seen
