"""Effect indicators: the change of the self-reliance scores per life domain between intake,
plan start and the latest evaluation, per team and period; every figure matches the list of
goals behind it, for the demo too."""

from datetime import timedelta

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.demo import seed
from caseflow.extensions import db
from caseflow.models import Role, User
from caseflow.plans import lifecycle
from caseflow.plans.effects import DomainEffect, EffectFilter, average, effects, goals_behind
from caseflow.reports.periods import Period
from caseflow.scope.reports import ReportScope, scope_for
from caseflow.unit_of_work import commit
from tests.factories import Factory
from tests.offices import Office, login
from tests.plans.helpers import running_plan


def _evaluate(office: Office, family: str, scores: tuple[int, int]) -> None:
    plan = running_plan(office, family)
    lifecycle.evaluate(
        plan,
        office.regisseur,
        lifecycle.EvaluationInput(
            held_on=clock.today(),
            scores={g.id: s for g, s in zip(plan.goals, scores, strict=True)},
            what_changed="Vooruitgang.",
            household_view=None,
            decision="voortzetten",
            next_evaluation_on=clock.today() + timedelta(weeks=8),
        ),
    )


def _matches_its_goals(reader: ReportScope, chosen: EffectFilter, row: DomainEffect) -> None:
    goals = goals_behind(reader, chosen, row.domain)
    evaluated = [g for g in goals if g.evaluated]
    intake = [g.intake_score for g in goals if g.intake_score is not None]
    assert len(goals) == row.goals
    assert len(intake) == row.intake_scored
    assert average(intake) == pytest.approx(row.intake_average)
    assert average([g.start_score for g in goals]) == pytest.approx(row.start_average)
    assert len(evaluated) == row.evaluated
    if evaluated:
        before = average([g.start_score for g in evaluated])
        after = average([g.current_score for g in evaluated])
        assert (before, after) == (
            pytest.approx(row.evaluated_start_average),
            pytest.approx(row.evaluated_average),
        )


def test_the_change_per_life_domain_agrees_with_the_goals_behind_it(
    office: Office, travel: time_machine.Traveller
) -> None:
    _evaluate(office, "Peters", (3, 3))
    _evaluate(office, "Jacobs", (4, 2))
    running_plan(office, "Dassen")  # not evaluated yet
    commit()
    reader = scope_for(office.teammanager)
    chosen = EffectFilter(Period.year(2026))
    rows = {r.domain: r for r in effects(reader, chosen)}
    money = rows["financien"]
    assert (money.goals, money.intake_scored, money.intake_average, money.start_average) == (
        3,
        3,
        2.0,
        2.0,
    )
    assert (money.evaluated, money.evaluated_start_average, money.evaluated_average) == (
        2,
        2.0,
        3.5,
    )
    assert money.change == pytest.approx(1.5)
    assert rows["lichamelijke_gezondheid"].change == pytest.approx(0.5)
    for row in rows.values():
        _matches_its_goals(reader, chosen, row)
    # Another period, another team: nothing of these plans.
    assert effects(reader, EffectFilter(Period.year(2025))) == []
    other = EffectFilter(Period.year(2026), team_id=office.team_zuidoost.id)
    assert effects(reader, other) == []


def test_the_pages_show_the_figures_and_only_who_may_list_cases_sees_the_goals(
    client: FlaskClient, office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    _evaluate(office, "Peters", (3, 3))
    commit()
    login(client, office.teammanager)
    page = client.get("/regie/effecten/?periode=2026").get_data(as_text=True)
    assert (
        "Financiën</a>" in page
        and '<td class="utrecht-table__cell utrecht-table__cell--numeric-column">+1,0</td>' in page
    )
    listed = client.get("/regie/effecten/financien?periode=2026").get_data(as_text=True)
    assert "Z-2026-" in listed and "Doelen op financiën (1)" in listed
    client.post("/logout")
    reader = factory.user(Role.GEMEENTE, municipalities=[office.maastricht], username="raad")
    login(client, reader)
    assert "Financiën" in client.get("/regie/effecten/").get_data(as_text=True)
    assert client.get("/regie/effecten/financien").status_code == 403
    client.post("/logout")
    login(client, office.regisseur)  # no report reader
    assert client.get("/regie/effecten/").status_code == 403


def test_the_demo_effects_match_their_drill_down(
    app: Flask, travel: time_machine.Traveller
) -> None:
    seed(case_count=20)
    manager = db.session.query(User).filter_by(username="teammanager").one()
    reader = scope_for(manager)
    chosen = EffectFilter(Period.everything())
    rows = effects(reader, chosen)
    assert {r.domain for r in rows} == {"financien", "huiselijke_relaties"}
    assert all(r.evaluated for r in rows)
    for row in rows:
        _matches_its_goals(reader, chosen, row)
