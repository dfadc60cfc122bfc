"""Werkvoorraad today: age, overdue, due soon, per consultant, team and municipality."""

import pytest
import time_machine

from caseflow.models import Role
from caseflow.reports.backlog_trend import month_ends
from caseflow.reports.periods import ReportError
from caseflow.reports.registry import indicator
from caseflow.signals import take_snapshot
from caseflow.workflow.engine import assign
from tests.factories import Factory
from tests.offices import MakeOffice, Office
from tests.reports.helpers import assert_drill_downs_match, at, decide, report_filter, table, wmo

WERKVOORRAAD = indicator("werkvoorraad")
TODAY = "2026-06-15"  # a Monday


@pytest.fixture
def office(factory: Factory, make_office: MakeOffice, travel: time_machine.Traveller) -> Office:
    office = make_office()
    other_team = factory.team([office.gemeente], name="Wmo Maastricht-Zuid")
    cor = factory.user(Role.CONSULENT, municipalities=[office.gemeente], teams=[other_team])
    at(travel, "2026-03-02 10:00")
    released = wmo(office)  # 105 days old, overdue, handed back to the team
    at(travel, "2026-03-03 10:00")
    assign(released, None, office.manager, reason="Anna met verlof")
    at(travel, "2026-04-20 10:00")
    wmo(office)  # 56 days: 8-13 weeks; due 4 May, overdue
    at(travel, "2026-05-11 10:00")
    wmo(office, handler=cor, team=other_team)  # 35 days: 4-8 weeks; overdue
    at(travel, "2026-05-12 10:00")
    decide(wmo(office))  # closed: no part of the werkvoorraad
    at(travel, "2026-06-01 10:00")
    wmo(office, handler=office.bram)  # 14 days: 2-4 weeks; due today
    at(travel, "2026-06-02 00:30")
    wmo(office)  # 31 May 22:30 UTC, but 13 days old in Amsterdam: 0-2 weeks; due 16 June
    at(travel, "2026-06-02 10:00")
    wmo(office)  # 0-2 weeks, due 16 June
    at(travel, "2026-06-12 10:00")
    wmo(office, handler=office.bram)  # due 26 June: not within the next 10 days
    at(travel, f"{TODAY} 10:00")
    return office


def test_open_cases_by_age_overdue_and_due_soon_per_consultant(office: Office) -> None:
    f = report_filter(TODAY, team_ids=(office.team.id,))
    result = WERKVOORRAAD.run(f, ["consulent"])
    zero = {m.key: 0 for m in WERKVOORRAAD.measures}
    assert table(result) == {
        ("Anna (Maastricht)",): zero
        | {"open": 3, "leeftijd_0_2": 2, "leeftijd_8_13": 1, "te_laat": 1, "binnenkort": 2},
        ("Bram (Maastricht)",): zero
        | {"open": 2, "leeftijd_0_2": 1, "leeftijd_2_4": 1, "binnenkort": 1},
        ("Niet toegewezen",): zero
        | {"open": 1, "leeftijd_13_plus": 1, "te_laat": 1, "zonder_behandelaar": 1},
    }
    assert_drill_downs_match(result)


def test_consultants_add_up_to_teams_and_teams_to_the_municipality(office: Office) -> None:
    f = report_filter(TODAY)
    per_consultant = WERKVOORRAAD.run(f, ["team", "consulent"])
    per_team = WERKVOORRAAD.run(f, ["team"])
    per_municipality = WERKVOORRAAD.run(f, ["gemeente"])
    for measure in WERKVOORRAAD.measures:
        team_sums: dict[str, int] = {}
        for row in per_consultant.rows:
            team_sums[row.labels[0]] = team_sums.get(row.labels[0], 0) + int(
                row.values[measure.key] or 0
            )
        assert {row.labels[0]: row.values[measure.key] for row in per_team.rows} == team_sums
        assert [row.values[measure.key] for row in per_municipality.rows] == [
            sum(team_sums.values())
        ]
    assert per_municipality.total.values["open"] == 7
    assert per_municipality.total.values["te_laat"] == 3


def test_rolled_up_per_team_is_the_report_asked_per_team(office: Office) -> None:
    f = report_filter(TODAY)
    per_consultant = WERKVOORRAAD.run(f, ["team", "consulent"])
    rolled_up = WERKVOORRAAD.roll_up(per_consultant, ["team"])
    asked = WERKVOORRAAD.run(f, ["team"])
    assert [(r.labels, r.values) for r in rolled_up.rows] == [
        (r.labels, r.values) for r in asked.rows
    ]
    assert len(asked.rows) == 2
    assert rolled_up.total.values == asked.total.values
    assert asked.total.values["open"] == 7


def test_trend_from_the_daily_snapshots(
    make_office: MakeOffice, travel: time_machine.Traveller
) -> None:
    office = make_office("meerssen")
    at(travel, "2026-03-02 10:00")
    first = wmo(office)
    at(travel, "2026-03-02 23:00")
    take_snapshot()
    at(travel, "2026-03-20 10:00")
    wmo(office)
    take_snapshot()  # the first case was due on 16 March
    at(travel, "2026-04-30 10:00")
    decide(first)
    take_snapshot()  # the second was due on 3 April
    trend = indicator("werkvoorraad_verloop")
    result = trend.run(report_filter("2026-05-01", "2026-03-01..2026-04-30"))
    assert [(row.labels[0], row.values["open"], row.values["te_laat"]) for row in result.rows] == [
        ("02-03-2026", 1, 0),
        ("20-03-2026", 2, 1),
        ("30-04-2026", 1, 1),
    ]
    assert result.total.values == {"open": 1, "te_laat": 1, "binnenkort": 0}
    assert [row.labels[0] for row in month_ends(result.rows)] == ["20-03-2026", "30-04-2026"]
    with pytest.raises(ReportError, match="alleen per gemeente en team"):
        trend.run(report_filter("2026-05-01", "2026-03", case_types=("wmo_aanvraag",)))
