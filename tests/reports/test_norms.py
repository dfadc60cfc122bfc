"""Actual against norm and plan, the trend over years, and recording norms."""

import io
from decimal import Decimal

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Norm, Role
from caseflow.reports.catalogue import TARGETS
from caseflow.reports.filters import ReportFilter
from caseflow.reports.norm_admin import import_csv, save_norm
from caseflow.reports.norms import compare, trend
from caseflow.reports.periods import Period
from tests.factories import Factory
from tests.offices import MakeOffice, Office, login
from tests.reports.helpers import at, decide, wmo
from tests.reports.html_check import problems


@pytest.fixture
def office(make_office: MakeOffice, travel: time_machine.Traveller) -> Office:
    """One decision late in 2025; in 2026 three decisions (two in time) and two open cases."""
    office = make_office()
    at(travel, "2025-12-01 10:00")
    old = wmo(office)
    at(travel, "2025-12-31 23:30")
    decide(old)  # a month late, in 2025
    at(travel, "2026-03-02 10:00")
    first, second, third = wmo(office), wmo(office), wmo(office)
    wmo(office), wmo(office)
    at(travel, "2026-03-10 10:00")
    decide(first), decide(second)
    at(travel, "2026-03-20 10:00")
    decide(third)  # four days late
    return office


def _norm(office: Office, target: str, value: str, year: int = 2026, **extra: str) -> None:
    save_norm(
        office.gemeente.id,
        target,
        extra.get("case_type", ""),
        year,
        extra.get("kind", "norm"),
        Decimal(value),
        None,
        user_id=None,
    )
    db.session.commit()


def test_actual_against_norm_and_plan_with_deviation_and_legend(office: Office) -> None:
    _norm(office, "tijdigheid", "85")
    _norm(office, "tijdigheid", "35", case_type="wmo_aanvraag")
    _norm(office, "instroom", "4", kind="raming")
    _norm(office, "bezwaren_gegrond", "25")
    f = ReportFilter(today=Period.parse("2026-06").end, period=Period.parse("2026"))  # type: ignore[arg-type]
    found = {
        (c.target.code, c.case_type): (c.actual, c.norm_value, c.deviation, c.legend)
        for c in compare(f, office.gemeente.id, 2026)
    }
    # As the DVO counts it, the two requests still open since March (and late) count too: two
    # of five in time, not two of the three decided.
    assert found[("tijdigheid", "")] == (40.0, 85.0, -52.9, "Onder de norm (voldoet niet)")
    assert found[("tijdigheid", "wmo_aanvraag")] == (40.0, 35.0, 14.3, "Boven de norm (voldoet)")
    assert found[("instroom", "")] == (5, 4.0, 25.0, "Boven de raming")
    assert found[("bezwaren_gegrond", "")] == (None, 25.0, None, "Nog geen cijfer")
    assert found[("uitstroom", "")] == (3, None, None, "Geen norm of raming vastgesteld")


def test_trend_over_the_years_next_to_each_years_norm(office: Office) -> None:
    for year, value in ((2024, "80"), (2025, "85"), (2026, "85")):
        _norm(office, "tijdigheid", value, year=year)
    f = ReportFilter(today=Period.parse("2026-06").end)  # type: ignore[arg-type]
    points = trend(f, office.gemeente.id, TARGETS["tijdigheid"], Period.parse("2026-04").end)  # type: ignore[arg-type]
    assert [(p.label, p.actual, p.norm) for p in points] == [
        ("2023", None, None),
        ("2024", None, 80.0),
        ("2025", 0.0, 85.0),
        ("2026 (t/m 30 april)", 40.0, 85.0),  # with the open terms, as they stand
    ]


def test_csv_import_adds_updates_and_refuses_a_file_with_errors(
    office: Office, factory: Factory
) -> None:
    elsewhere = factory.municipality("vaals")
    good = (
        "gemeente;indicator;zaaktype;jaar;soort;waarde;bron\n"
        "maastricht;tijdigheid;;2026;norm;85;DVO 2026\n"
        "Maastricht;bezwaren_gegrond;bezwaar;2026;norm;25,0;DVO 2026\n"
        "maastricht;instroom;;2026;raming;1.200,5;Begroting\n"
    )
    result = import_csv(good, [office.gemeente], None)
    assert (result.added, result.updated, result.errors) == (3, 0, [])
    again = import_csv(good.replace(";85;", ";90;"), [office.gemeente], None)
    assert (again.added, again.updated) == (0, 3)
    values = dict(db.session.execute(sa.select(Norm.indicator, Norm.value)).all())
    assert values == {
        "tijdigheid": Decimal("90.00"),
        "bezwaren_gegrond": Decimal("25.00"),
        "instroom": Decimal("1200.50"),
    }
    bad = (
        "gemeente,indicator,jaar,waarde\n"
        "maastricht,tijdigheid,2027,80\n"
        f"{elsewhere.code},tijdigheid,2026,80\n"
        "maastricht,snelheid,2026,80\n"
        "maastricht,tijdigheid,1850,80\n"
        "maastricht,tijdigheid,2026,veel\n"
        "maastricht,tijdigheid,2027,81\n"
    )
    refused = import_csv(bad, [office.gemeente], None)
    assert refused.errors == [
        "Regel 3: gemeente 'vaals' is onbekend of niet van u.",
        f"Regel 4: indicator 'snelheid' bestaat niet (kies uit {', '.join(TARGETS)}).",
        "Regel 5: jaar '1850' klopt niet.",
        "Regel 6: 'veel' is geen getal.",
        "Regel 7: staat al op regel 2.",
    ]
    assert db.session.scalar(sa.select(sa.func.count(Norm.id))) == 3


def test_only_an_administrator_records_norms(
    client: FlaskClient, factory: Factory, office: Office
) -> None:
    reader = factory.user(Role.GEMEENTE, municipalities=[office.gemeente])
    admin = factory.user(Role.BEHEERDER, municipalities=[office.gemeente])
    form = {
        "gemeente": str(office.gemeente.id),
        "indicator": "tijdigheid",
        "zaaktype": "",
        "jaar": "2026",
        "soort": "norm",
        "waarde": "85,5",
        "bron": "DVO 2026",
    }
    login(client, reader)
    assert client.post("/rapportages/normen", data=form).status_code == 403
    assert "Norm of raming vastleggen" not in client.get("/rapportages/normen").get_data(
        as_text=True
    )
    client.post("/logout")
    login(client, admin)
    response = client.post("/rapportages/normen", data=form)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Norm toegevoegd." in page and "85,5%" in page
    assert problems(page) == []
    wrong = client.post("/rapportages/normen", data=form | {"waarde": "veel"})
    assert wrong.status_code == 400
    assert "&#39;veel&#39; is geen getal." in wrong.get_data(as_text=True)
    upload = {
        "bestand": (
            io.BytesIO(b"gemeente;indicator;jaar;waarde\nmaastricht;instroom;2026;12\n"),
            "n.csv",
        )
    }
    imported = client.post("/rapportages/normen/import", data=upload)
    assert imported.status_code == 302
    assert "1 normen toegevoegd, 0 bijgewerkt." in client.get("/rapportages/normen").get_data(
        as_text=True
    )


def test_a_yearly_count_is_compared_pro_rata_during_the_year(office: Office) -> None:
    _norm(office, "instroom", "12", kind="raming")
    _norm(office, "tijdigheid", "85")
    f = ReportFilter(today=Period.parse("2026-04").end, period=Period.parse("2026-T1"))  # type: ignore[arg-type]
    found = {c.target.code: c for c in compare(f, office.gemeente.id, 2026)}
    # January to April is 120 of 365 days: 12 x 120/365 = 3.9 expected, 5 opened.
    inflow = found["instroom"]
    assert (inflow.norm_value, inflow.deviation) == (3.9, 28.2)
    assert inflow.legend == "Boven de raming naar rato"
    assert found["tijdigheid"].norm_value == 85.0  # a percentage is not pro-rated
