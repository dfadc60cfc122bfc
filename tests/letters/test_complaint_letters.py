"""Klacht: the acknowledgement (Awb 9:6) and the written outcome with the findings, the
judgement and the Nationale ombudsman as the next step (Awb 9:12) are letters the steps draft;
the complaints coordinator previews and sends them from the case page."""

from datetime import date

import time_machine
from flask.testing import FlaskClient

from caseflow.complaints.register import ComplaintInput, register_complaint
from caseflow.models import Case
from caseflow.workflow.engine import assign, fire
from tests.letters.helpers import drafted, pdf_text, preview, send_from_page
from tests.objections.helpers import at, refused_wmo
from tests.offices import Office, login

FINDINGS = "De consulent is twee keer niet gekomen. Wij hebben de planning van afspraken verbeterd."


def _complaint(office: Office, about: Case | None = None) -> Case:
    """A letter of Thursday 2 April, registered on Tuesday 7 April."""
    case = register_complaint(
        office.gemeente,
        office.consulent,
        ComplaintInput(
            team_id=office.wmo.id,
            received_on=date(2026, 4, 2),
            channel="brief",
            description="De consulent kwam twee keer niet op de afspraak.",
            complainant="" if about else "Piet Smeets",
        ),
        about=about,
    )
    assign(case, office.coordinator, office.coordinator)
    return case


def test_the_acknowledgement_goes_to_the_complainant_and_its_sending_confirms_receipt(
    legal_office: Office, travel: time_machine.Traveller, client: FlaskClient
) -> None:
    office = legal_office
    at(travel, "2026-04-07")
    complaint = _complaint(office)
    event = fire(complaint, "ontvangst_bevestigen", office.coordinator)
    assert event.data == {"brief": "Ontvangstbevestiging klacht"}
    assert complaint.state == "in_behandeling"
    letter = drafted(complaint)
    assert letter.kind == "ontvangstbevestiging_klacht"

    login(client, office.coordinator)
    text = preview(client, letter)
    # No case of theirs, so no address: the name given at registration.
    assert "Beste Piet Smeets" in text
    assert "Wij hebben uw klacht ontvangen op 2 april 2026" in text
    # Six weeks end on Ascension Day, so Friday 15 May.
    assert "U krijgt die brief uiterlijk op 15 mei 2026" in text
    assert "Algemene wet bestuursrecht art. 9:6, 9:10 en 9:11" in text

    at(travel, "2026-04-08")
    send_from_page(client, letter)
    sent = complaint.events[-1]
    assert (sent.trigger, sent.data["brief"]) == ("brief_verzonden", "Ontvangstbevestiging klacht")
    assert sent.data["ontvangst_bevestigd_op"] == "2026-04-08"


def test_the_outcome_gives_findings_and_judgement_and_points_to_the_ombudsman(
    legal_office: Office, travel: time_machine.Traveller, client: FlaskClient
) -> None:
    office = legal_office
    at(travel, "2026-04-02")
    about = refused_wmo(office)
    at(travel, "2026-04-07")
    complaint = _complaint(office, about=about)
    fire(complaint, "ontvangst_bevestigen", office.coordinator)
    fire(complaint, "hoorzitting_plannen", office.coordinator, {"hoorzitting_op": "2026-04-14"})
    at(travel, "2026-04-14")
    fire(complaint, "hoorzitting_gehouden", office.coordinator, {"hoorverslag": "Gehoord."})
    outcome = {"resultaat": "deels_gegrond", "bevindingen": FINDINGS}
    event = fire(complaint, "afhandelen", office.coordinator, outcome)
    assert event.data["brief"] == "Afhandeling klacht"
    letter = drafted(complaint)
    assert letter.kind == "afhandeling_klacht"

    login(client, office.coordinator)
    text = preview(client, letter)
    # The client of the case the complaint is about, at their address.
    assert "Anna Jansen Brusselsestraat 12 6211 AB MAASTRICHT" in text
    assert FINDINGS in text
    assert "Wij vinden uw klacht deels gegrond." in text
    assert "Dan kunt u naar de Nationale ombudsman." in text
    assert "artikel 9:12 van de Algemene wet bestuursrecht" in text
    assert "Tegen deze brief kunt u geen bezwaar maken." in text

    send_from_page(client, letter)
    sent = complaint.events[-1]
    assert (sent.trigger, sent.data["brief"]) == ("brief_verzonden", "Afhandeling klacht")
    assert "Nationale ombudsman" in pdf_text(letter)
