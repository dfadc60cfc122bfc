"""Doorlooptijd, time per state and in/outflow around a month end and the turn of the year."""

import pytest
import time_machine

from caseflow.reports.registry import indicator
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import granted
from tests.letters.helpers import send_drafted
from tests.offices import MakeOffice, Office
from tests.reports.helpers import (
    ask_completion,
    assert_drill_downs_match,
    at,
    completed,
    decide,
    report_filter,
    table,
    wmo,
)

WMO = "Wmo-aanvraag maatwerkvoorziening"


@pytest.fixture
def winter(office: Office, travel: time_machine.Traveller) -> Office:
    at(travel, "2025-12-01 10:00")
    december = wmo(office)
    at(travel, "2025-12-22 10:00")
    over_new_year = wmo(office)
    at(travel, "2025-12-31 23:30")
    decide(december)  # 30 days 13.5 hours; 22:30 UTC, still 2025 in Amsterdam
    at(travel, "2026-01-05 10:00")
    suspended = wmo(office)
    at(travel, "2026-01-06 10:00")
    decide(over_new_year)  # 15 days, counted in January 2026
    ask_completion(suspended, until="2026-01-20")  # clock stops from 7 January
    at(travel, "2026-01-12 10:00")
    completed(suspended)  # 5 days suspended
    at(travel, "2026-01-16 10:00")
    decide(suspended)  # 11 days gross, 6 net
    at(travel, "2026-01-19 10:00")
    last_evening = wmo(office)
    at(travel, "2026-01-26 10:00")
    after_midnight = wmo(office)
    at(travel, "2026-01-31 23:30")
    decide(last_evening)  # 12 days 13.5 hours; 22:30 UTC on the 31st: January
    at(travel, "2026-02-01 00:15")
    wmo(office)  # 23:15 UTC on 31 January, but February in Amsterdam; stays open
    at(travel, "2026-02-01 00:30")
    decide(after_midnight)  # 23:30 UTC on 31 January, but February in Amsterdam
    return office


def test_median_and_90th_percentile_gross_and_net(winter: Office) -> None:
    result = indicator("doorlooptijd").run(report_filter("2026-03-01", "2026-01"), ["zaaktype"])
    # Gross 11, 12.5625 and 15 days: median 12.5625; p90 lies 0.8 of the way from the
    # second to the third: 14.5125. Net the suspended case has 6 days.
    expected = {
        "zaken": 3,
        "mediaan_bruto": 12.6,
        "p90_bruto": 14.5,
        "mediaan_netto": 12.6,
        "p90_netto": 14.5,
    }
    assert table(result) == {(WMO,): expected}
    assert result.total.values == expected
    assert_drill_downs_match(result)


def test_net_lead_time_leaves_out_the_suspended_days(winter: Office) -> None:
    period = "2026-01-16..2026-01-16"
    values = indicator("doorlooptijd").run(report_filter("2026-03-01", period)).total.values
    assert (values["zaken"], values["mediaan_bruto"], values["mediaan_netto"]) == (1, 11.0, 6.0)


def test_lead_time_per_year_across_the_turn_of_the_year(winter: Office) -> None:
    f = report_filter("2026-03-01", "2025-12-01..2026-01-31")
    result = indicator("doorlooptijd").run(f, ["jaar"])
    assert {
        row.keys: (row.values["zaken"], row.values["mediaan_bruto"]) for row in result.rows
    } == {
        ("2025",): (1, 30.6),
        ("2026",): (3, 12.6),
    }
    assert_drill_downs_match(result)


def test_time_per_state_shows_where_the_time_went(winter: Office) -> None:
    result = indicator("tijd_per_status").run(report_filter("2026-03-01", "2026-01"))
    assert table(result) == {
        (WMO, "Aanvraag ontvangen"): {
            "zaken": 3,
            "dagen_totaal": 28.6,
            "dagen_gemiddeld": 9.5,
            "aandeel": 74.1,
        },
        (WMO, "Wacht op aanvulling"): {
            "zaken": 1,
            "dagen_totaal": 6.0,
            "dagen_gemiddeld": 6.0,
            "aandeel": 15.6,
        },
        (WMO, "In behandeling"): {
            "zaken": 3,
            "dagen_totaal": 4.0,
            "dagen_gemiddeld": 1.3,
            "aandeel": 10.4,
        },
    }
    assert_drill_downs_match(result)


def test_inflow_and_outflow_per_month_on_amsterdam_dates(winter: Office) -> None:
    f = report_filter("2026-03-01", "2025-12-01..2026-02-28")
    result = indicator("doorstroom").run(f, ["maand"])
    assert table(result) == {
        ("december 2025",): {"instroom": 2, "uitstroom": 1, "saldo": 1},
        ("januari 2026",): {"instroom": 3, "uitstroom": 3, "saldo": 0},
        ("februari 2026",): {"instroom": 1, "uitstroom": 1, "saldo": 0},
    }
    assert result.total.values == {"instroom": 6, "uitstroom": 5, "saldo": 1}
    assert_drill_downs_match(result)


def test_inflow_and_outflow_per_year(winter: Office) -> None:
    f = report_filter("2026-03-01", "2025-01-01..2026-12-31")
    result = indicator("doorstroom").run(f, ["jaar"])
    assert {
        row.keys[0]: (row.values["instroom"], row.values["uitstroom"]) for row in result.rows
    } == {
        "2025": (2, 1),
        "2026": (4, 4),
    }


def test_a_stretch_suspending_two_deadlines_counts_once(
    make_office: MakeOffice, travel: time_machine.Traveller
) -> None:
    office = make_office("gulpen-wittem")
    anna = office.anna
    at(travel, "2026-04-01 10:00")
    case = start_case(
        "bijzondere_bijstand", municipality=office.gemeente, actor=anna, person=office.client
    )
    assign(case, anna, anna)
    fire(case, "oppakken", anna)
    fire(
        case,
        "vraag_aanvulling",
        anna,
        {"reden": "Bankafschriften", "hersteltermijn_tot": "2026-04-20"},
    )
    send_drafted(case, anna, "verzoek_om_aanvulling")  # both terms stand still from tomorrow
    at(travel, "2026-04-09 10:00")
    fire(case, "aanvulling_ontvangen", anna)  # 2 up to 9 April: 7 days, on both deadlines
    assert [len(d.suspensions) for d in case.deadlines] == [1, 1]
    at(travel, "2026-04-21 10:00")
    decision = {"resultaat": "toegekend", "motivering": "Noodzakelijke kosten.", **granted(case)}
    fire(case, "besluiten", anna, decision)
    values = indicator("doorlooptijd").run(report_filter("2026-05-01", "2026-04")).total.values
    assert (values["mediaan_bruto"], values["mediaan_netto"]) == (20.0, 13.0)
