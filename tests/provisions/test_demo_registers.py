"""The demo's registers: provisions and benefits decided through the engine over four years, with
realistic durations and some ending soon, and Maastricht's plan to compare them with."""

from dataclasses import replace
from datetime import timedelta

import sqlalchemy as sa
import time_machine
from flask import Flask

from caseflow import clock
from caseflow.demo import seed
from caseflow.extensions import db
from caseflow.models import Benefit, CaseEvent, Municipality, Norm, Provision
from caseflow.reports.filters import ReportFilter
from caseflow.reports.norms import compare
from caseflow.reports.periods import Period
from caseflow.reports.registry import indicator
from tests.reports.helpers import assert_drill_downs_match


def test_every_demo_provision_and_benefit_came_from_a_decision_through_the_engine(
    app: Flask, travel: time_machine.Traveller
) -> None:
    seed(case_count=80)
    provisions = db.session.scalars(sa.select(Provision)).all()
    benefits = db.session.scalars(sa.select(Benefit)).all()
    assert len(provisions) > 40 and len(benefits) > 10
    granted = {
        item["id"]
        for data in db.session.scalars(
            sa.select(CaseEvent.data).where(CaseEvent.trigger == "besluiten")
        )
        for item in data.get("producten", [])
    }
    assert {p.id for p in provisions} == granted
    today = clock.today()
    starts = sorted(p.start_date for p in provisions)
    assert starts[0] < today - timedelta(days=3 * 365), "four years of history"
    soon = [
        p for p in provisions if p.end_date and today <= p.end_date <= today + timedelta(weeks=8)
    ]
    assert soon, "some provisions end within the herindicatie lead time"
    assert any(p.end_date is None for p in provisions), "some run without an end"
    assert any(p.ended_reason for p in provisions) and any(b.end_reason for b in benefits)
    assert all(b.mutations[0].kind == "start" for b in benefits)

    maastricht = db.session.scalars(
        sa.select(Municipality).where(Municipality.code == "maastricht")
    ).one()
    assert db.session.scalar(
        sa.select(sa.func.count(Norm.id)).where(Norm.municipality_id == maastricht.id)
    )
    year = Period.custom(today.replace(month=1, day=1), today)
    report = ReportFilter(today=today, period=year, municipality_ids=(maastricht.id,))
    planned = {c.target.code: c for c in compare(report, maastricht.id, today.year) if c.norm}
    assert (
        planned["voorzieningen_hbh"].actual and planned["voorzieningen_hbh"].deviation is not None
    )
    assert planned["preventiequote"].norm_value == 40.0
    # The MER figures of the demo's Maastricht, this year and per year over four, each open a
    # list of exactly that many provisions or benefits.
    four_years = Period.custom(today.replace(year=today.year - 3, month=1, day=1), today)
    for code in ("voorzieningen_hbh", "uitkeringen", "uitkeringen_verloop"):
        assert_drill_downs_match(indicator(code).run(report))
        per_year = indicator(code).run(replace(report, period=four_years), ["jaar"])
        assert per_year.rows
        assert_drill_downs_match(per_year)
    assert indicator("voorzieningen_hbh").run(report).total.values["lopend"] == (
        planned["voorzieningen_hbh"].actual
    )
