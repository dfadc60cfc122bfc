"""The demo's Maastricht, read as its quality officer and its team manager read it: tijdigheid shows
the share of open terms already late next to the closed ones, and every number on the page opens
a list of exactly that many terms or cases."""

import re

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.demo import DEMO_PASSWORD, seed
from caseflow.extensions import db
from caseflow.models import Municipality, User
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period
from caseflow.reports.registry import indicator
from caseflow.scope.reports import scope_for
from tests.markup import H1, LINK

LINK = re.compile(
    rf'<a {LINK} href="(/rapportages/indicatoren/[a-z_]+/zaken\?[^"]+)"'
    r'\s+aria-label="[^"]*">([\d.]+)</a>'
)
HEADING = re.compile(
    rf"<h1 {H1}>[^<]*: "
    r"(\d+) (?:zaak|zaken|termijn|termijnen|bezwaarschrift|bezwaarschriften"
    r"|overdracht|overdrachten|keten|ketens|voorziening|voorzieningen|uitkering|uitkeringen"
    r"|aanvraag|aanvragen|klacht|klachten|toetspunt|toetspunten)</h1>"
)
HIDDEN = re.compile(
    r'<p class="utrecht-paragraph meta" id="niet-zichtbaar">'
    r"U ziet er hieronder (\d+)\. De andere (\d+)"
)
PERIOD = "2026-T1"  # January to April: the demo's cases of the last 75 days and their terms


@pytest.fixture
def demo(app: Flask, travel: time_machine.Traveller) -> Municipality:
    seed()
    db.session.commit()
    return db.session.scalars(
        sa.select(Municipality).where(Municipality.code == "maastricht")
    ).one()


def _login(client: FlaskClient, username: str) -> User:
    response = client.post("/login", data={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return db.session.scalars(sa.select(User).where(User.username == username)).one()


def _text(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _listed(client: FlaskClient, href: str) -> tuple[int, int, int]:
    """From a list behind a number: the count in its heading, the rows on all its pages, and
    how many it says the reader may not open."""
    first = _text(client, href)
    heading = HEADING.search(first)
    assert heading is not None, href
    hidden = HIDDEN.search(first)
    rows, page, text = 0, 1, first
    while True:
        rows += len(re.findall(r'<a class="utrecht-link" href="/zaken/\d+">', text))
        if f"pagina={page + 1}" not in text:
            break
        page += 1
        text = _text(client, f"{href}&pagina={page}")
    return int(heading.group(1)), rows, int(hidden.group(2)) if hidden else 0


def _check_every_number(
    client: FlaskClient, page: str, expected_links: int
) -> tuple[dict[str, int], int]:
    """Open every linked number. Returns the totals shown per measure and how many rows behind
    them the reader may not open."""
    links = LINK.findall(page)
    assert len(links) == expected_links
    totals: dict[str, int] = {}
    not_open = 0
    for raw, shown in links:
        href = raw.replace("&amp;", "&")
        counted, rows, hidden = _listed(client, href)
        assert counted == int(shown), href
        assert rows + hidden == counted, href
        not_open += hidden
        if "g." not in href:
            totals[re.search(r"[?&]m=([a-z_]+)", href).group(1)] = int(shown)  # type: ignore[union-attr]
    return totals, not_open


def _linked_numbers(reader: User, maastricht: Municipality) -> tuple[int, dict[str, object]]:
    """How many numbers the page links (its non-zero counts) and its total row, computed here."""
    tijdigheid = indicator("tijdigheid")
    f = scope_for(reader).apply(
        ReportFilter(
            today=clock.today(), period=Period.parse(PERIOD), municipality_ids=(maastricht.id,)
        )
    )
    result = tijdigheid.run(f, ["zaaktype"])
    counts = [m.key for m in tijdigheid.measures if m.drill]
    linked = sum(1 for row in [*result.rows, result.total] for key in counts if row.values[key])
    return linked, dict(result.total.values)


@pytest.mark.parametrize(
    ("username", "involved_only"), [("kwaliteit", True), ("teammanager", False)]
)
def test_tijdigheid_for_maastricht_shows_the_late_open_terms_and_adds_up_to_its_lists(
    client: FlaskClient, demo: Municipality, username: str, involved_only: bool
) -> None:
    reader = _login(client, username)
    page = _text(client, f"/rapportages/indicatoren/tijdigheid?gemeente={demo.id}&periode={PERIOD}")
    linked, total = _linked_numbers(reader, demo)
    assert "Open, al te laat (%)" in page
    assert "Tijdig, lopende termijnen meegeteld (%): <strong>" in page
    assert "open te laat / alle open termijnen" in page  # the definition names both parts
    # The demo has legal terms running late: the closed share alone would flatter Maastricht.
    assert isinstance(total["open_te_laat"], int) and total["open_te_laat"] > 0
    assert total["percentage_tijdig_met_lopend"] < total["percentage_tijdig"]  # type: ignore[operator]
    shown, not_open = _check_every_number(client, page, linked)
    assert shown == {
        key: total[key]
        for key in ("afgehandeld_tijdig", "afgehandeld_te_laat", "open_tijdig", "open_te_laat")
        if total[key]
    }
    # The quality officer counts Jeugd and schuldhulp terms too but opens only cases they are
    # involved in: those lists say how many they may not open instead of silently being shorter.
    # The team manager counts their own teams' terms and opens every one of them.
    assert (not_open > 0) is involved_only


def test_the_monthly_report_for_maastricht_links_every_count_to_its_list(
    client: FlaskClient, demo: Municipality
) -> None:
    _login(client, "kwaliteit")
    page = _text(client, f"/rapportages/gemeenten/{demo.id}/maandrapportage?periode=2026-02")
    assert "Tijdig, lopende termijnen meegeteld (%)" in page
    links = LINK.findall(page)
    assert {re.search(r"/indicatoren/([a-z_]+)/", href).group(1) for href, _ in links} >= {  # type: ignore[union-attr]
        "tijdigheid",
        "doorstroom",
        "werkvoorraad",
    }
    for raw, shown in links:
        href = raw.replace("&amp;", "&")
        counted, rows, hidden = _listed(client, href)
        assert (counted, rows + hidden) == (int(shown), int(shown)), href
