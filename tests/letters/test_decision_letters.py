"""Jeugd, the Participatiewet, Bbz, IOAW, IOAZ and bijzondere bijstand: the decision is a
beschikking, so its step
drafts the letter that names what was granted, why, on which legal basis, and where and until
when bezwaar can be made; asking for information and postponing the decision are letters too."""

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
import yaml

from caseflow import clock
from caseflow.letters.compose import compose, letter_html
from caseflow.letters.fields import long_date
from caseflow.letters.sending import send_letter
from caseflow.models import Case, Letter
from caseflow.workflow.engine import assign, fire, start_case
from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.loader import load_workflow
from tests.factories import granted
from tests.letters.helpers import drafted, pdf_text, seen, send_drafted
from tests.offices import Office

# Made known on Monday 2 March 2026: bezwaar until Monday 13 April (Awb 6:7, 6:8).
CLAUSE = (
    "Dan kunt u bezwaar maken. Dat moet binnen 6 weken na de datum van deze brief, dus "
    "uiterlijk op 13 april 2026."
)
HOW = "Schrijf in uw bezwaar: uw naam en adres, de datum, het zaaknummer"
FOOTER = "Wettelijke grondslag van deze brief:"
GROUNDS = "Wij hebben de situatie met u besproken en de stukken bekeken."

# The steps from a new case to one in handling, per case type.
TO_HANDLING: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "jeugd": [
        ("oppakken", {}),
        ("verslag_vastleggen", {"gespreksvorm": "gezinsgesprek", "verslag": "Zoon blijft thuis."}),
    ],
    "pw_aanvraag": [("aanvraag_ontvangen", {}), ("oppakken", {})],
    "bbz": [("oppakken", {})],
    "ioaw": [("oppakken", {})],
    "ioaz": [("oppakken", {})],
    "bijzondere_bijstand": [("oppakken", {})],
}
BENEFIT_BASIS = {
    "pw_aanvraag": "Participatiewet art. 11, 43 en 44; Awb 1:3",
    "bbz": "Besluit bijstandverlening zelfstandigen 2004, art. 2; Awb 1:3",
    "ioaw": "Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte werkloze "
    "werknemers (IOAW), hoofdstuk II; Awb 1:3",
    "ioaz": "Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte gewezen "
    "zelfstandigen (IOAZ), art. 5; Awb 1:3",
}
SCHEME = {"pw_aanvraag": "Participatiewet", "bbz": "Bbz (levensonderhoud zelfstandigen)"}
SCHEME |= {"ioaw": "IOAW", "ioaz": "IOAZ"}


def in_handling(office: Office, case_type: str) -> Case:
    consulent = office.consulent
    team = office.jeugd if case_type == "jeugd" else office.participatie
    case = start_case(
        case_type, municipality=office.gemeente, actor=consulent, person=office.client, team=team
    )
    assign(case, consulent, consulent)
    for trigger, data in TO_HANDLING[case_type]:
        fire(case, trigger, consulent, data)
    return case


def decide(office: Office, case: Case, result: str, **more: Any) -> Letter:
    data = {"resultaat": result, "motivering": GROUNDS, **granted(case, result), **more}
    fire(case, "besluiten", office.consulent, data)
    return drafted(case)


def read(letter: Letter, office: Office) -> str:
    """The letter as its preview shows it today, as text."""
    return seen(str(letter_html(compose(letter, clock.today(), office.consulent))))


@pytest.mark.parametrize("case_type", sorted(BENEFIT_BASIS))
def test_a_granted_benefit_is_a_letter_with_the_benefit_its_basis_and_the_bezwaar_clause(
    social_office: Office, case_type: str
) -> None:
    office = social_office
    case = in_handling(office, case_type)
    letter = decide(office, case, "toegekend")
    assert letter.kind == "beschikking_toekenning_uitkering"
    assert case.events[-1].data["brief"] == "Beschikking: toekenning uitkering"
    text = read(letter, office)
    assert "Wij hebben besloten: u krijgt een uitkering." in text
    assert f"Soort uitkering: {SCHEME[case_type]}" in text
    assert "De uitkering gaat in op: 2 maart 2026" in text
    assert "Arbeidsvermogen: Volledig arbeidsvermogen." in text
    assert GROUNDS in text
    assert f"op grond van: {BENEFIT_BASIS[case_type]}." in text
    assert f"{FOOTER} {BENEFIT_BASIS[case_type]}; Algemene wet bestuursrecht art. 3:46" in text
    assert CLAUSE in text and HOW in text
    assert "Vertel het ons meteen als er iets verandert." in text


def test_granted_jeugdhulp_is_a_letter_with_the_help_its_basis_and_the_bezwaar_clause(
    social_office: Office,
) -> None:
    office = social_office
    case = in_handling(office, "jeugd")
    letter = decide(office, case, "toegekend")
    assert letter.kind == "beschikking_toekenning_jeugd"
    assert case.events[-1].data["brief"] == "Beschikking: toekenning jeugdhulp"
    text = read(letter, office)
    assert "Wij hebben besloten: u krijgt de jeugdhulp die u heeft gevraagd." in text
    assert "Ambulante jeugdhulp: 1 uur per week, zorg in natura door Zorggroep Heuvelland" in text
    assert "vanaf 2 maart 2026 tot en met 2 maart 2026" in text
    assert GROUNDS in text
    assert "op grond van: Jeugdwet art. 2.3; Awb 1:3." in text
    assert f"{FOOTER} Jeugdwet art. 2.3; Algemene wet bestuursrecht art. 3:46 en 3:47" in text
    assert CLAUSE in text and HOW in text


def test_granted_bijzondere_bijstand_is_a_letter_with_what_for_how_much_and_the_clause(
    social_office: Office,
) -> None:
    office = social_office
    case = in_handling(office, "bijzondere_bijstand")
    letter = decide(office, case, "toegekend", kosten="Een nieuwe wasmachine", bedrag=450)
    assert letter.kind == "beschikking_toekenning_bijzondere_bijstand"
    assert case.events[-1].data["brief"] == "Beschikking: toekenning bijzondere bijstand"
    text = read(letter, office)
    assert "Wij hebben besloten: u krijgt bijzondere bijstand." in text
    assert "Voor: Een nieuwe wasmachine Bedrag: € 450" in text
    assert GROUNDS in text
    assert "op grond van: Participatiewet art. 35; Awb 1:3." in text
    assert f"{FOOTER} Participatiewet art. 35; Algemene wet bestuursrecht art. 3:46" in text
    assert CLAUSE in text and HOW in text


@pytest.mark.parametrize(
    ("case_type", "result", "kind", "says"),
    [
        (
            "jeugd",
            "deels_toegekend",
            "beschikking_gedeeltelijk_jeugd",
            [
                "u krijgt een deel van de jeugdhulp die u heeft gevraagd.",
                "Ambulante jeugdhulp: 1 uur per week",
                "Wat krijgt u niet? De rest past in het voorliggend veld.",
            ],
        ),
        (
            "jeugd",
            "afgewezen",
            "beschikking_afwijzing_jeugd",
            ["Wij hebben besloten: u krijgt deze jeugdhulp niet.", "Jeugdwet art. 2.3"],
        ),
        (
            "pw_aanvraag",
            "afgewezen",
            "beschikking_afwijzing_uitkering",
            ["Wij hebben besloten: u krijgt geen uitkering.", BENEFIT_BASIS["pw_aanvraag"]],
        ),
        (
            "bijzondere_bijstand",
            "afgewezen",
            "beschikking_afwijzing_bijzondere_bijstand",
            ["Wij hebben besloten: u krijgt geen bijzondere bijstand.", "Participatiewet art. 35"],
        ),
        (
            "bijzondere_bijstand",
            "deels_toegekend",
            "beschikking_gedeeltelijk_bijzondere_bijstand",
            ["u krijgt bijzondere bijstand voor een deel van de kosten.", "Wat krijgt u?"],
        ),
        (
            "ioaz",
            "buiten_behandeling",
            "beschikking_buiten_behandeling",
            [
                "Daarom hebben wij besloten: wij behandelen uw aanvraag niet.",
                "op grond van artikel 4:5 van de Algemene wet bestuursrecht",
                f"{FOOTER} Algemene wet bestuursrecht art. 4:5",
                "U kunt opnieuw een aanvraag doen.",
            ],
        ),
    ],
    ids=[
        "jeugd-deels",
        "jeugd-afgewezen",
        "pw-afgewezen",
        "bijzondere-bijstand-afgewezen",
        "bijzondere-bijstand-deels-zonder-bedrag",
        "ioaz-buiten-behandeling",
    ],
)
def test_every_other_result_is_a_beschikking_with_its_reasons_and_the_bezwaar_clause(
    social_office: Office, case_type: str, result: str, kind: str, says: list[str]
) -> None:
    office = social_office
    case = in_handling(office, case_type)
    letter = decide(office, case, result)
    assert letter.kind == kind
    text = read(letter, office)
    for words in [*says, GROUNDS, CLAUSE, HOW]:
        assert words in text


@pytest.mark.parametrize("case_type", sorted(TO_HANDLING))
def test_a_request_for_information_suspends_the_decision_term_from_the_day_after_it_is_sent(
    social_office: Office, travel: time_machine.Traveller, without_pdf: None, case_type: str
) -> None:
    office = social_office
    case = in_handling(office, case_type)
    fire(
        case,
        "vraag_aanvulling",
        office.consulent,
        {"reden": "Stuur uw bankafschriften van drie maanden.", "hersteltermijn_tot": "2026-03-20"},
    )
    term = next(d for d in case.deadlines if d.code == "beslissing")
    assert term.status == "running"  # drafted, not sent: the clock still runs
    travel.shift(timedelta(days=2))  # sent on Wednesday 4 March
    letter = drafted(case, "verzoek_om_aanvulling")
    text = read(letter, office)
    assert "Stuur uw bankafschriften van drie maanden." in text
    assert "Stuur de informatie uiterlijk op 20 maart 2026." in text
    assert "Zolang wij op uw informatie wachten, staat de termijn voor ons besluit stil." in text
    # 8 weeks from 2 March is King's Day: Tuesday 28 April (for the Participatiewet the decision
    # term, not the advance payment due on 30 March).
    assert "Wij moesten beslissen uiterlijk op 28 april 2026." in text
    assert f"{FOOTER} Algemene wet bestuursrecht art. 4:5 en 4:15" in text
    send_letter(letter, office.consulent)
    assert term.status == "suspended"
    assert term.suspensions[0].start_date == date(2026, 3, 5)
    assert term.label in case.events[-1].data["opgeschort"]


@pytest.mark.parametrize("case_type", sorted(TO_HANDLING))
def test_a_postponement_is_a_letter_with_the_reason_and_the_new_date(
    social_office: Office, case_type: str
) -> None:
    office = social_office
    case = in_handling(office, case_type)
    fire(case, "verdagen", office.consulent, {"weken": 4, "reden": "Wij wachten op advies."})
    term = next(d for d in case.deadlines if d.code == "beslissing")
    text = read(drafted(case, "verdagingsbrief"), office)
    assert "uiterlijk op 28 april 2026 een besluit willen sturen" in text
    assert "Wij wachten op advies." in text
    assert "Wij nemen 4 weken langer de tijd. U krijgt ons besluit uiterlijk op " in text
    assert f"uiterlijk op {long_date(term.due_date)}." in text
    assert f"{FOOTER} Algemene wet bestuursrecht art. 4:14" in text


def test_a_shared_decision_letter_needs_the_decision_basis_it_names(
    tmp_path: Path, workflows_dir: Path
) -> None:
    doc = yaml.safe_load((workflows_dir / "ioaw.yaml").read_text(encoding="utf-8"))
    decision = next(t for t in doc["transitions"] if t["trigger"] == "besluiten")
    del decision["decision"]
    path = tmp_path / "ioaw.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(WorkflowDefinitionError, match="names the decision's legal basis"):
        load_workflow(path)


@pytest.mark.documents
def test_the_sent_benefit_decision_prints_its_basis_and_the_bezwaar_clause(
    social_office: Office,
) -> None:
    office = social_office
    case = in_handling(office, "pw_aanvraag")
    decide(office, case, "toegekend")
    letter = send_drafted(case, office.consulent, "beschikking_toekenning_uitkering")
    text = pdf_text(letter)
    assert "Soort uitkering: Participatiewet" in text
    assert "op grond van: Participatiewet art. 11, 43 en 44; Awb 1:3." in text
    assert "uiterlijk op 13 april 2026" in text
