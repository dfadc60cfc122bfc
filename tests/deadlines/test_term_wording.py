"""How a term names its length and its first day: one wording for titles and explanations."""

from caseflow.deadlines import TermSpec, describe_length, explain

from .dates import on


def test_a_length_reads_as_a_title_says_it() -> None:
    assert describe_length(weeks=6) == "6 weken"
    assert describe_length(weeks=1, days=2) == "1 week en 2 dagen"
    assert describe_length(days=7) == "7 dagen"
    assert describe_length(working_days=1) == "1 werkdag"
    assert describe_length(weeks=2, working_days=3) == "2 weken en 3 werkdagen"


def test_a_term_counted_from_the_melding_says_where_it_came_in() -> None:
    steps = explain(
        on("vr 2026-04-03"), TermSpec(working_days=3), received_as="Gemeld bij de centrale toegang"
    )
    assert steps == [
        "Gemeld bij de centrale toegang op vrijdag 3 april 2026.",
        "Termijn van 3 werkdagen (zaterdag, zondag en feestdagen tellen niet mee): loopt tot "
        "donderdag 9 april 2026.",
        "Uiterste datum: donderdag 9 april 2026.",
    ]


def test_a_regulations_term_does_not_move_and_says_why() -> None:
    term = TermSpec(weeks=4, statutory=False, by_regulation=True)
    assert explain(on("ma 2026-03-30"), term)[-2:] == [
        "Deze termijn staat in een gemeentelijke verordening: de Algemene termijnenwet geldt "
        "niet, dus de termijn blijft op maandag 27 april 2026.",
        "Uiterste datum: maandag 27 april 2026.",
    ]
    service_norm = TermSpec(weeks=4, statutory=False)
    assert explain(on("ma 2026-03-30"), service_norm)[-2].startswith("Dit is een servicenorm")
