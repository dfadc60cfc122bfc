"""The report pages: who may see what, drill-down lists, exports and well-formed HTML."""

import csv
import io
import re

import pytest
import time_machine
from flask.testing import FlaskClient

from caseflow.models import Role
from caseflow.reports.registry import INDICATORS
from tests.factories import Factory
from tests.offices import MakeOffice, Office, login
from tests.reports.helpers import at, decide, wmo
from tests.reports.html_check import problems


@pytest.fixture
def offices(make_office: MakeOffice, travel: time_machine.Traveller) -> tuple[Office, Office]:
    maastricht, vaals = make_office("maastricht"), make_office("vaals")
    at(travel, "2026-03-02 10:00")
    late, in_time, _open = wmo(maastricht), wmo(maastricht, maastricht.bram), wmo(maastricht)
    wmo(vaals)
    at(travel, "2026-03-10 10:00")
    decide(in_time)
    at(travel, "2026-03-20 10:00")
    decide(late)
    return maastricht, vaals


def _page(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    page = response.get_data(as_text=True)
    if status == 200:
        assert problems(page) == [], url
    return page


def test_municipality_reader_sees_only_their_own_municipality(
    client: FlaskClient, factory: Factory, offices: tuple[Office, Office]
) -> None:
    maastricht, vaals = offices
    login(client, factory.user(Role.GEMEENTE, municipalities=[vaals.gemeente]))
    own = _page(
        client, f"/rapportages/gemeenten/{vaals.gemeente.id}/maandrapportage?periode=2026-03"
    )
    assert '<h1 class="utrecht-heading-1">Maandrapportage Vaals, maart 2026</h1>' in own
    other = maastricht.gemeente.id
    _page(client, f"/rapportages/gemeenten/{other}/maandrapportage", 403)
    _page(client, f"/rapportages/gemeenten/{other}/bestuursrapportage", 403)
    _page(client, f"/rapportages/gemeenten/{other}/bestuursrapportage.pdf", 403)
    _page(client, f"/rapportages/indicatoren/tijdigheid?gemeente={other}", 403)
    # Their own indicator page counts only their municipality, and lists no individual cases.
    page = _page(client, "/rapportages/indicatoren/tijdigheid?periode=&groep=gemeente")
    assert "Maastricht" not in page and "Vaals" in page
    assert "/rapportages/indicatoren/tijdigheid/zaken" not in page
    _page(client, "/rapportages/indicatoren/tijdigheid/zaken?m=open_te_laat&periode=", 403)


def test_staff_without_a_report_role_get_403(
    client: FlaskClient, offices: tuple[Office, Office]
) -> None:
    login(client, offices[0].anna)
    _page(client, "/rapportages/", 403)


def test_team_manager_dashboard_numbers_open_lists_of_that_length(
    client: FlaskClient, factory: Factory, offices: tuple[Office, Office]
) -> None:
    maastricht, vaals = offices
    login(client, maastricht.manager)
    page = _page(client, "/rapportages/?periode=2026-03")
    assert '<td class="utrecht-table__cell">Anna (Maastricht)</td>' in page
    assert "Vaals" not in page
    links = re.findall(
        r'<a class="utrecht-link" href="(/rapportages/indicatoren/[a-z_]+/zaken\?[^"]+)"\s+'
        r'aria-label="[^"]*">([\d.]+)</a>',
        page,
    )
    assert len(links) > 10
    for href, shown in links:
        listing = _page(client, href.replace("&amp;", "&"))
        heading = re.search(
            r"<h1 class=\"utrecht-heading-1\">[^<]*: (\d+) (zaak|zaken|termijn|termijnen)</h1>",
            listing,
        )
        assert heading is not None and heading.group(1) == shown, href
        assert len(re.findall(r'<a class="utrecht-link" href="/zaken/\d+">', listing)) == int(
            shown
        ), href
    _page(client, f"/rapportages/?team={vaals.team.id}", 403)


def test_indicator_page_exports_csv_and_xlsx(
    client: FlaskClient, factory: Factory, offices: tuple[Office, Office]
) -> None:
    maastricht, _ = offices
    login(client, maastricht.manager)
    page = _page(client, "/rapportages/indicatoren/tijdigheid?periode=2026-03&groep=consulent")
    assert '<caption class="utrecht-table__caption">Tijdigheid, maart 2026</caption>' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    response = client.get(
        "/rapportages/indicatoren/tijdigheid?periode=2026-03&groep=consulent&formaat=csv"
    )
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["consulent"], r["afgehandeld_tijdig"], r["afgehandeld_te_laat"]) for r in rows] == [
        ("Anna (Maastricht)", "0", "1"),
        ("Bram (Maastricht)", "1", "0"),
    ]
    xlsx = client.get("/rapportages/indicatoren/tijdigheid?periode=2026-03&formaat=xlsx")
    assert xlsx.data[:2] == b"PK"


@pytest.mark.parametrize("code", sorted(INDICATORS))
def test_every_indicator_page_renders_well_formed(
    client: FlaskClient, offices: tuple[Office, Office], code: str
) -> None:
    login(client, offices[0].manager)
    page = _page(client, f"/rapportages/indicatoren/{code}?periode=2026-03")
    assert "Wat telt:" in page


def test_wrong_period_is_named_in_dutch(
    client: FlaskClient, offices: tuple[Office, Office]
) -> None:
    login(client, offices[0].manager)
    page = _page(client, "/rapportages/indicatoren/doorstroom?periode=&groep=maand")
    assert "Kies een begin- en einddatum om per maand of jaar te tellen." in page


def test_bestuursrapportage_html_and_pdf(
    client: FlaskClient, factory: Factory, offices: tuple[Office, Office]
) -> None:
    maastricht, _ = offices
    login(client, factory.user(Role.GEMEENTE, municipalities=[maastricht.gemeente]))
    base = f"/rapportages/gemeenten/{maastricht.gemeente.id}/bestuursrapportage"
    page = _page(client, base + "?periode=2026-T1")
    assert "Bestuursrapportage Maastricht, 1e viermaandsperiode 2026" in page
    assert "Verloop over de jaren" in page
    response = client.get(base + ".pdf?periode=2026-T1")
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
