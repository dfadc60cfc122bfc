"""The council's report: hand-entered DVO figures, the Toelichting, issuing a frozen version,
and a correction that shows what changed."""

import csv
import io
import re

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient
from openpyxl import load_workbook

from caseflow.extensions import db
from caseflow.models import IssuedReport, IssuedReportFrozen, ReportText, Role, User
from caseflow.reports.norm_admin import import_csv
from tests.factories import Factory
from tests.markup import FIELD_ERROR
from tests.offices import MakeOffice, Office, login
from tests.reports.helpers import at, decide, wmo

AGREEMENT = (
    "gemeente;indicator;omschrijving;definitie;onderdeel;eenheid;richting;herkomst;zaaktype;"
    "jaar;soort;waarde;bron\n"
    "maastricht;verzuim;Verzuimpercentage;ziekteverzuim van de uitvoeringsorganisatie;"
    "Bedrijfsvoering;procent;lager;hand;;2026;norm;5,5;Jaarplan 2026\n"
    "maastricht;tijdigheid;;;;;;caseflow;;2026;norm;85;DVO 2026\n"
)
REPORT = "/rapportages/gemeenten/{id}/bestuursrapportage"


@pytest.fixture
def office(make_office: MakeOffice, travel: time_machine.Traveller) -> Office:
    office = make_office("maastricht")
    at(travel, "2026-02-10 10:00")
    decide(wmo(office))
    decide(wmo(office))
    result = import_csv(AGREEMENT, [office.gemeente], None)
    assert result.errors == []
    db.session.commit()
    at(travel, "2026-05-04 10:00")
    return office


@pytest.fixture
def controller(factory: Factory, office: Office) -> User:
    return factory.user(Role.KWALITEIT, municipalities=[office.gemeente], full_name="Carla Control")


def _text(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def _csrf(client: FlaskClient, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    return found[1]


def _post(client: FlaskClient, url: str, data: dict[str, str]) -> tuple[int, str]:
    response = client.post(url, data={"csrf_token": _csrf(client, url), **data})
    return response.status_code, response.get_data(as_text=True)


def test_a_hand_entered_figure_is_to_be_filled_in_until_someone_enters_it(
    client: FlaskClient, controller: User, office: Office
) -> None:
    login(client, controller)
    url = REPORT.format(id=office.gemeente.id) + "?periode=2026-T1"
    assert "Verzuimpercentage handmatig Bedrijfsvoering Norm 5,5% – – Nog in te vullen" in _text(
        client, url
    )
    values = REPORT.format(id=office.gemeente.id) + "/cijfers?periode=2026-T1"
    status, page = _post(client, values, {"waarde-verzuim": "zes"})
    assert status == 400
    assert "&#39;zes&#39; is geen getal." in page or "'zes' is geen getal." in page
    assert "Nog in te vullen" in _text(client, url)
    status, _ = _post(client, values, {"waarde-verzuim": "6,1"})
    assert status == 302
    assert "Verzuimpercentage handmatig Bedrijfsvoering Norm 5,5% 6,1% +10,9% ✗ Boven de norm" in (
        _text(client, url)
    )


def test_toelichting_and_special_assignments_appear_in_the_report(
    client: FlaskClient, factory: Factory, office: Office
) -> None:
    manager = factory.user(Role.TEAMMANAGER, municipalities=[office.gemeente], teams=[office.team])
    login(client, manager)
    texts = REPORT.format(id=office.gemeente.id) + "/teksten?periode=2026-T1"
    status, page = _post(client, texts, {"opdracht-tekst-1": "Zonder titel geschreven."})
    assert status == 400
    assert "Geef deze speciale opdracht een titel." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReportText)) == 0
    status, _ = _post(
        client,
        texts,
        {
            "toelichting-normen": "De tijdigheid blijft achter.\n\nAdvies: extra capaciteit.",
            "opdracht-titel-1": "Pilot wijkteam Noordoost",
            "opdracht-tekst-1": "Gestart in maart met twaalf gezinnen.",
        },
    )
    assert status == 302
    page = _text(client, REPORT.format(id=office.gemeente.id) + "?periode=2026-T1")
    assert "Toelichting De tijdigheid blijft achter. Advies: extra capaciteit." in page
    assert (
        "Speciale opdracht: Pilot wijkteam Noordoost Gestart in maart met twaalf gezinnen." in page
    )


def test_only_the_controller_issues_and_only_a_period_that_has_ended(
    client: FlaskClient, factory: Factory, controller: User, office: Office
) -> None:
    issue = REPORT.format(id=office.gemeente.id) + "/uitgeven?periode="
    reader = factory.user(Role.GEMEENTE, municipalities=[office.gemeente])
    login(client, reader)
    assert client.get(issue + "2026-T1").status_code == 403
    client.post("/logout")
    login(client, controller)
    status, page = _post(client, issue + "2026-T2", {})
    assert status == 400
    assert "Deze periode is nog niet voorbij" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IssuedReport)) == 0


def test_an_issued_report_stays_as_issued_and_a_correction_shows_the_difference(
    client: FlaskClient, controller: User, office: Office, travel: time_machine.Traveller
) -> None:
    login(client, controller)
    base = REPORT.format(id=office.gemeente.id)
    status, _ = _post(client, base + "/uitgeven?periode=2026-T1", {})
    assert status == 302
    first = db.session.scalars(sa.select(IssuedReport)).one()
    pdf, html, content = first.pdf, first.html, first.content
    assert "is uitgegeven als versie 1" in _text(client, f"/rapportages/uitgegeven/{first.id}")
    issued_page = _text(client, f"/rapportages/uitgegeven/{first.id}")
    assert "Uitgegeven versie 1" in issued_page
    assert first.sha256 in issued_page
    live_before = _text(client, base + "?periode=2026-T1")

    # A case that falls in the issued period, registered afterwards.
    at(travel, "2026-04-20 10:00")
    decide(wmo(office))
    db.session.commit()
    at(travel, "2026-05-06 10:00")

    assert _text(client, f"/rapportages/uitgegeven/{first.id}") == issued_page
    db.session.expire_all()
    again = db.session.get(IssuedReport, first.id)
    assert again is not None
    assert (again.pdf, again.html, again.content) == (pdf, html, content)
    assert client.get(f"/rapportages/uitgegeven/{first.id}.pdf").data == pdf
    assert _text(client, base + "?periode=2026-T1") != live_before

    status, page = _post(client, base + "/uitgeven?periode=2026-T1", {})
    assert status == 400
    assert "Geef de reden van de correctie" in page
    status, _ = _post(
        client, base + "/uitgeven?periode=2026-T1", {"reden": "Een besluit van april ontbrak."}
    )
    assert status == 302
    second = db.session.scalars(sa.select(IssuedReport).where(IssuedReport.version == 2)).one()
    changed = {
        (c["where"], c["row"], c["column"]): (c["before"], c["after"]) for c in second.changes
    }
    assert changed[("Instroom en uitstroom", "april 2026", "Instroom")] == (None, 1)
    page = _text(client, f"/rapportages/uitgegeven/{second.id}")
    assert "Wat er anders is dan versie 1" in page
    assert "Reden: Een besluit van april ontbrak." in page

    status, page = _post(client, base + "/uitgeven?periode=2026-T1", {"reden": "Nog eens."})
    assert status == 400
    assert "Er is niets veranderd sinds versie 2" in page


def test_an_issued_report_cannot_be_changed_or_removed(
    client: FlaskClient, controller: User, office: Office
) -> None:
    login(client, controller)
    _post(client, REPORT.format(id=office.gemeente.id) + "/uitgeven?periode=2026-T1", {})
    issued = db.session.scalars(sa.select(IssuedReport)).one()
    issued.title = "Iets anders"
    with pytest.raises(IssuedReportFrozen):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalars(sa.select(IssuedReport)).one())
    with pytest.raises(IssuedReportFrozen):
        db.session.flush()
    db.session.rollback()


def test_the_issued_report_as_a_workbook_with_a_sheet_per_section(
    client: FlaskClient, controller: User, office: Office
) -> None:
    login(client, controller)
    _post(client, REPORT.format(id=office.gemeente.id) + "/uitgeven?periode=2026-T1", {})
    issued = db.session.scalars(sa.select(IssuedReport)).one()
    response = client.get(f"/rapportages/uitgegeven/{issued.id}.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[0] == "Norm en raming"
    assert "Tijdigheid per zaaktype" in book.sheetnames
    assert len(book.sheetnames) == 1 + len(issued.content["sections"])
    norms = {row[0]: row for row in book["Norm en raming"].iter_rows(values_only=True)}
    assert norms["Verzuimpercentage"][3:6] == ("norm", 5.5, None)


def test_indicator_data_in_long_format_for_a_bi_tool(
    client: FlaskClient, controller: User, office: Office
) -> None:
    login(client, controller)
    response = client.get(f"/rapportages/gemeenten/{office.gemeente.id}/indicatoren.csv?jaar=2026")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert list(rows[0]) == [
        "gemeente",
        "indicator",
        "omschrijving",
        "zaaktype",
        "periode",
        "waarde",
        "norm",
        "soort",
        "eenheid",
        "herkomst",
    ]
    tijdigheid = {r["periode"]: r for r in rows if r["indicator"] == "tijdigheid"}
    assert set(tijdigheid) == {"2026-T1", "2026-T2", "2026"}
    assert tijdigheid["2026-T1"]["norm"] == "85.0"
    assert {r["indicator"] for r in rows} == {"tijdigheid", "verzuim"}


def test_a_toelichting_over_the_limit_is_refused_next_to_its_field_and_nothing_is_saved(
    client: FlaskClient, controller: User, office: Office
) -> None:
    login(client, controller)
    texts = REPORT.format(id=office.gemeente.id) + "/teksten?periode=2026-T1"
    status, page = _post(
        client,
        texts,
        {"toelichting-normen": "x" * 5001, "toelichting-doorlooptijd": "Ligt op koers."},
    )
    assert status == 400
    assert f'<p {FIELD_ERROR} id="toelichting-normen-fout">Hooguit 5000 tekens.</p>' in page
    assert 'aria-invalid="true" aria-describedby="toelichting-normen-fout"' in page
    assert "Ligt op koers." in page  # what was typed stays in the form
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReportText)) == 0
