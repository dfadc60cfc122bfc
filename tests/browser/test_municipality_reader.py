"""In a real browser, the demo's municipality reader (the Maastricht raadsgriffie) after the quality
officer has issued the bestuursrapportage and a correction of it: the reader finds the issued
versions, reads the correction and the figures per team, opens the live report, and nowhere
sees the name of a colleague who handles cases, nor a way to write or issue the report."""

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from caseflow import clock
from caseflow.demo import DEMO_PASSWORD, seed
from caseflow.extensions import db
from caseflow.models import Municipality, User
from caseflow.permissions import HANDLE_CASES
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period
from caseflow.reports.registry import indicator
from tests.browser.conftest import assert_accessible, log_in, log_out, screenshot

pytestmark = pytest.mark.browser

TITLE = "Bestuursrapportage Maastricht, 3e viermaandsperiode 2025 (september–december)"
# The previous tertial on the demo's Monday 2 March 2026: the live report's default period.
LIVE = "/rapportages/gemeenten/{id}/bestuursrapportage?periode=2025-T3"
WRITING = re.compile(r"uitgeven|toelichting .*schrijven|handmatige cijfers", re.IGNORECASE)


@pytest.fixture
def maastricht(app: Flask, live_server: str) -> Municipality:
    seed()
    db.session.commit()
    return db.session.scalars(
        sa.select(Municipality).where(Municipality.code == "maastricht")
    ).one()


@pytest.fixture
def consultants(maastricht: Municipality) -> list[str]:
    """The full names of everyone who handles Maastricht's cases."""
    users = db.session.scalars(sa.select(User)).all()
    names = [u.full_name for u in users if u.may(HANDLE_CASES) and maastricht in u.municipalities]
    assert len(names) >= 10
    return names


@pytest.fixture
def teams(maastricht: Municipality) -> list[str]:
    """The teams with legal terms in Maastricht's third tertial of 2025: the rows per team."""
    tertial = ReportFilter(
        today=clock.today(), period=Period.parse("2025-T3"), municipality_ids=(maastricht.id,)
    )
    names = [row.labels[0] for row in indicator("tijdigheid").run(tertial, ["team"]).rows]
    assert len(names) >= 2
    return names


def _issue_and_correct(page: Page, maastricht: Municipality) -> None:
    """The quality officer issues the tertial report, fills in a hand-entered DVO figure and
    issues the correction as version 2."""
    log_in(page, "kwaliteit", DEMO_PASSWORD)
    page.goto(LIVE.format(id=maastricht.id))
    expect(
        page.get_by_role("link", name="Toelichting en speciale opdrachten schrijven")
    ).to_be_visible()
    page.get_by_role("link", name="Deze rapportage uitgeven").click()
    page.get_by_role("button", name="Uitgeven", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("is uitgegeven als versie 1")
    page.goto(LIVE.format(id=maastricht.id))
    page.get_by_role("link", name="Handmatige cijfers invullen").click()
    page.get_by_label("vastgestelde fraudevorderingen", exact=True).fill("12500")
    page.get_by_role("button", name="Cijfers opslaan").click()
    page.get_by_role("link", name="Deze rapportage uitgeven").click()
    page.get_by_label("Reden van de correctie").fill("De fraudevorderingen van 2025 zijn bekend.")
    page.get_by_role("button", name="Uitgeven als versie 2").click()
    expect(page.get_by_role("status")).to_contain_text("is uitgegeven als versie 2")
    log_out(page)


def _no_names(text: str, names: list[str], where: str) -> None:
    shown = [name for name in names if name in text]
    assert shown == [], f"{where} names {shown}"


def _teams_per_figure(page: Page, teams: list[str]) -> None:
    table = page.get_by_role("table", name=re.compile(r"^Tijdigheid per team"))
    for team in teams:
        expect(table).to_contain_text(team)


def test_the_municipality_reads_issued_versions_and_the_live_report_per_team_never_per_person(
    page: Page, maastricht: Municipality, consultants: list[str], teams: list[str]
) -> None:
    _issue_and_correct(page, maastricht)

    log_in(page, "gemeente", DEMO_PASSWORD)
    page.get_by_role("link", name="Rapportages").click()
    expect(page.get_by_role("heading", name="Rapportages", exact=True)).to_be_visible()
    expect(page.get_by_role("table", name="Open zaken per team")).to_contain_text("Team Wmo")
    _no_names(page.content(), consultants, "the dashboard")

    page.get_by_role("link", name="uitgegeven rapportages").click()
    issued = page.get_by_role("table", name=re.compile("Uitgegeven rapportages"))
    expect(issued.get_by_role("link", name=TITLE)).to_have_count(2)
    _no_names(page.content(), consultants, "the list of issued reports")
    assert_accessible(page)

    issued.get_by_role("link", name=TITLE).first.click()  # the newest version first
    mark = page.locator(".issued-mark")
    expect(mark).to_contain_text("Uitgegeven versie 2")
    expect(mark).to_contain_text("Reden: De fraudevorderingen van 2025 zijn bekend.")
    changes = page.get_by_role("table", name="Gewijzigde cijfers en teksten")
    expect(
        changes.get_by_role("row", name=re.compile("vastgestelde fraudevorderingen"))
    ).to_contain_text("€ 12.500")
    _teams_per_figure(page, teams)
    _no_names(page.content(), consultants, "the issued report")
    expect(page.get_by_role("link", name=WRITING)).to_have_count(0)
    screenshot(page, "60-gemeente-uitgegeven-bestuursrapportage")
    assert_accessible(page)
    # Through the browser: the API client would drop the session cookie, whose expiry is set
    # by the server's travelled clock.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de pdf").click()
    text = "".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert "versie 2" in text
    _no_names(text, consultants, "the issued PDF")

    page.get_by_role("link", name="« Uitgegeven rapportages Maastricht").click()
    page.get_by_role("link", name="« Rapportages").click()
    page.get_by_role("link", name="bestuursrapportage", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    _teams_per_figure(page, teams)
    _no_names(page.content(), consultants, "the live report")
    expect(page.get_by_role("link", name=WRITING)).to_have_count(0)
    screenshot(page, "61-gemeente-bestuursrapportage-live")
    assert_accessible(page)
