"""The registers' indicators: running provisions and benefits on a reference date, inflow and
outflow with reasons, the preventiequote, ratios per 1,000 inhabitants, herindicaties on time,
and the MER table (actual against plan, deviation, four-year trend) whose every number opens a
list of exactly that length."""

import html
import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from flask.testing import FlaskClient

from caseflow import unit_of_work
from caseflow.extensions import db
from caseflow.models import Benefit, Case, Herindicatie, Role
from caseflow.provisions.benefits import end_benefit
from caseflow.provisions.changes import end_early
from caseflow.provisions.herindicatie import scan_herindicaties, start_herindicatie
from caseflow.reports.catalogue import TARGETS
from caseflow.reports.filters import ReportFilter
from caseflow.reports.norm_admin import save_norm
from caseflow.reports.norms import compare, trend
from caseflow.reports.periods import Period
from caseflow.reports.registry import indicator
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import Factory
from tests.offices import Office, login
from tests.provisions.helpers import Catalogue, decide, provisions, ready_to_decide, row
from tests.reports.helpers import assert_drill_downs_match, at, table
from tests.workflow.helpers import confirm_melding, hand_over_report


def _benefit(office: Office, case_type: str, result: str = "toegekend", start: str = "") -> Case:
    case = start_case(
        case_type,
        municipality=office.maastricht,
        actor=office.consulent,
        person=office.client,
        team=office.participatie,
    )
    assign(case, office.consulent, office.consulent)
    if case_type == "pw_aanvraag":
        fire(case, "aanvraag_ontvangen", office.consulent)
    if result == "ingetrokken":
        fire(case, "intrekken", office.consulent, {"reden": "Werk gevonden voor de aanvraag."})
        return case
    fire(case, "oppakken", office.consulent)
    data = {"resultaat": result, "motivering": "Onderzocht."}
    if result == "toegekend":
        data |= {"ingangsdatum": start, "arbeidsvermogen": "volledig"}
    fire(case, "besluiten", office.consulent, data)
    unit_of_work.commit(keep_loaded=True)
    return case


@pytest.fixture
def history(office: Office, catalogue: Catalogue, travel: time_machine.Traveller) -> Office:
    """Four years of decisions in Maastricht, each through the engine on its own day."""
    hh, bg = catalogue.household, catalogue.guidance
    at(travel, "2023-02-01 10:00")
    decide(ready_to_decide(office), [row(hh, "3", "2023-02-01", "2024-01-31")])
    at(travel, "2023-06-01 10:00")
    decide(
        ready_to_decide(office),
        [row(hh, "4", "2023-06-01"), row(bg, "2", "2023-06-01", "2023-12-31")],
    )
    at(travel, "2024-01-15 10:00")
    first_pw = _benefit(office, "pw_aanvraag", start="2024-02-01")
    at(travel, "2024-03-01 10:00")
    decide(ready_to_decide(office), [row(hh, "2", "2024-03-01", "2025-02-28")])
    end_early(provisions()[-1], office.consulent, "2024-09-30", "verhuisd", "")
    at(travel, "2025-03-01 10:00")
    _benefit(office, "pw_aanvraag", start="2025-03-01")
    _benefit(office, "pw_aanvraag", result="afgewezen")
    at(travel, "2025-04-01 10:00")
    ioaw = _benefit(office, "ioaw", start="2025-04-01")
    _benefit(office, "pw_aanvraag", result="ingetrokken")
    at(travel, "2025-05-01 10:00")
    decide(ready_to_decide(office), [row(hh, "3", "2025-05-01", "2026-04-30")])
    at(travel, "2025-07-01 10:00")
    end_benefit(_benefit_of(first_pw), office.consulent, "2025-06-30", "werk", "")
    at(travel, "2025-11-01 10:00")
    end_benefit(_benefit_of(ioaw), office.consulent, "2025-10-31", "verhuizing", "")
    unit_of_work.commit()
    at(travel, "2026-03-02 10:00")
    return office


def _benefit_of(case: Case) -> Benefit:
    return db.session.query(Benefit).filter_by(case_id=case.id).one()


def _filter(office: Office, period: str, today: str = "2026-03-02") -> ReportFilter:
    return ReportFilter(
        today=date.fromisoformat(today),
        period=Period.parse(period),
        municipality_ids=(office.maastricht.id,),
    )


def test_running_provisions_per_kind_on_the_last_day_of_the_period(history: Office) -> None:
    result = indicator("voorzieningen").run(_filter(history, "2023"))
    assert table(result) == {
        ("Begeleiding individueel",): {"lopend": 1},  # its last day is 31 December
        ("Hulp bij het huishouden",): {"lopend": 2},
    }
    assert result.total.values["lopend"] == 3
    assert_drill_downs_match(result)
    per_year = indicator("voorzieningen_hbh").run(
        _filter(history, "2022-01-01..2026-03-02"), ["jaar"]
    )
    assert [(row.labels[0], row.values["lopend"]) for row in per_year.rows] == [
        ("2023", 2),
        ("2024", 1),  # the March 2024 help ended early, on 30 September
        ("2025", 2),
        ("2026", 2),  # on 2 March 2026, today
    ]
    assert per_year.total.values["lopend"] == 2  # today's stand, not a sum over the years
    assert_drill_downs_match(per_year)


def test_new_and_ended_provisions_with_those_ended_early(history: Office) -> None:
    result = indicator("voorzieningen_verloop").run(_filter(history, "2024"))
    assert table(result)[("Hulp bij het huishouden",)] == {
        "nieuw": 1,
        "beeindigd": 2,  # the 2023 help on 31 January, the 2024 help early
        "eerder_beeindigd": 1,
        "saldo": -1,
    }
    assert_drill_downs_match(result)


def test_benefits_inflow_outflow_reasons_and_the_share_to_work(history: Office) -> None:
    stock = indicator("uitkeringen").run(_filter(history, "2025"), ["zaaktype"])
    assert stock.total.values["lopend"] == 1
    assert_drill_downs_match(stock)
    flow = indicator("uitkeringen_verloop").run(_filter(history, "2025"), ["zaaktype"])
    values = flow.total.values
    assert (values["instroom"], values["uitstroom"]) == (2, 2)
    assert (values["uitstroom_werk"], values["uitstroom_verhuizing"]) == (1, 1)
    assert values["percentage_werk"] == 50.0
    assert table(flow)[("Aanvraag IOAW-uitkering",)]["uitstroom_verhuizing"] == 1
    assert_drill_downs_match(flow)


def test_the_preventiequote_counts_applications_that_led_to_no_benefit(history: Office) -> None:
    result = indicator("preventiequote").run(_filter(history, "2025"), ["zaaktype"])
    assert (
        result.total.values["aanvragen"],
        result.total.values["zonder_uitkering"],
        result.total.values["percentage"],
    ) == (4, 2, 50.0)  # a refusal and a withdrawal, against two grants
    assert_drill_downs_match(result)


def test_wmo_decisions_and_benefits_per_thousand_inhabitants(
    history: Office, factory: Factory
) -> None:
    history.maastricht.inhabitants = 2_000
    db.session.commit()
    result = indicator("per_1000_inwoners").run(_filter(history, "2025"), ["gemeente"])
    values = table(result)[("Maastricht",)]
    assert (values["besluiten"], values["uitkeringen"], values["inwoners"]) == (1, 1, 2_000)
    assert (values["besluiten_per_1000"], values["uitkeringen_per_1000"]) == (0.5, 0.5)
    assert result.total.values["inwoners"] == 2_000
    assert_drill_downs_match(result)


def test_herindicaties_decided_before_the_end_are_on_time(
    history: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    decide(ready_to_decide(history), [row(catalogue.guidance, "2", "2026-03-02", "2026-04-15")])
    at(travel, "2026-03-05 10:00")
    scan_herindicaties()
    help_ending = next(
        h for h in db.session.query(Herindicatie).all() if h.provision.product_code == "HH01"
    )
    reassessment = start_herindicatie(help_ending, history.consulent)
    at(travel, "2026-04-10 10:00")
    confirm_melding(reassessment, history.consulent)
    fire(reassessment, "onderzoek_starten", history.consulent)
    fire(
        reassessment,
        "verslag_vastleggen",
        history.consulent,
        {"gespreksvorm": "huisbezoek", "verslag": "Nog nodig."},
    )
    hand_over_report(reassessment, history.consulent)
    fire(reassessment, "onderzoek_afronden", history.consulent, {"resultaat": "aanvraag_volgt"})
    aanvraag = db.session.query(Case).filter_by(parent_id=reassessment.id).one()
    fire(aanvraag, "oppakken", history.consulent)
    decide(aanvraag, [row(catalogue.household, "3", "2026-05-01", "2027-04-30")])
    result = indicator("herindicaties_op_tijd").run(_filter(history, "2026-04", "2026-05-01"))
    assert result.total.values == {
        "eindigend": 2,
        "op_tijd": 1,  # the household help, decided on 10 April for 30 April
        "te_laat": 0,
        "zonder": 1,  # the guidance ended on 15 April without one
        "percentage_op_tijd": 50.0,
    }
    assert_drill_downs_match(result)


def _plan(office: Office, target: str, year: int, value: str, kind: str = "raming") -> None:
    save_norm(office.maastricht.id, target, "", year, kind, Decimal(value), "MER", user_id=None)
    db.session.commit()


def test_the_mer_table_actual_against_plan_deviation_and_trend(history: Office) -> None:
    for year, value in ((2023, "2"), (2024, "2"), (2025, "3")):
        _plan(history, "voorzieningen_hbh", year, value)
    _plan(history, "uitkeringen", 2025, "2")
    _plan(history, "uitstroom_werk", 2025, "33", kind="norm")
    _plan(history, "preventiequote", 2025, "40", kind="norm")
    year = _filter(history, "2025", today="2026-03-02")
    found = {
        c.target.code: (c.actual, c.norm_value, c.deviation, c.legend)
        for c in compare(year, history.maastricht.id, 2025)
        if c.norm is not None
    }
    assert found == {
        # A stand on 31-12 is never taken pro rata, even for part of a year.
        "voorzieningen_hbh": (2, 3.0, -33.3, "Onder de raming"),
        "uitkeringen": (1, 2.0, -50.0, "Onder de raming"),
        "uitstroom_werk": (50.0, 33.0, 51.5, "Boven de norm (voldoet)"),
        "preventiequote": (50.0, 40.0, 25.0, "Boven de norm (voldoet)"),
    }
    points = trend(year, history.maastricht.id, TARGETS["voorzieningen_hbh"], date(2025, 12, 31))
    assert [(p.label, p.actual, p.norm) for p in points] == [
        ("2022", 0, None),
        ("2023", 2, 2.0),
        ("2024", 1, 2.0),
        ("2025", 2, 3.0),
    ]


def test_the_bestuursrapportage_shows_the_mer_rows_and_their_lists_have_that_length(
    client: FlaskClient, history: Office, factory: Factory
) -> None:
    _plan(history, "voorzieningen_hbh", 2025, "3")
    _plan(history, "uitkeringen", 2025, "2")
    reader = factory.user(Role.KWALITEIT, municipalities=[history.maastricht])
    login(client, reader)
    page = client.get(
        f"/rapportages/gemeenten/{history.maastricht.id}/bestuursrapportage?periode=2025-T3"
    )
    assert page.status_code == 200
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.text)).split())
    assert "Lopende voorzieningen hulp bij het huishouden (stand)" in text
    assert (
        "Lopende voorzieningen hulp bij het huishouden (stand) Wmo Raming 3,0 2 -33,3% "
        "Onder de raming" in text
    )
    assert "Lopende voorzieningen per soort" in text
    assert "Lopende voorzieningen hulp bij het huishouden (stand) per jaar" in text
    listed = client.get(
        "/rapportages/indicatoren/voorzieningen_hbh/zaken"
        f"?m=lopend&gemeente={history.maastricht.id}&periode=2025"
    )
    assert listed.status_code == 200
    # The number in the table (2 running on 31-12-2025) opens a list of two provisions.
    assert (
        '<h1 class="utrecht-heading-1">Lopende voorzieningen: 2 voorzieningen</h1>' in listed.text
    )
    assert (
        listed.text.count(
            '<th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link" href='
        )
        == 2
    )
    assert listed.text.count('<td class="utrecht-table__cell">Hulp bij het huishouden</td>') == 2
