"""In a real browser: one household, one plan, one director, from the front door to the first
evaluation.

A multi-domain intake goes to the area team of the postcode, the casusoverleg takes it on with a
director, the director makes a plan with two goals and three actions (one opens a Wmo case),
agrees it with the household, and an evaluation re-scores the goals so the progress shows.
"""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, HouseholdDirector, HouseholdPlan
from tests.browser.conftest import log_in, log_out, screenshot
from tests.factories import PASSWORD, Factory
from tests.offices import Office, area_office

pytestmark = pytest.mark.browser


@pytest.fixture
def office(factory: Factory, live_server: str) -> Office:
    return area_office(factory)


def _open(page: Page, summary: str) -> None:
    page.locator("summary", has_text=summary).click()


def _status(page: Page, text: str) -> None:
    expect(page.get_by_role("status").first).to_contain_text(text)


def _front_door_sends_a_household_to_the_area_team(page: Page) -> None:
    log_in(page, "toegang", PASSWORD)
    page.get_by_role("link", name="Nieuwe hulpvraag").click()
    page.get_by_label("Voornamen", exact=True).fill("Anna")
    page.get_by_label("Achternaam", exact=True).fill("Peters")
    page.get_by_label("Dag", exact=True).fill("2")
    page.get_by_label("Maand", exact=True).fill("4")
    page.get_by_label("Jaar", exact=True).fill("1975")
    page.get_by_label("Postcode", exact=True).fill("6212 AB")
    page.get_by_label("De vraag in de woorden van de inwoner", exact=True).fill(
        "De rekeningen stapelen zich op en ik kom de trap niet meer op."
    )
    page.get_by_label("De vraag achter de vraag", exact=True).fill(
        "Rust in de financiën en weer zelf boven kunnen komen."
    )
    page.get_by_label("Financiën", exact=True).select_option("2")
    page.get_by_label("Lichamelijke gezondheid", exact=True).select_option("2")
    page.get_by_label("Vastleggen als huishouden").check()
    page.get_by_label(re.compile("Door naar het integrale gebiedsteam")).check()
    page.get_by_role("button", name="Hulpvraag vastleggen").click()
    _status(page, "De hulpvraag is vastgelegd")
    expect(page.locator("dl.facts").first).to_contain_text("Doorgezet naar het gebiedsteam")
    log_out(page)


def _casusoverleg_takes_it_on(page: Page) -> None:
    log_in(page, "teammanager", PASSWORD)
    page.get_by_role("link", name="Aanmeldingen gebiedsteam").click()
    queue = page.locator("table").first
    expect(queue).to_contain_text("Huishouden Peters")
    expect(queue).to_contain_text("Maastricht Noordwest")
    screenshot(page, "10-aanmeldingen-gebiedsteam")
    queue.locator("a", has_text=re.compile(r"Z-2026-")).click()
    page.get_by_label("Samira El Idrissi").check()
    page.get_by_label("Petra Vossen").check()
    page.get_by_label("Andere deelnemers (niet verplicht)").fill("Wijkverpleegkundige")
    page.get_by_label("Wat is besproken en besloten").fill(
        "Schulden en zorg hangen samen: integraal oppakken, één regisseur."
    )
    page.get_by_label(re.compile("^Oppakken")).check()
    page.get_by_label("Regisseur (bij oppakken)").select_option(label="Samira El Idrissi")
    screenshot(page, "11-casusoverleg")
    page.get_by_role("button", name="Besluit vastleggen").click()
    _status(page, "Regisseur: Samira El Idrissi")
    log_out(page)


def _director_makes_the_plan(page: Page) -> None:
    log_in(page, "regisseur", PASSWORD)
    page.get_by_role("link", name="Regie", exact=True).click()
    page.get_by_role("link", name="Huishouden Peters").click()
    page.get_by_label(re.compile("Wat wil het huishouden bereiken")).fill(
        "We willen weer rust: geen brieven van deurwaarders en Anna kan zelf naar boven."
    )
    page.get_by_role("button", name="Gezinsplan starten").click()
    _status(page, "Het gezinsplan is gestart")

    for domain, wording, start, target in (
        ("Financiën", "Rekeningen weer zelf op tijd betalen", "2", "4"),
        ("Lichamelijke gezondheid", "Zelf de trap op naar de slaapkamer", "2", "3"),
    ):
        _open(page, "Doel toevoegen")
        page.get_by_label("Leefgebied", exact=True).select_option(label=domain)
        page.get_by_label("Het doel in de woorden van het huishouden").fill(wording)
        page.get_by_label("Score nu", exact=True).select_option(start)
        page.get_by_label("Streefscore", exact=True).select_option(target)
        page.get_by_role("button", name="Doel opslaan").click()
        _status(page, "Het doel is toegevoegd")

    due = (clock.today() + timedelta(days=28)).isoformat()
    money = "Financiën: Rekeningen weer zelf op tijd betalen"
    health = "Lichamelijke gezondheid: Zelf de trap op naar de slaapkamer"
    for goal, what, owner, (label, value) in (
        (
            money,
            "Samen een budgetplan maken",
            "Een medewerker",
            ("Medewerker", "Samira El Idrissi"),
        ),
        (money, "Schuldhulpmaatje koppelen", "Een externe partner", ("Of: naam", "Humanitas")),
        (health, "Traplift onderzoeken", "Een nieuwe zaak bij een domein", ("Domein", "Wmo")),
    ):
        _open(page, "Actie toevoegen")
        page.get_by_label("Bij doel").select_option(label=goal)
        page.get_by_label("Wat gebeurt er?").fill(what)
        page.get_by_label("Klaar op").fill(due)
        page.get_by_label(owner, exact=True).check()
        control = page.get_by_label(re.compile(f"^{label}"))
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
        page.get_by_role("button", name="Actie opslaan").click()
        _status(page, "De actie is toegevoegd")
    expect(page.locator("#acties table")).to_contain_text("Wmo-melding")
    screenshot(page, "12-gezinsplan-concept")

    page.get_by_label("Datum van het akkoord").fill(clock.today().isoformat())
    page.get_by_label("Hoe gaf het huishouden akkoord?").select_option("gesprek_thuis")
    page.locator("#akkoord").get_by_label("Anna Peters").check()
    page.get_by_label("Eerste evaluatie op").fill((clock.today() + timedelta(weeks=12)).isoformat())
    page.get_by_role("button", name="Akkoord vastleggen").click()
    _status(page, "afgestemd met het huishouden")
    page.get_by_role("button", name="Uitvoering starten").click()
    _status(page, "De uitvoering van het plan is gestart")

    page.get_by_role("link", name="Plan afdrukken voor het huishouden").click()
    expect(page.get_by_role("heading", name="Ons plan")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Geld en rekeningen")
    page.emulate_media(media="print")
    screenshot(page, "13-gezinsplan-afdruk")
    page.emulate_media(media="screen")
    page.go_back()


def _evaluation_rescores_the_goals(page: Page) -> None:
    page.get_by_label(re.compile("^Financiën: Rekeningen")).select_option("3")
    page.get_by_label(re.compile("^Lichamelijke gezondheid: Zelf de trap")).select_option("3")
    page.get_by_label("Wat is er veranderd?").fill(
        "Budgetplan staat; de traplift is aangevraagd en Anna slaapt weer boven."
    )
    page.get_by_label("Plan voortzetten zoals het is").check()
    page.get_by_label("Volgende evaluatie op").fill(
        (clock.today() + timedelta(weeks=8)).isoformat()
    )
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    _status(page, "De evaluatie is vastgelegd")
    goals = page.locator("#doelen table")
    expect(goals.locator("tr", has_text="Financiën")).to_contain_text("2 → 3 (doel 4)")
    expect(goals.locator("tr", has_text="Financiën")).to_contain_text("50% van de weg")
    expect(goals.locator("tr", has_text="Lichamelijke gezondheid")).to_contain_text(
        "100% van de weg"
    )
    screenshot(page, "14-gezinsplan-na-evaluatie")


def test_multi_domain_household_gets_one_director_and_one_plan_that_shows_progress(
    page: Page, office: Office
) -> None:
    _front_door_sends_a_household_to_the_area_team(page)
    registration = db.session.scalars(sa.select(Case).where(Case.case_type == "gebiedsteam")).one()
    assert registration.team_id == office.team_noordwest.id  # 6212 lies in Noordwest

    _casusoverleg_takes_it_on(page)
    _director_makes_the_plan(page)
    wmo = db.session.scalars(sa.select(Case).where(Case.case_type == "wmo_melding")).one()
    assert (wmo.team_id, wmo.household_id) == (office.wmo.id, registration.household_id)

    # The Wmo consultant sees which goal of the plan the new melding serves.
    log_out(page)
    log_in(page, "consulent", PASSWORD)
    page.goto(f"/zaken/{wmo.id}")
    expect(page.locator("#kop-regie + ul")).to_contain_text(
        "Hoort bij het gezinsplan, doel Lichamelijke gezondheid"
    )
    log_out(page)

    log_in(page, "regisseur", PASSWORD)
    plan = db.session.scalars(sa.select(HouseholdPlan)).one()
    page.goto(f"/plannen/{plan.id}")
    _evaluation_rescores_the_goals(page)

    db.session.expire_all()
    plan = db.session.scalars(sa.select(HouseholdPlan)).one()
    directors = db.session.scalars(sa.select(HouseholdDirector)).all()
    assert [(d.director_id, d.ended_at) for d in directors] == [(office.regisseur.id, None)]
    assert plan.case.state == "in_uitvoering"
    assert [(g.start_score, g.current_score, g.target_score) for g in plan.goals] == [
        (2, 3, 4),
        (2, 3, 3),
    ]
    assert len(plan.actions) == 3 and plan.goals[1].cases == [wmo]
    registration = db.session.get_one(Case, registration.id)
    assert (registration.state, registration.result) == ("afgesloten", "gezinsplan")
