"""The 50-gezinnenaanpak as a cohort: households marked from a day with a budget, spending that
never exceeds it, and a report whose figures are the sums of its household lines (provisions and
providers when a household joined and now, the budget used) and whose life domains match their
drill-down; for the demo too."""

import html
from datetime import timedelta

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.demo import seed
from caseflow.extensions import db
from caseflow.models import Cohort, Role, User
from caseflow.plans.cohort_report import CohortReport, cohort_report, money
from caseflow.plans.cohorts import add_household, create_cohort, euros, record_spending
from caseflow.plans.content import set_action_state
from caseflow.plans.effects import EffectFilter, goals_behind
from caseflow.reports.periods import Period
from caseflow.scope.reports import scope_for
from caseflow.unit_of_work import commit
from caseflow.workflow.errors import InvalidData, NotAuthorised
from tests.factories import Factory
from tests.offices import Office, login
from tests.plans.helpers import running_plan


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def _sums_agree(report: CohortReport) -> None:
    """Every total is the sum of the household lines; every life domain matches its goals."""
    for moment in ("at_start", "now"):
        for what in ("running", "providers"):
            lines = [getattr(getattr(line, moment), what) for line in report.lines]
            assert report.total(moment, what) == sum(lines)
    assert report.spent_cents == sum(line.member.spent_cents for line in report.lines)
    assert report.budget_cents == sum(line.member.budget_cents for line in report.lines)
    households = tuple(line.member.household_id for line in report.lines)
    reader = scope_for(
        db.session.scalars(sa.select(User).where(User.username == "teammanager")).one()
    )
    chosen = EffectFilter(Period.everything(), household_ids=households)
    for row in report.domains:
        goals = goals_behind(reader, chosen, row.domain)
        assert len(goals) == row.goals
        assert sum(g.evaluated for g in goals) == row.evaluated


def test_euros_are_read_the_dutch_way() -> None:
    assert [euros(t) for t in ("2500", "2.500", "2500,50", "€ 149,95", "1.250,00", "x", "-5")] == [
        250000,
        250000,
        250050,
        14995,
        125000,
        None,
        None,
    ]
    assert money(250050) == "€ 2.500,50"


def test_a_cohort_counts_provisions_at_the_start_and_now_and_the_budget_used(
    office: Office, travel: time_machine.Traveller
) -> None:
    peters = running_plan(office, "Peters")
    jacobs = running_plan(office, "Jacobs")
    manager = office.teammanager
    cohort = create_cohort(
        manager, "50-gezinnenaanpak Maastricht", office.maastricht, clock.today()
    )
    first = add_household(cohort, manager, peters.household, clock.today(), 250000)
    add_household(cohort, manager, jacobs.household, clock.today(), 150000)
    travel.shift(timedelta(days=10))
    set_action_state(peters.actions[0], office.regisseur, "klaar")  # Samira's budget plan
    record_spending(
        first,
        office.regisseur,
        kind="doorbraak",
        spent_on=clock.today(),
        amount_cents=60000,
        purpose="Achterstand energie, zodat afsluiting niet doorgaat",
    )
    with pytest.raises(InvalidData) as too_much:
        record_spending(
            first,
            manager,
            kind="maatwerk",
            spent_on=clock.today(),
            amount_cents=200000,
            purpose="Meubels",
        )
    assert too_much.value.field_errors["amount"] == (
        "Dit is meer dan er over is van het budget: nog € 1.900,00."
    )
    with pytest.raises(NotAuthorised):
        record_spending(
            first,
            office.wmo_consulent,
            kind="maatwerk",
            spent_on=clock.today(),
            amount_cents=100,
            purpose="x",
        )
    commit()
    report = cohort_report(cohort, scope_for(manager), clock.today())
    assert report.households == 2
    peters_line = next(line for line in report.lines if line.member.id == first.id)
    # Three running actions by three providers when they joined; the budget plan is done now.
    assert (peters_line.at_start.running, peters_line.at_start.providers) == (3, 3)
    assert (peters_line.now.running, peters_line.now.providers) == (2, 2)
    assert (report.total("at_start", "running"), report.total("now", "running")) == (6, 5)
    assert (report.budget_cents, report.spent_cents) == (400000, 60000)
    assert report.used_percent == pytest.approx(15.0)
    assert {r.domain for r in report.domains} == {"financien", "lichamelijke_gezondheid"}
    _sums_agree(report)


def test_the_cohort_pages(
    client: FlaskClient, office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    plan = running_plan(office)
    commit()
    login(client, office.teammanager)
    made = client.post(
        "/regie/cohorten/",
        data={
            "cohort-name": "50-gezinnenaanpak",
            "cohort-municipality_id": str(office.maastricht.id),
            "cohort-started_on": "2026-03-01",
        },
    )
    assert made.status_code == 302
    cohort = db.session.scalars(sa.select(Cohort)).one()
    wrong = client.post(
        f"/regie/cohorten/{cohort.id}/huishoudens",
        data={"lid-household_id": "0", "lid-started_on": "2026-02-01", "lid-budget": "veel"},
    )
    page = _text(wrong)
    assert wrong.status_code == 400
    assert 'id="lid-household_id-fout">Kies een huishouden van de gemeente van de cohort.' in page
    assert 'id="lid-started_on-fout">De aanpak begon pas op 01-03-2026.' in page
    assert "Vul het budget in euro&#39;s in" in page or "Vul het budget in euro's in" in page
    added = client.post(
        f"/regie/cohorten/{cohort.id}/huishoudens",
        data={
            "lid-household_id": str(plan.household_id),
            "lid-started_on": "2026-03-02",
            "lid-budget": "2.500",
        },
    )
    assert added.status_code == 302
    shown = _text(client.get(f"/regie/cohorten/{cohort.id}"))
    assert "Budget: € 2.500,00, gebruikt € 0,00 (0,0%)." in shown
    assert "Huishouden Peters" in shown
    client.post("/logout")
    reader = factory.user(Role.GEMEENTE, municipalities=[office.maastricht], username="raad")
    login(client, reader)
    seen = _text(client.get(f"/regie/cohorten/{cohort.id}"))
    assert "Budget: € 2.500,00" in seen and "Huishouden Peters" not in seen
    client.post("/logout")
    vaals = factory.municipality("vaals", "Vaals")
    outsider = factory.user(Role.TEAMMANAGER, municipalities=[vaals], username="vaalsmanager")
    login(client, outsider)
    assert client.get(f"/regie/cohorten/{cohort.id}").status_code == 403


def test_the_demo_cohort_report_matches_its_lines(
    app: Flask, travel: time_machine.Traveller
) -> None:
    seed(case_count=20)
    cohort = db.session.scalars(sa.select(Cohort)).one()
    manager = db.session.scalars(sa.select(User).where(User.username == "teammanager")).one()
    report = cohort_report(cohort, scope_for(manager), clock.today())
    assert report.households >= 4
    assert report.spent_cents > 0 and report.domains
    _sums_agree(report)
