"""Documents on a case: refused with a Dutch message beside the field, stored, destroyed."""

import re
import sys

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow.destruction import destroy_case
from caseflow.documents.store import document_store
from caseflow.documents.uploads import add_document
from caseflow.extensions import db
from caseflow.letters.sending import send_letter
from caseflow.models import Case, Document, Letter
from caseflow.unit_of_work import commit
from tests.factories import Factory
from tests.letters.helpers import drafted
from tests.offices import Office, login
from tests.retention.helpers import Archive, make_archive

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


def _upload(client: FlaskClient, case: Case, name: str, content: bytes, kind: str = "offerte"):  # type: ignore[no-untyped-def]
    from io import BytesIO

    return client.post(
        f"/zaken/{case.id}/documenten/nieuw",
        data={"soort": kind, "bestand": (BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def _field_error(page: str) -> str:
    found = re.search(r'id="document-bestand-fout">([^<]+)<', page)
    assert found, page
    return found.group(1)


def test_an_upload_of_a_type_that_is_not_allowed_is_refused_beside_the_field(
    client: FlaskClient, office: Office, aanvraag: Case
) -> None:
    login(client, office.anna)
    response = _upload(client, aanvraag, "script.exe", b"MZ\x90\x00")
    assert response.status_code == 400
    assert _field_error(response.get_data(as_text=True)).startswith("Dit soort bestand kan niet.")
    # A program that calls itself a PDF is refused by its content.
    response = _upload(client, aanvraag, "offerte.pdf", b"MZ\x90\x00 not a pdf")
    assert "de inhoud past niet bij de naam" in _field_error(response.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(Document.id))) == 0


def test_an_upload_above_the_size_limit_is_refused_in_dutch(
    app: Flask, client: FlaskClient, office: Office, aanvraag: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "DOCUMENT_MAX_BYTES", 2048)
    login(client, office.anna)
    response = _upload(client, aanvraag, "offerte.pdf", PDF + b"0" * 3000)
    assert response.status_code == 400
    assert _field_error(response.get_data(as_text=True)) == (
        "Het bestand is te groot (2 kB). Het mag hoogstens 2 kB zijn."
    )
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_a_stored_upload_is_in_the_timeline_and_comes_back_unchanged(
    client: FlaskClient, office: Office, aanvraag: Case
) -> None:
    login(client, office.anna)
    response = _upload(client, aanvraag, "Offerte traplift.pdf", PDF)
    assert response.status_code == 302
    page = client.get(f"/zaken/{aanvraag.id}").get_data(as_text=True)
    assert "Document toegevoegd" in page and "Document: Offerte of prijsopgave" in page
    document = db.session.scalars(sa.select(Document)).one()
    assert (document.filename, document.added_by_id) == ("Offerte traplift.pdf", office.anna.id)
    download = client.get(f"/zaken/{aanvraag.id}/documenten/{document.id}")
    assert download.data == PDF


def test_the_virus_scan_hook_refuses_an_infected_file(
    app: Flask, client: FlaskClient, office: Office, aanvraag: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in scanner with clamdscan's answers: exit 1 when it finds the test signature.
    check = "import sys; sys.exit(1 if b'EICAR' in sys.stdin.buffer.read() else 0)"
    scanner = f'{sys.executable} -c "{check}"'
    monkeypatch.setitem(app.config, "VIRUS_SCAN_COMMAND", scanner)
    login(client, office.anna)
    response = _upload(client, aanvraag, "brief.pdf", PDF + b"EICAR")
    assert _field_error(response.get_data(as_text=True)) == (
        "In dit bestand is een virus gevonden. Het is niet opgeslagen."
    )
    assert _upload(client, aanvraag, "brief.pdf", PDF).status_code == 302


@pytest.fixture
def archive(factory: Factory, travel: time_machine.Traveller) -> Archive:
    return make_archive(factory, travel)


def test_destruction_removes_the_documents_and_the_counts_stay(archive: Archive) -> None:
    case, anna = archive.old, archive.office.anna
    add_document(case, anna, filename="Medisch advies.pdf", content=PDF, document_type="overig")
    send_letter(drafted(case, "beschikking_toekenning"), anna)
    commit()
    keys = list(db.session.scalars(sa.select(Document.storage_key)))
    assert len(keys) == 2 and all(document_store().get(k) for k in keys if k)

    destroy_case(case, archive.privacy)
    commit()
    db.session.expire_all()
    documents = db.session.scalars(sa.select(Document).order_by(Document.id)).all()
    assert [(d.kind, d.document_type) for d in documents] == [
        ("upload", "overig"),
        ("brief", "beschikking_toekenning"),
    ]
    assert all(d.storage_key is None and d.filename == "" for d in documents)
    assert all(d.destroyed_at is not None for d in documents)
    for key in keys:
        with pytest.raises(Exception, match="not in the store"):
            document_store().get(str(key))
    letters = db.session.scalars(sa.select(Letter)).all()
    assert len(letters) == 2  # the request for information and the decision: still counted
    assert all(letter.fields == {} and letter.personal_paragraph is None for letter in letters)
