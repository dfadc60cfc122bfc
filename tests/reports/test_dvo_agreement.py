"""The service agreement as data: the seeds' DVO rows load into the demo, every computed figure
is set against its norm, the hand-entered ones wait to be filled in, and the file round-trips."""

import csv
import io
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow.demo import DEMO_PASSWORD, seed
from caseflow.demo.agreement import AGREEMENT_FILE
from caseflow.extensions import db
from caseflow.models import DvoIndicator, Municipality, Norm, NormKind, Role
from caseflow.reports.norm_admin import import_csv
from tests.factories import Factory
from tests.markup import CELL, REPORT_NUMBER_CELL, ROW_HEADER
from tests.offices import MakeOffice, login

KEY = ("gemeente", "indicator", "zaaktype", "jaar", "soort", "waarde")
ROW = re.compile(
    rf'<tr class="utrecht-table__row">\s*<th {ROW_HEADER}>'
    r"(?P<label>[^<]+?)(?: <span class=\"source\">handmatig</span>)?</th>"
    rf"\s*<td {CELL}>[^<]*</td>\s*<td {CELL}>(?:Norm|Raming)</td>"
    rf"\s*<td {REPORT_NUMBER_CELL}>(?P<norm>[^<]+)</td>"
    rf"\s*<td {REPORT_NUMBER_CELL}>(?P<actual>[^<]+)</td>"
    rf"\s*<td {REPORT_NUMBER_CELL}>(?P<deviation>[^<]+)</td>"
    rf"\s*<td {CELL}>(?P<legend>.*?)</td>\s*</tr>",
    re.DOTALL,
)


@pytest.fixture
def demo(app: Flask, travel: time_machine.Traveller) -> Municipality:
    seed()
    db.session.commit()
    return db.session.scalars(
        sa.select(Municipality).where(Municipality.code == "maastricht")
    ).one()


def _key(row: dict[str, str]) -> tuple[object, ...]:
    return (*(row[k] for k in KEY[:-1]), Decimal(row["waarde"]))


def _login(client: FlaskClient, username: str) -> None:
    response = client.post("/login", data={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_the_demo_tertial_report_sets_the_dvo_against_what_happened(
    client: FlaskClient, demo: Municipality
) -> None:
    _login(client, "kwaliteit")
    page = client.get(f"/rapportages/gemeenten/{demo.id}/bestuursrapportage").get_data(as_text=True)
    assert "Bestuursrapportage Maastricht, 3e viermaandsperiode 2025" in page
    table = page[page.index('id="normen"') : page.index("</table>", page.index('id="normen"'))]
    rows = [m.groupdict() for m in ROW.finditer(table)]
    measured = [r for r in rows if r["deviation"].strip() != "–"]
    assert len(measured) >= 10, [r["label"] for r in measured]
    waiting = [r for r in rows if "Nog in te vullen" in r["legend"]]
    hand = db.session.scalar(sa.select(sa.func.count()).select_from(DvoIndicator))
    assert hand and len(waiting) >= 10
    assert all(r["actual"].strip() == "–" for r in waiting)
    labels = {r["label"].strip() for r in waiting}
    assert "aantal afgehandelde fraudeonderzoeken" in labels
    # The 2019 agreement continues into 2025: its norms, not its one-year ramingen.
    continued = db.session.scalars(
        sa.select(Norm).where(Norm.municipality_id == demo.id, Norm.year == 2025)
    ).all()
    assert {n.indicator for n in continued} >= {
        "preventiequote",
        "bezwaren_gegrond",
        "themacontroles",
    }
    # 2019 set a new bijzondere bijstand norm: 2018's share of all requests is not continued.
    assert not [n for n in continued if n.indicator == "toekenning" and "voortgezet" in n.source]
    by_code = {n.indicator: n for n in continued}
    assert (
        by_code["preventiequote"].source == "DVO Participatiewet SZMH 2019, ongewijzigd voortgezet"
    )
    assert by_code["uitkeringen"].kind == NormKind.RAMING
    assert by_code["uitkeringen"].source == "MER-dashboard (demo)"


def test_the_agreement_downloads_in_the_columns_it_was_loaded_from(
    client: FlaskClient, demo: Municipality
) -> None:
    _login(client, "beheerder")
    response = client.get("/rapportages/normen/dvo.csv?jaar=2019")
    assert response.status_code == 200
    exported = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    with AGREEMENT_FILE.open(encoding="utf-8") as shipped_file:
        shipped = [r for r in csv.DictReader(shipped_file, delimiter=";") if r["jaar"] == "2019"]
    assert sorted(_key(r) for r in exported) == sorted(_key(r) for r in shipped)
    described = {r["indicator"]: r["omschrijving"] for r in exported if r["herkomst"] == "hand"}
    assert described["fraudeonderzoeken"] == "aantal afgehandelde fraudeonderzoeken"


def test_a_wrong_row_in_an_agreement_saves_nothing_and_names_its_line(
    app: Flask, make_office: MakeOffice
) -> None:
    office = make_office("maastricht")
    text = (
        "gemeente;indicator;omschrijving;onderdeel;eenheid;richting;herkomst;jaar;waarde\n"
        "maastricht;verzuim;Verzuim;Bedrijfsvoering;procent;lager;hand;2026;5,5\n"
        "maastricht;boetes;Opgelegde boetes;Handhaving;stuks;;hand;2026;40\n"
        "maastricht;themacontroles;;Handhaving;aantal;;hand;2026;1\n"
    )
    result = import_csv(text, [office.gemeente], None)
    assert result.errors == [
        "Regel 3: eenheid 'stuks' moet een van procent, aantal, euro, gemiddelde, dagen zijn.",
        "Regel 4: indicator 'themacontroles' heeft geen omschrijving.",
    ]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DvoIndicator)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Norm)) == 0


def test_an_agreement_round_trips_through_excel(
    client: FlaskClient, factory: Factory, make_office: MakeOffice
) -> None:
    office = make_office("maastricht")
    text = (
        "gemeente;indicator;omschrijving;definitie;onderdeel;eenheid;richting;herkomst;zaaktype;"
        "jaar;soort;waarde;bron\n"
        "maastricht;fraudevorderingen_geind;geïnde fraudevorderingen;;Handhaving;euro;hoger;hand;;"
        "2026;norm;350000;DVO 2026\n"
        "maastricht;toekenning;;;;;;caseflow;bijzondere_bijstand;2026;norm;70;DVO 2026\n"
        "maastricht;clientwaardering;;;;;;caseflow;;2026;norm;7,0;DVO 2026\n"
    )
    assert import_csv(text, [office.gemeente], None).errors == []
    db.session.commit()
    login(client, factory.user(Role.BEHEERDER, municipalities=[office.gemeente]))
    workbook = client.get("/rapportages/normen/dvo.xlsx?jaar=2026")
    assert workbook.status_code == 200
    before = _norms()
    db.session.execute(sa.delete(Norm))
    db.session.execute(sa.delete(DvoIndicator))
    db.session.commit()
    page = client.get("/rapportages/normen").get_data(as_text=True)
    token = re.findall(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)[-1]
    response = client.post(
        "/rapportages/normen/import",
        data={"csrf_token": token, "bestand": (io.BytesIO(workbook.data), "dvo.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _norms() == before
    assert db.session.get_one(DvoIndicator, "fraudevorderingen_geind").unit == "euro"


def _norms() -> list[tuple[object, ...]]:
    rows = db.session.execute(
        sa.select(Norm.indicator, Norm.case_type, Norm.year, Norm.kind, Norm.value, Norm.source)
    )
    return sorted(tuple(r) for r in rows)
