from datetime import date

from caseflow.deadlines import HolidayCalendar, TermSpec, explain, legal_due_date
from caseflow.deadlines.dutch_dates import format_date

from .dates import on


def test_format_date_in_dutch() -> None:
    assert format_date(on("do 2026-03-19")) == "donderdag 19 maart 2026"
    weekdays = [format_date(date(2026, 3, day)).split()[0] for day in range(2, 9)]
    assert weekdays == [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ]
    months = [format_date(date(2026, month, 1)).split()[2] for month in range(1, 13)]
    assert months == [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]


def test_wmo_request_suspended_onto_easter_monday() -> None:
    steps = explain(
        on("do 2026-03-19"),
        TermSpec(weeks=2, suspensions=((on("ma 2026-03-23"), on("vr 2026-03-27")),)),
    )
    assert steps == [
        "Ontvangen op donderdag 19 maart 2026.",
        "Termijn van 2 weken: loopt tot donderdag 2 april 2026.",
        "Opgeschort van maandag 23 maart 2026 tot vrijdag 27 maart 2026: 4 dagen erbij, "
        "nu maandag 6 april 2026.",
        "Maandag 6 april 2026 is Tweede Paasdag; volgens de Algemene termijnenwet (art. 1) "
        "schuift de termijn door naar dinsdag 7 april 2026.",
        "Uiterste datum: dinsdag 7 april 2026.",
    ]


def test_weekend_and_holiday_are_both_named() -> None:
    steps = explain(on("vr 2026-03-27"), TermSpec(weeks=1, days=1))
    assert steps[1] == "Termijn van 1 week en 1 dag: loopt tot zaterdag 4 april 2026."
    assert steps[2] == (
        "Zaterdag 4 april 2026 valt in het weekend en maandag 6 april 2026 is Tweede Paasdag; "
        "volgens de Algemene termijnenwet (art. 1) schuift de termijn door naar "
        "dinsdag 7 april 2026."
    )


def test_good_friday_explained() -> None:
    steps = explain(on("vr 2026-03-27"), TermSpec(weeks=1))
    assert steps[2].startswith("Vrijdag 3 april 2026 is Goede Vrijdag en maandag 6 april 2026")


def test_royal_decree_day_explained() -> None:
    calendar = HolidayCalendar(extra_days=[on("vr 2026-05-15")])
    steps = explain(on("do 2026-04-30"), TermSpec(weeks=2), calendar=calendar)
    assert steps[2].startswith(
        "Donderdag 14 mei 2026 is Hemelvaartsdag en vrijdag 15 mei 2026 is een bij koninklijk "
        "besluit met een feestdag gelijkgestelde dag;"
    )
    assert steps[-1] == "Uiterste datum: maandag 18 mei 2026."


def test_article_2_explained() -> None:
    steps = explain(on("vr 2026-03-06"), TermSpec(days=3))
    assert steps == [
        "Ontvangen op vrijdag 6 maart 2026.",
        "Termijn van 3 dagen: loopt tot maandag 9 maart 2026.",
        "De termijn bevat maar 1 werkdag; volgens de Algemene termijnenwet (art. 2) moeten dat "
        "er minstens 2 zijn, dus loopt de termijn door tot dinsdag 10 maart 2026.",
        "Uiterste datum: dinsdag 10 maart 2026.",
    ]


def test_article_2_without_any_working_day_explained() -> None:
    steps = explain(on("do 2026-04-02"), TermSpec(days=3))
    assert steps[2].startswith("De termijn bevat geen enkele werkdag;")


def test_article_4_explained() -> None:
    steps = explain(on("zo 2026-01-04"), TermSpec(weeks=13))
    assert steps[2] == (
        "De termijn is langer dan 12 weken; volgens de Algemene termijnenwet (art. 4) schuift "
        "hij daarom niet door en blijft op zondag 5 april 2026."
    )
    assert "90 dagen" in explain(on("zo 2026-01-04"), TermSpec(days=91))[2]


def test_service_norm_explained() -> None:
    steps = explain(on("do 2026-03-26"), TermSpec(days=10, statutory=False))
    assert steps[2] == (
        "Dit is een servicenorm: de Algemene termijnenwet geldt niet, "
        "dus de termijn blijft op zondag 5 april 2026."
    )


def test_working_days_and_extension_explained() -> None:
    steps = explain(on("vr 2026-03-06"), TermSpec(working_days=3, extension_weeks=1))
    assert steps == [
        "Ontvangen op vrijdag 6 maart 2026.",
        "Termijn van 3 werkdagen (zaterdag, zondag en feestdagen tellen niet mee): "
        "loopt tot woensdag 11 maart 2026.",
        "Verdaagd met 1 week: nu woensdag 18 maart 2026.",
        "Uiterste datum: woensdag 18 maart 2026.",
    ]


def test_calendar_part_then_working_days_explained() -> None:
    steps = explain(on("do 2026-03-26"), TermSpec(weeks=1, working_days=1))
    assert steps[1] == "Termijn van 1 week: loopt tot donderdag 2 april 2026."
    assert steps[2].startswith("Daarna 1 werkdag (")
    assert steps[-1] == "Uiterste datum: dinsdag 7 april 2026."


def test_suspensions_are_explained_in_date_order() -> None:
    steps = explain(
        on("ma 2026-03-16"),
        TermSpec(
            weeks=2,
            suspensions=(
                (on("wo 2026-03-25"), on("vr 2026-03-27")),
                (on("wo 2026-03-18"), on("wo 2026-03-18")),
                (on("wo 2026-03-18"), on("do 2026-03-19")),
            ),
        ),
    )
    assert steps[2] == (
        "Opschorting van woensdag 18 maart 2026 tot woensdag 18 maart 2026 duurt 0 dagen: "
        "blijft maandag 30 maart 2026."
    )
    assert steps[3] == (
        "Opgeschort van woensdag 18 maart 2026 tot donderdag 19 maart 2026: 1 dag erbij, "
        "nu dinsdag 31 maart 2026."
    )
    assert steps[4].startswith("Opgeschort van woensdag 25 maart 2026")


def test_no_term_explained() -> None:
    assert explain(on("wo 2026-03-04"), TermSpec()) == [
        "Ontvangen op woensdag 4 maart 2026.",
        "Termijn van 0 dagen: loopt tot woensdag 4 maart 2026.",
        "Uiterste datum: woensdag 4 maart 2026.",
    ]


def test_last_line_matches_the_due_date() -> None:
    received = on("do 2026-04-02")
    due = legal_due_date(received, TermSpec(days=4))
    assert explain(received, TermSpec(days=4))[-1] == f"Uiterste datum: {format_date(due)}."
