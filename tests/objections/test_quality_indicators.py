"""The service agreement's quality indicators: bezwaar on time, upheld objections per contested
domain, objections per 1,000 decisions, complaints upheld and on time, the clients' grade; in the
four-monthly report with their norms, and every count matching its list."""

from datetime import date
from decimal import Decimal

import time_machine

from caseflow.complaints.register import ComplaintInput, register_complaint
from caseflow.extensions import db
from caseflow.models import Case, Norm
from caseflow.reports import municipal
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period
from caseflow.reports.registry import indicator
from caseflow.reports.timeliness import HEADLINE
from caseflow.survey.answers import invitation_for, record_answers, refuse
from caseflow.survey.invitations import invite
from caseflow.workflow.engine import assign, fire
from tests.factories import Factory
from tests.objections.helpers import at, lodge, refused_wmo, take_up
from tests.offices import Office
from tests.reports.helpers import assert_drill_downs_match, table

TERTIAL = Period.parse("2026-T2")  # May to August 2026


def _filter(office: Office, today: str = "2026-08-31") -> ReportFilter:
    return ReportFilter(
        today=date.fromisoformat(today), period=TERTIAL, municipality_ids=(office.gemeente.id,)
    )


def _decide_objection(office: Office, objection: Case, resultaat: str) -> None:
    take_up(office, objection)
    fire(objection, "niet_horen", office.jurist, {"grond_niet_horen": "afgezien"})
    fire(objection, "besluiten", office.jurist, {"resultaat": resultaat, "motivering": "."})


def _complaint(office: Office, resultaat: str | None) -> Case:
    case = register_complaint(
        office.gemeente,
        office.consulent,
        ComplaintInput(office.wmo.id, date(2026, 5, 4), "brief", "Niet teruggebeld.", "A. Jansen"),
    )
    coordinator = office.coordinator
    assign(case, coordinator, coordinator)
    fire(case, "ontvangst_bevestigen", coordinator, {})
    if resultaat:
        fire(case, "niet_horen", coordinator, {"grond_niet_horen": "afgezien"})
        fire(case, "afhandelen", coordinator, {"resultaat": resultaat, "bevindingen": "."})
    return case


def _quality_year(office: Office, travel: time_machine.Traveller) -> None:
    """Three Wmo decisions in May; two objections against them, one upheld; two complaints."""
    at(travel, "2026-05-04")
    first, second = refused_wmo(office), refused_wmo(office)
    refused_wmo(office, "toegekend")
    at(travel, "2026-05-11")
    upheld = lodge(office, first, made_known="2026-05-04", received="2026-05-11")
    rejected = lodge(office, second, made_known="2026-05-04", received="2026-05-11")
    _decide_objection(office, upheld, "gegrond")
    _decide_objection(office, rejected, "ongegrond")
    _complaint(office, "gegrond")
    _complaint(office, None)


def test_objections_are_counted_per_contested_domain_and_per_thousand_decisions(
    office: Office, travel: time_machine.Traveller
) -> None:
    _quality_year(office, travel)

    upheld = indicator("bezwaren_gegrond").run(_filter(office), ["bestreden_domein"])
    assert table(upheld)[("Wmo",)]["percentage_gegrond"] == 50.0
    assert upheld.total.values["ingediend"] == 2  # the complaints are not objections
    assert_drill_downs_match(upheld)

    per_thousand = indicator("bezwaren_per_besluiten").run(_filter(office), ["domein"])
    # Three decisions in May, and the new decision the upheld objection opened is not yet one.
    assert table(per_thousand)[("Wmo",)] == {"besluiten": 3, "bezwaren": 2, "per_1000": 666.7}
    assert_drill_downs_match(per_thousand)

    on_time = indicator("bezwaren_tijdig").run(_filter(office), ["zaaktype"])
    assert table(on_time)[("Bezwaarschrift",)][HEADLINE] == 100.0
    assert set(table(on_time)) == {("Bezwaarschrift",)}
    assert_drill_downs_match(on_time)


def test_complaints_upheld_and_on_time(office: Office, travel: time_machine.Traveller) -> None:
    _quality_year(office, travel)

    upheld = indicator("klachten_gegrond").run(_filter(office), ["zaaktype"])
    assert table(upheld)[("Klacht",)] == {
        "ingediend": 2,
        "gegrond": 1,
        "niet_gegrond": 0,
        "ingetrokken": 0,
        "in_behandeling": 1,
        "percentage_gegrond": 50.0,
    }
    assert_drill_downs_match(upheld)
    # Received on 4 May: six weeks end on Monday 15 June; on 31 August the open one is late.
    on_time = indicator("klachten_tijdig").run(_filter(office), [])
    assert (on_time.total.values["afgehandeld_tijdig"], on_time.total.values["open_te_laat"]) == (
        1,
        1,
    )
    assert_drill_downs_match(on_time)


def test_the_clients_grade_share_of_passes_recommendation_and_response(
    factory: Factory, office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-05-04")
    tokens = [
        invite(refused_wmo(office, client=factory.person(office.gemeente, family)))
        for family in ("Smeets", "Claessen", "Wetzels")
    ]
    invitations = [invitation_for(t or "") for t in tokens]
    assert all(invitations)
    record_answers(invitations[0], {"cijfer": "8", "aanbevelen": "10"})  # type: ignore[arg-type]
    record_answers(invitations[1], {"cijfer": "5", "aanbevelen": "6"})  # type: ignore[arg-type]
    refuse(invitations[2])  # type: ignore[arg-type]

    result = indicator("clientwaardering").run(_filter(office), ["domein"])

    assert table(result)[("Wmo",)] == {
        "uitnodigingen": 3,
        "antwoorden": 2,
        "gemiddeld_cijfer": 6.5,
        "percentage_voldoende": 50.0,
        "aanbevelingsscore": 0.0,  # one 10 (promoter) and one 6 (critic) of two
        "respons": 66.7,
    }
    by_team = indicator("clientwaardering").run(_filter(office), ["gemeente", "team"])
    assert list(table(by_team)) == [("Maastricht", "Team Wmo")]


def test_the_four_monthly_report_holds_the_four_quality_norms(
    office: Office, travel: time_machine.Traveller
) -> None:
    _quality_year(office, travel)
    for code, value in (
        ("bezwaren_tijdig", "85"),
        ("bezwaren_gegrond", "25"),
        ("klachten_gegrond", "10"),
        ("clientwaardering", "7"),
    ):
        db.session.add(
            Norm(
                municipality_id=office.gemeente.id,
                indicator=code,
                year=2026,
                value=Decimal(value),
                source="DVO 2026",
            )
        )
    db.session.flush()
    at(travel, "2026-09-07")

    report = municipal.build(
        office.gemeente, TERTIAL, ReportFilter(today=date(2026, 9, 7)), municipal.FOUR_MONTHLY
    )

    compared = {c.target.code: c for c in report.comparisons if c.norm is not None}
    assert set(compared) == {
        "bezwaren_tijdig",
        "bezwaren_gegrond",
        "klachten_gegrond",
        "clientwaardering",
    }
    assert compared["bezwaren_gegrond"].actual == 50.0
    assert compared["bezwaren_gegrond"].deviation == 100.0
    assert compared["bezwaren_gegrond"].meets is False
    assert compared["klachten_gegrond"].legend == "Boven de norm (voldoet niet)"
    titles = [s.title for s in report.sections]
    for title in (
        "Bezwaren op tijd beslist",
        "Gegronde bezwaren per domein van het bestreden besluit",
        "Bezwaren per 1.000 besluiten",
        "Klachten",
        "Cliëntwaardering",
    ):
        assert title in titles
    for section in report.sections:
        if section.result.indicator.code in {
            "bezwaren_tijdig",
            "bezwaren_gegrond",
            "klachten_gegrond",
        }:
            assert_drill_downs_match(section.result)
