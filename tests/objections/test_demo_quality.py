"""The demo organisation has objections linked to decisions, complaints, survey answers and a
quality sample, all through the real paths; its four-monthly report shows the four DVO quality
indicators against their norms, and their numbers match their lists."""

import re

import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.demo import seed
from caseflow.extensions import db
from caseflow.models import (
    Case,
    Complaint,
    Municipality,
    Objection,
    QualityFinding,
    SurveyInvitation,
    SurveyResponse,
)
from caseflow.reports import municipal
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import tertial_of
from tests.reports.helpers import assert_drill_downs_match

DVO = {"bezwaren_tijdig", "bezwaren_gegrond", "klachten_gegrond", "clientwaardering"}


def test_the_demo_fills_the_quality_indicators_of_the_tertial_report(
    app: Flask, travel: time_machine.Traveller
) -> None:
    seed(case_count=120)

    def count(model: type) -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0

    assert count(Objection) >= 8
    assert count(Complaint) == 6
    assert count(SurveyResponse) > 0 and count(SurveyInvitation) > count(SurveyResponse)
    assert count(QualityFinding) > 0
    # Every objection is linked to a decision and is a case of the engine.
    for objection in db.session.scalars(sa.select(Objection)):
        assert objection.contested_event.case_id == objection.contested_case_id
        assert objection.case.events[0].trigger == "aanmaken"
    upheld = db.session.scalars(
        sa.select(Case).where(Case.case_type == "bezwaar", Case.result == "gegrond")
    ).all()
    for case in upheld:
        assert db.session.scalar(sa.select(sa.func.count()).where(Case.parent_id == case.id)) == 1

    maastricht = db.session.scalars(
        sa.select(Municipality).where(Municipality.code == "maastricht")
    ).one()
    period = tertial_of(clock.today())
    report = municipal.build(
        maastricht, period, ReportFilter(today=clock.today()), municipal.FOUR_MONTHLY
    )

    compared = {c.target.code: c for c in report.comparisons if c.norm is not None}
    assert set(compared) >= DVO
    for code in DVO:
        comparison = compared[code]
        assert comparison.legend != "Geen norm of raming vastgesteld"
        if comparison.actual is not None:
            assert comparison.deviation is not None
    checked = 0
    for section in report.sections:
        if section.result.indicator.code in DVO - {"clientwaardering"}:
            assert_drill_downs_match(section.result)
            checked += 1
    assert checked >= 3


def test_the_demo_bestuursrapportage_page_links_every_quality_count_to_its_list(
    app: Flask, client: FlaskClient, travel: time_machine.Traveller
) -> None:
    from tests.reports.test_demo_maastricht import LINK, _listed, _login, _text

    seed(case_count=120)
    db.session.commit()
    maastricht = db.session.scalars(
        sa.select(Municipality).where(Municipality.code == "maastricht")
    ).one()
    _login(client, "kwaliteit")

    page = _text(
        client, f"/rapportages/gemeenten/{maastricht.id}/bestuursrapportage?periode=2026-T1"
    )

    for label in (
        "Bezwaren op tijd beslist (%, lopende termijnen meegeteld)",
        "Gegronde bezwaren (% van de ingediende)",
        "Gegronde klachten (% van de ingediende)",
        "Cliëntwaardering: gemiddeld cijfer",
    ):
        assert label in page
    quality = [
        (href, shown)
        for href, shown in LINK.findall(page)
        if re.search(r"/indicatoren/(bezwaren_tijdig|bezwaren_gegrond|klachten_gegrond)/", href)
    ]
    assert quality, "the quality sections link their counts"
    for raw, shown in quality:
        counted, rows, hidden = _listed(client, raw.replace("&amp;", "&"))
        assert counted == int(shown) and rows + hidden == counted, raw
