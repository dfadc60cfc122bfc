"""A letter is drafted by its step, sent once as a tagged PDF with its hash, and never changes."""

import hashlib
import io
from datetime import date, timedelta

import pypdf
import pytest
import sqlalchemy as sa
import time_machine

from caseflow.documents.store import document_store
from caseflow.extensions import db
from caseflow.letters.sending import send_letter, set_personal_paragraph
from caseflow.models import Case, CaseEvent, Letter
from caseflow.models.letters import LetterAlreadySent
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import fire
from caseflow.workflow.errors import TriggerNotAllowed
from tests.factories import granted
from tests.letters.helpers import drafted, send_drafted
from tests.offices import Office


def _pdf(letter: Letter) -> bytes:
    assert letter.document is not None and letter.document.storage_key is not None
    return document_store().get(letter.document.storage_key)


def _decide(case: Case, office: Office, result: str = "toegekend") -> Letter:
    data = {
        "resultaat": result,
        "motivering": "Met een traplift blijft u thuis wonen.",
        **granted(case, result),
    }
    fire(case, "besluiten", office.anna, data)
    return drafted(case)


def test_a_request_for_information_suspends_the_term_from_the_day_after_it_is_sent(
    office: Office, aanvraag: Case, travel: time_machine.Traveller
) -> None:
    fire(
        aanvraag,
        "vraag_aanvulling",
        office.anna,
        {"reden": "Stuur een offerte van de traplift.", "hersteltermijn_tot": "2026-03-20"},
    )
    term = next(d for d in aanvraag.deadlines if d.code == "beschikking")
    assert term.status == "running"  # drafted, not sent: the clock still runs
    travel.shift(timedelta(days=2))  # sent on Wednesday 4 March
    letter = send_drafted(aanvraag, office.anna, "verzoek_om_aanvulling")
    assert term.status == "suspended"
    assert term.suspensions[0].start_date == date(2026, 3, 5)
    event = aanvraag.events[-1]
    assert (event.trigger, event.data["brief"]) == ("brief_verzonden", "Verzoek om aanvulling")
    assert event.data["opgeschort"] == "Beschikking binnen 2 weken"
    text = " ".join(pypdf.PdfReader(io.BytesIO(_pdf(letter))).pages[0].extract_text().split())
    assert "Stuur een offerte van de traplift." in text
    assert "uiterlijk op 20 maart 2026" in text
    assert "staat de termijn voor ons besluit stil" in text


def test_the_beschikking_names_the_provision_and_the_objection_clause_in_a_tagged_pdf(
    office: Office, aanvraag: Case
) -> None:
    letter = _decide(aanvraag, office)
    assert letter.kind == "beschikking_toekenning"
    set_personal_paragraph(letter, office.anna, "Ik bel u volgende week over de plaatsing.")
    document = send_letter(letter, office.anna)
    commit()
    pdf = _pdf(letter)
    assert hashlib.sha256(pdf).hexdigest() == document.sha256
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Traplift: 1 stuks, zorg in natura door Zorggroep Heuvelland" in text
    assert "vanaf 2 maart 2026" in text
    assert "Bent u het niet eens met dit besluit?" in text
    # Sent on Monday 2 March: six weeks after the day it was made known (Awb 6:7, 6:8).
    assert "uiterlijk op 13 april 2026" in text
    assert "t.a.v. bezwaarschriften" in text
    assert "Ik bel u volgende week over de plaatsing." in text
    assert "Anna Jansen" in text and "Brusselsestraat 12" in text
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"


def test_a_rejection_draws_the_rejection_letter(office: Office, aanvraag: Case) -> None:
    letter = _decide(aanvraag, office, "afgewezen")
    assert letter.kind == "beschikking_afwijzing"
    assert letter.fields["voorzieningen"] == []


def test_a_letter_cannot_be_changed_after_sending(office: Office, aanvraag: Case) -> None:
    letter = _decide(aanvraag, office)
    document = send_letter(letter, office.anna)
    commit()
    sent_hash = document.sha256
    with pytest.raises(TriggerNotAllowed, match="al verstuurd"):
        set_personal_paragraph(letter, office.anna, "Nog iets.")
    with pytest.raises(TriggerNotAllowed, match="al verstuurd"):
        send_letter(letter, office.anna)
    # Not even past the services: the row refuses the change.
    letter.personal_paragraph = "Achteraf erbij geschreven."
    with pytest.raises(LetterAlreadySent):
        db.session.flush()
    db.session.rollback()
    # The store writes a document once: its content cannot be replaced under the same key.
    assert document.storage_key is not None
    with pytest.raises(FileExistsError):
        document_store().put(document.storage_key, b"%PDF-1.7 other")
    assert hashlib.sha256(_pdf(letter)).hexdigest() == sent_hash
    sent = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.trigger == "brief_verzonden"))
    assert len(sent.all()) == 1
