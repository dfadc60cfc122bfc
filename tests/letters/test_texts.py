"""Letter texts are data: every edit by the beheerder is a new version, per municipality too."""

import pytest
from flask.testing import FlaskClient

from caseflow.letters.texts import current_text, save_version
from caseflow.models import Case
from caseflow.workflow.engine import fire
from caseflow.workflow.errors import InvalidData
from tests.letters.helpers import drafted
from tests.offices import Office, login

BODY = "Beste {{ inwoner.naam }},\n\nWij hebben meer nodig: {{ aanvulling.reden }}\n"


def test_every_edit_is_a_new_version_and_a_draft_keeps_its_own(
    office: Office, aanvraag: Case
) -> None:
    kind, beheerder = "verzoek_om_aanvulling", office.beheerder
    assert current_text(kind, "wmo_aanvraag", office.gemeente.id).version == 0
    save_version(
        kind, "wmo_aanvraag", None, title="Graag meer", basis="Awb 4:5", body=BODY, actor=beheerder
    )
    own = save_version(
        kind,
        "wmo_aanvraag",
        office.gemeente,
        title="Maastricht vraagt",
        basis="Awb 4:5",
        body=BODY,
        actor=beheerder,
    )
    assert own.version == 1
    assert current_text(kind, "wmo_aanvraag", office.gemeente.id).title == "Maastricht vraagt"
    assert current_text(kind, "wmo_aanvraag", None).title == "Graag meer"
    fire(
        aanvraag,
        "vraag_aanvulling",
        office.anna,
        {"reden": "Een offerte.", "hersteltermijn_tot": "2026-03-20"},
    )
    letter = drafted(aanvraag)
    assert (letter.template_id, letter.template_version) == (own.id, 1)
    newer = save_version(
        kind,
        "wmo_aanvraag",
        office.gemeente,
        title="Nieuw",
        basis="Awb 4:5",
        body=BODY,
        actor=beheerder,
    )
    assert newer.version == 2 and letter.template_id == own.id


def test_a_text_with_an_unknown_field_is_refused_in_dutch(office: Office) -> None:
    with pytest.raises(InvalidData) as refused:
        save_version(
            "verdagingsbrief",
            "wmo_aanvraag",
            None,
            title="T",
            basis="Awb 4:14",
            body="Beste {{ inwoner.bsn_nummer }}",
            actor=office.beheerder,
        )
    assert "bsn_nummer" in refused.value.field_errors["body"]
    with pytest.raises(InvalidData) as refused:
        save_version(
            "beschikking_toekenning_uitkering",
            "ioaw",
            None,
            title="T",
            basis="{{ besluit.wet }}; Awb 3:46",
            body="Beste {{ inwoner.naam }}",
            actor=office.beheerder,
        )
    assert "wet" in refused.value.field_errors["basis"]


def test_the_beheerder_edits_texts_beside_the_list_of_fields(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.beheerder)
    page = client.get("/beheer/brieven/wmo_aanvraag/verzoek_om_aanvulling")
    assert page.status_code == 200 and "inwoner.naam" in page.get_data(as_text=True)
