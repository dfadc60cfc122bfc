"""Outcome ratios from the service agreement and handovers between consultants."""

import pytest
import time_machine

from caseflow.models import Case, Role, User
from caseflow.reports.registry import indicator
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import Factory
from tests.offices import MakeOffice, Office
from tests.reports.helpers import assert_drill_downs_match, at, decide, report_filter, table, wmo


@pytest.fixture
def office(make_office: MakeOffice, travel: time_machine.Traveller) -> Office:
    at(travel, "2026-06-01 10:00")
    return make_office()


@pytest.fixture
def jurist(factory: Factory, office: Office) -> User:
    return factory.user(Role.JURIST, municipalities=[office.gemeente])


def objection(office: Office, jurist: User, result: str | None = None) -> Case:
    """An objection received now, handled by the jurist; decided with `result` now (without a
    hearing the objector waived), or withdrawn, or left open."""
    case = start_case(
        "bezwaar", municipality=office.gemeente, actor=office.anna, person=office.client
    )
    assign(case, jurist, jurist)
    fire(case, "oppakken", jurist)
    if result == "ingetrokken":
        fire(case, "intrekken", jurist, {"reden": "Opgelost in een gesprek."})
    elif result is not None:
        fire(case, "niet_horen", jurist, {"grond_niet_horen": "afgezien"})
        fire(case, "besluiten", jurist, {"resultaat": result, "motivering": "Zie advies."})
    return case


def test_share_granted_leaves_withdrawn_requests_out(office: Office) -> None:
    for result in ("toegekend", "deels_toegekend", "afgewezen"):
        decide(wmo(office), result)
    fire(wmo(office), "intrekken", office.anna, {"reden": "Cliënt ziet ervan af."})
    result = indicator("toekenning").run(report_filter("2026-06-30", "2026-06"), ["zaaktype"])
    assert table(result) == {
        ("Wmo-aanvraag maatwerkvoorziening",): {
            "besluiten": 3,
            "toegekend": 2,
            "niet_toegekend": 1,
            "percentage_toegekend": 66.7,
        }
    }
    assert_drill_downs_match(result)


def test_upheld_objections_are_a_share_of_the_objections_submitted(
    office: Office, jurist: User, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-05-20 10:00")
    submitted_in_may = objection(office, jurist)
    at(travel, "2026-06-01 10:00")
    for result in ("gegrond", "deels_gegrond", "ongegrond", "niet_ontvankelijk", "ingetrokken"):
        objection(office, jurist, result)
    objection(office, jurist)  # submitted in June, not decided yet
    fire(submitted_in_may, "niet_horen", jurist, {"grond_niet_horen": "afgezien"})
    fire(submitted_in_may, "besluiten", jurist, {"resultaat": "gegrond", "motivering": "-"})
    decide(wmo(office), "toegekend")  # no objection: not counted
    result = indicator("bezwaren_gegrond").run(report_filter("2026-06-30", "2026-06"))
    # The DVO divides by the objections submitted in June (six), not by June's decisions (five,
    # one of them on an objection from May).
    assert result.total.values == {
        "ingediend": 6,
        "gegrond": 2,
        "niet_gegrond": 2,
        "ingetrokken": 1,
        "in_behandeling": 1,
        "percentage_gegrond": 33.3,
    }
    assert_drill_downs_match(result)


def test_handovers_count_changes_of_handler_not_the_first_claim(
    office: Office, travel: time_machine.Traveller
) -> None:
    anna, bram, manager = office.anna, office.bram, office.manager
    reassigned, released_and_back, untouched = wmo(office), wmo(office), wmo(office)
    at(travel, "2026-06-03 10:00")
    assign(reassigned, bram, manager, reason="Bram kent de cliënt")  # 1
    assign(released_and_back, None, manager, reason="Anna met verlof")  # 1
    assign(released_and_back, bram, bram)  # claiming an unassigned case: no handover
    at(travel, "2026-06-10 10:00")
    assign(released_and_back, anna, manager, reason="Anna is terug")  # 1
    for case in (reassigned, released_and_back, untouched):
        decide(case)
    result = indicator("overdrachten").run(report_filter("2026-06-30", "2026-06"), ["consulent"])
    assert table(result) == {
        ("Anna (Maastricht)",): {
            "zaken": 2,
            "met_overdracht": 1,
            "overdrachten": 2,
            "naar_vervolgzaak": 0,
            "binnen_zaak": 2,
            "ketens": 2,
            "gemiddeld": 1.0,
            "per_keten": 1.0,
        },
        ("Bram (Maastricht)",): {
            "zaken": 1,
            "met_overdracht": 1,
            "overdrachten": 1,
            "naar_vervolgzaak": 0,
            "binnen_zaak": 1,
            "ketens": 1,
            "gemiddeld": 1.0,
            "per_keten": 1.0,
        },
    }
    # Three chains of one case each (three separate requests).
    assert result.total.values == {
        "zaken": 3,
        "met_overdracht": 2,
        "overdrachten": 3,
        "naar_vervolgzaak": 0,
        "binnen_zaak": 3,
        "ketens": 3,
        "gemiddeld": 1.0,
        "per_keten": 1.0,
    }
    assert_drill_downs_match(result)
