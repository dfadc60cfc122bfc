"""Tijdigheid counts the open terms too: the share already late, and one headline of closed in
time and open not yet late together, as the service agreement counts it."""

import pytest
import time_machine
from flask.testing import FlaskClient

from caseflow.reports.registry import indicator
from tests.markup import REPORT_NUMBER_HEADER
from tests.offices import Office, login
from tests.reports.helpers import assert_drill_downs_match, at, decide, report_filter, table, wmo

TIJDIGHEID = indicator("tijdigheid")


@pytest.fixture
def office(office: Office, travel: time_machine.Traveller) -> Office:
    """Three requests on 2 February (due the 16th): one decided in time, two still open. One
    more on 10 March, due the 24th. Today is 20 March."""
    at(travel, "2026-02-02 10:00")
    decided, _, _ = wmo(office), wmo(office), wmo(office)
    at(travel, "2026-02-10 10:00")
    decide(decided)
    at(travel, "2026-03-10 10:00")
    wmo(office)
    at(travel, "2026-03-20 10:00")
    return office


def test_every_decision_in_time_is_not_the_whole_story(office: Office) -> None:
    result = TIJDIGHEID.run(report_filter("2026-03-20", "2026-02-01..2026-03-31"))
    assert result.total.values == {
        "afgehandeld_tijdig": 1,
        "afgehandeld_te_laat": 0,
        "open_tijdig": 1,
        "open_te_laat": 2,
        "percentage_tijdig": 100.0,  # every decision was in time...
        "percentage_open_te_laat": 66.7,  # ...but two of the three open terms are late
        "percentage_tijdig_met_lopend": 50.0,  # (1 + 1) / (1 + 3)
    }
    assert_drill_downs_match(result)


def test_per_month_the_open_terms_count_in_the_month_they_are_seen(office: Office) -> None:
    result = TIJDIGHEID.run(report_filter("2026-03-20", "2026-02-01..2026-03-31"), ["maand"])
    february, march = table(result)[("februari 2026",)], table(result)[("maart 2026",)]
    assert (february["afgehandeld_tijdig"], february["percentage_tijdig_met_lopend"]) == (1, 100.0)
    assert (march["open_tijdig"], march["open_te_laat"]) == (1, 2)
    assert march["percentage_tijdig_met_lopend"] == 33.3
    assert_drill_downs_match(result)


def test_a_month_that_is_over_counts_its_open_terms_as_they_stand_today(office: Office) -> None:
    result = TIJDIGHEID.run(report_filter("2026-03-20", "2026-02"), ["maand"])
    # The request of 10 March had not started in February; the two of February still run, late.
    assert table(result) == {
        ("februari 2026",): {
            "afgehandeld_tijdig": 1,
            "afgehandeld_te_laat": 0,
            "open_tijdig": 0,
            "open_te_laat": 2,
            "percentage_tijdig": 100.0,
            "percentage_open_te_laat": 100.0,
            "percentage_tijdig_met_lopend": 33.3,
        }
    }
    assert_drill_downs_match(result)


def test_the_page_shows_the_headline_and_defines_each_share(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.manager)
    response = client.get("/rapportages/indicatoren/tijdigheid?periode=2026-03&groep=")
    page = response.get_data(as_text=True)
    assert "Tijdig, lopende termijnen meegeteld (%): <strong>33,3%</strong>" in page
    for definition in (
        "Afgehandeld tijdig (%) = afgehandeld tijdig / alle afgehandelde termijnen",
        "Open, al te laat (%) = open te laat / alle open termijnen",
        "Tijdig, lopende termijnen meegeteld (%) = (afgehandeld tijdig + open op tijd) / "
        "(alle afgehandelde + alle open termijnen)",
    ):
        assert definition in page
    assert f'<th scope="col" {REPORT_NUMBER_HEADER}>Open, al te laat (%)</th>' in page
