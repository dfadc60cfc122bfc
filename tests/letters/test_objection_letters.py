"""Bezwaar: the acknowledgement (Awb 6:14) and the decision on the objection (Awb 7:12) are
letters the steps draft; the jurist previews and sends them from the case page, and the receipt
counts as confirmed on the day the acknowledgement is sent."""

import time_machine
from flask.testing import FlaskClient

from caseflow.models import Case
from caseflow.workflow.engine import assign, fire
from tests.letters.helpers import drafted, pdf_text, preview, send_from_page
from tests.objections.helpers import at, lodge, refused_wmo
from tests.offices import Office, login


def _objection(office: Office, travel: time_machine.Traveller) -> Case:
    """A refusal made known on Thursday 2 April; the bezwaarschrift arrived on Monday 11 May and
    is registered on Tuesday 12 May."""
    at(travel, "2026-04-02")
    contested = refused_wmo(office)
    at(travel, "2026-05-12")
    objection = lodge(office, contested, made_known="2026-04-02", received="2026-05-11")
    assign(objection, office.jurist, office.jurist)
    return objection


def test_the_acknowledgement_names_the_receipt_and_the_term_and_its_sending_confirms_it(
    legal_office: Office, travel: time_machine.Traveller, client: FlaskClient
) -> None:
    office = legal_office
    objection = _objection(office, travel)
    event = fire(objection, "ontvangst_bevestigen", office.jurist)
    assert event.data == {"brief": "Ontvangstbevestiging bezwaarschrift"}
    letter = drafted(objection)
    assert letter.kind == "ontvangstbevestiging_bezwaar"
    assert not any(e.data.get("ontvangst_bevestigd_op") for e in objection.events)

    login(client, office.jurist)
    text = preview(client, letter)
    assert "Beste Anna Jansen" in text
    # The day it arrived, not the day it was registered.
    assert "Wij hebben uw bezwaarschrift ontvangen op 11 mei 2026" in text
    assert "Meestal nodigen wij u uit om uw bezwaar toe te lichten" in text
    # Six weeks after the bezwaar term, which ended on Friday 15 May (Ascension Day moved it).
    assert "U krijgt ons besluit nu uiterlijk op 26 juni 2026" in text
    assert "Wettelijke grondslag van deze brief: Algemene wet bestuursrecht art. 6:14, 7:2" in text

    at(travel, "2026-05-13")
    send_from_page(client, letter)
    sent = objection.events[-1]
    assert (sent.trigger, sent.data["brief"]) == (
        "brief_verzonden",
        "Ontvangstbevestiging bezwaarschrift",
    )
    assert sent.data["ontvangst_bevestigd_op"] == "2026-05-13"
    assert "ontvangen op 11 mei 2026" in pdf_text(letter)


def test_the_decision_on_the_objection_tells_the_result_and_how_to_go_to_court(
    legal_office: Office, travel: time_machine.Traveller, client: FlaskClient
) -> None:
    office = legal_office
    objection = _objection(office, travel)
    fire(objection, "oppakken", office.jurist)
    fire(objection, "niet_horen", office.jurist, {"grond_niet_horen": "afgezien"})
    at(travel, "2026-06-01")
    decision = {"resultaat": "ongegrond", "motivering": "De trap is met een leuning veilig."}
    event = fire(objection, "besluiten", office.jurist, decision)
    assert event.data["brief"] == "Beslissing op bezwaar"
    letter = drafted(objection)
    assert letter.kind == "beslissing_op_bezwaar"

    login(client, office.jurist)
    text = preview(client, letter)
    assert "Ons besluit: uw bezwaar is ongegrond." in text
    assert "De trap is met een leuning veilig." in text
    # Beroep within six weeks of the letter: Monday 1 June, so Monday 13 July.
    assert "Dan kunt u in beroep gaan bij de rechtbank" in text
    assert "uiterlijk op 13 juli 2026" in text
    assert "Algemene wet bestuursrecht art. 7:11 en 7:12" in text

    send_from_page(client, letter)
    sent = objection.events[-1]
    assert (sent.trigger, sent.data["brief"]) == ("brief_verzonden", "Beslissing op bezwaar")
    assert "in beroep gaan bij de rechtbank" in pdf_text(letter)
