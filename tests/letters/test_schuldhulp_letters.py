"""Schuldhulp: admission, refusal and termination are beschikkingen (Wgs, Awb 1:3), so each step
drafts its letter with the decision, its motivation and basis, and the bezwaar clause."""

import pytest
import time_machine
from flask.testing import FlaskClient

from caseflow.models import Case
from caseflow.workflow.engine import assign, fire, start_case
from tests.letters.helpers import drafted, pdf_text, preview, send_from_page
from tests.offices import Office, login

CLAUSE = "Dan kunt u bezwaar maken. Dat moet binnen 6 weken na de datum van deze brief"


def _after_first_conversation(office: Office) -> Case:
    case = start_case(
        "schuldhulp",
        municipality=office.gemeente,
        actor=office.consulent,
        person=office.client,
        team=office.schuldhulp,
    )
    assign(case, office.consulent, office.consulent)
    fire(case, "eerste_gesprek_voeren", office.consulent, {"verslag": "Huurachterstand."})
    return case


ADMITTED = ("toelaten", {"motivering": "U heeft huurschuld."})


@pytest.mark.parametrize(
    ("steps", "kind", "label", "says"),
    [
        (
            [ADMITTED],
            "beschikking_toelating_schuldhulp",
            "Beschikking: toelating schuldhulpverlening",
            ["Wij hebben besloten: u krijgt schuldhulp van ons.", "U heeft huurschuld."],
        ),
        (
            [("weigeren", {"motivering": "Eerdere schuldregeling in 2024."})],
            "beschikking_weigering_schuldhulp",
            "Beschikking: weigering schuldhulpverlening",
            [
                "Wij hebben besloten: u krijgt nu geen schuldhulp van ons.",
                "Eerdere schuldregeling in 2024.",
                "op grond van: Wet gemeentelijke schuldhulpverlening, art. 3; Awb 1:3.",
            ],
        ),
        (
            [
                ADMITTED,
                (
                    "beeindigen",
                    {"beeindigingsgrond": "nieuwe_schulden", "motivering": "Nieuwe schulden."},
                ),
            ],
            "beschikking_beeindiging_schuldhulp",
            "Beschikking: beëindiging schuldhulpverlening",
            ["Wij hebben besloten: wij stoppen die hulp.", "Nieuwe schulden."],
        ),
    ],
    ids=["toelating", "weigering", "beeindiging"],
)
def test_each_beschikking_is_a_letter_with_the_bezwaar_clause(
    legal_office: Office,
    travel: time_machine.Traveller,
    client: FlaskClient,
    steps: list[tuple[str, dict[str, str]]],
    kind: str,
    label: str,
    says: list[str],
) -> None:
    office = legal_office
    case = _after_first_conversation(office)
    for trigger, data in steps:
        fire(case, trigger, office.consulent, data)
    assert case.events[-1].data["brief"] == label
    letter = drafted(case, kind)

    login(client, office.consulent)
    text = preview(client, letter)
    for words in says:
        assert words in text
    # Made known on Monday 2 March: bezwaar until Monday 13 April, where and how.
    assert f"{CLAUSE}, dus uiterlijk op 13 april 2026." in text
    assert "Schrijf in uw bezwaar: uw naam en adres" in text
    assert "Wettelijke grondslag van deze brief: Wet gemeentelijke schuldhulpverlening" in text

    send_from_page(client, letter)
    sent = case.events[-1]
    assert (sent.trigger, sent.data["brief"]) == ("brief_verzonden", label)
    assert CLAUSE in pdf_text(letter)
