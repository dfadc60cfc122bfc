"""In a real browser: the public survey page, reached by a single-use link without logging in,
answered once (a second use is refused in Dutch), with no accessibility violation axe can find."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from caseflow.extensions import db
from caseflow.models import SurveyInvitation, SurveyResponse
from caseflow.survey.invitations import invite
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, fire, start_case
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import Factory
from tests.offices import Office, wmo_office

pytestmark = pytest.mark.browser


@pytest.fixture
def office(factory: Factory, live_server: str) -> Office:
    return wmo_office(factory)


@pytest.fixture
def token(office: Office) -> str:
    anna = office.anna
    case = start_case(
        "wmo_aanvraag",
        municipality=office.gemeente,
        actor=anna,
        person=office.client,
        team=office.team,
    )
    assign(case, anna, anna)
    fire(case, "oppakken", anna)
    fire(case, "verslag_vastleggen", anna, {"verslag": "Gesprek gevoerd."})
    fire(case, "besluiten", anna, {"resultaat": "afgewezen", "motivering": "Voorliggend veld."})
    made = invite(case)
    commit()
    assert made is not None
    return made


def test_the_public_survey_is_answered_once_without_login_and_axe_clean(
    page: Page, token: str
) -> None:
    page.goto(f"/waardering/{token}")
    expect(page.get_by_role("heading", name="Wat vond u van onze hulp?")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)  # nobody logged in
    assert_accessible(page)

    # Sent without the two numbers: the errors say so, and are accessible too.
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("#foutmeldingen")).to_contain_text("Kies een cijfer van 1 tot en met 10.")
    assert_accessible(page)

    page.get_by_role("group", name="Welk cijfer geeft u ons?").get_by_label("8", exact=True).check()
    page.get_by_role("group", name="Zou u ons aanraden").get_by_label("9", exact=True).check()
    page.get_by_role("group", name="Werd u vriendelijk en met respect behandeld?").get_by_label(
        "Ja", exact=True
    ).check()
    page.get_by_label("Wilt u nog iets tegen ons zeggen?").fill("Snel geholpen, dank u.")
    screenshot(page, "50-clientwaardering-ingevuld")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", name="Bedankt")).to_be_visible()
    assert_accessible(page)

    # The same link a second time: refused in Dutch, nothing counted twice.
    page.goto(f"/waardering/{token}")
    expect(page.get_by_role("heading", name="Deze vragenlijst is al gebruikt")).to_be_visible()
    expect(page.locator("main")).to_contain_text("U kunt de vragenlijst maar één keer invullen.")
    screenshot(page, "51-clientwaardering-al-gebruikt")
    assert_accessible(page)

    answer = db.session.scalars(sa.select(SurveyResponse)).one()
    assert (answer.grade, answer.recommendation, answer.remark) == (
        8,
        9,
        "Snel geholpen, dank u.",
    )
    invitation = db.session.scalars(sa.select(SurveyInvitation)).one()
    assert (invitation.used, invitation.person_id) == (True, None)
