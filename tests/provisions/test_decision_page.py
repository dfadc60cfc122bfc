"""The decision page: product rows without scripts, each refusal beside its field, and a decision
that shows what it granted in words on the case page."""

import html
import re

import sqlalchemy as sa
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from caseflow.extensions import db
from caseflow.models import Case
from tests.markup import FIELD_ERROR, LINK
from tests.offices import Office, login
from tests.provisions.helpers import Catalogue, page_rows, provisions, ready_to_decide, row


def _text(response: TestResponse) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.text)).split())


def _post(client: FlaskClient, case: Case, **fields: str) -> TestResponse:
    db.session.expire_all()
    version = db.session.get_one(Case, case.id).version
    return client.post(f"/zaken/{case.id}/besluit", data={"version": str(version), **fields})


def test_the_case_page_sends_the_decision_to_its_own_page_and_the_generic_form_refuses_it(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    case = ready_to_decide(office)
    login(client, office.consulent)
    page = client.get(f"/zaken/{case.id}").text
    assert (
        f'<a class="utrecht-link" href="/zaken/{case.id}/besluit">het besluitformulier</a>' in page
    )
    refused = client.post(
        f"/zaken/{case.id}/acties/besluiten",
        data={"version": str(case.version), "resultaat": "afgewezen", "motivering": "Nee."},
    )
    assert refused.status_code == 400
    assert "'Besluit nemen' doet u via het besluitformulier." in _text(refused)


def test_the_page_offers_three_rows_of_the_municipalitys_products_with_labels(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    case = ready_to_decide(office)
    login(client, office.consulent)
    page = client.get(f"/zaken/{case.id}/besluit").text
    assert [int(n) for n in re.findall(r'<legend class="[^"]*">Product (\d+)</legend>', page)] == [
        1,
        2,
        3,
    ]
    for name, label in (
        ("product", "Product"),
        ("vorm", "Vorm"),
        ("aanbieder", "Aanbieder (bij zorg in natura)"),
        ("omvang", "Omvang"),
        ("ingangsdatum", "Ingangsdatum"),
        ("einddatum", "Einddatum (niet verplicht)"),
    ):
        assert f'<label class="utrecht-form-label" for="producten-2-{name}">{label}</label>' in page
    products = re.search(r'<select class="[^"]*" id="producten-1-product".*?</select>', page, re.S)
    assert products is not None
    assert re.findall(r">([^<]+)</option>", products[0]) == [
        "Geen product",
        "Begeleiding individueel (BG01, in uur per week)",
        "Hulp bij het huishouden (HH01, in uur per week)",
        "Traplift (WA01, in stuks)",
    ]  # the Wmo products: the jeugdhulp of the catalogue is not offered here
    assert 'optgroup label="Gecontracteerd voor Traplift"' in page


def test_another_row_is_one_round_trip_and_keeps_what_was_typed(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    case = ready_to_decide(office)
    login(client, office.consulent)
    typed = page_rows(row(catalogue.household, "3", "2026-03-16"))
    response = _post(client, case, regels="3", meer_regels="1", **typed)
    assert response.status_code == 200
    assert re.findall(r'<legend class="[^"]*">Product (\d+)</legend>', response.text) == [
        "1",
        "2",
        "3",
        "4",
    ]
    assert 'name="producten-1-omvang" value="3"' in response.text
    assert provisions() == []


def test_a_decision_through_the_page_shows_what_it_granted_in_words(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    case = ready_to_decide(office)
    login(client, office.consulent)
    fields = page_rows(
        row(catalogue.household, "3", "2026-03-16", "2027-03-15"),
        {},  # an empty row is ignored
        row(catalogue.guidance, "2", "2026-03-16", "2026-09-15"),
    )
    response = _post(
        client,
        case,
        regels="3",
        **{"besluit-resultaat": "toegekend", "besluit-motivering": "Past bij de vraag."},
        **fields,
    )
    assert response.status_code == 302, response.text
    assert [p.product_code for p in provisions()] == ["HH01", "BG01"]
    page = _text(client.get(f"/zaken/{case.id}"))
    assert "Status Besluit genomen (Toegekend)" in page
    assert (
        "Toegekend bij dit besluit Hulp bij het huishouden, zorg in natura door Thuiszorg "
        "Heuvelland, 3 uur per week, van 16 maart 2026 tot en met 15 maart 2027" in page
    )
    assert (
        "Toegekende producten: Hulp bij het huishouden, zorg in natura door Thuiszorg Heuvelland, "
        "3 uur per week, van 16 maart 2026 tot en met 15 maart 2027; Begeleiding individueel"
    ) in page


def test_each_refusal_lands_beside_its_field_and_the_page_keeps_what_was_filled_in(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    case = ready_to_decide(office)
    login(client, office.consulent)
    fields = page_rows(
        row(catalogue.household, "0", "2026-03-16"),
        row(catalogue.guidance, "2", "2026-04-01", "2026-03-01"),
    )
    response = _post(
        client,
        case,
        regels="3",
        **{"besluit-resultaat": "toegekend", "besluit-motivering": "Past."},
        **fields,
    )
    assert response.status_code == 400
    assert response.text.count('class="utrecht-form-field-error-message"') == 2
    assert re.search(
        rf'<p {FIELD_ERROR} id="producten-1-omvang-fout">Product 1: vul de omvang in als '
        r"getal groter dan 0, in uur per week\.</p>",
        response.text,
    )
    assert (
        'id="producten-2-einddatum" name="producten-2-einddatum" value="2026-03-01" '
        'aria-invalid="true" aria-describedby="producten-2-einddatum-fout"' in response.text
    )
    summary = re.search(r'<div [^>]*id="foutmeldingen".*?</div>', response.text, re.S)
    assert summary is not None and 'href="#producten-1-omvang"' in summary[0]
    assert "<title>Fout: Besluit nemen" in response.text
    assert 'name="besluit-motivering" rows="5">Past.</textarea>' in response.text
    db.session.expire_all()
    assert db.session.get_one(Case, case.id).state == "in_behandeling"


def test_a_grant_without_rows_names_the_first_product_and_a_partial_grant_its_reason(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    case = ready_to_decide(office)
    login(client, office.consulent)
    response = _post(
        client,
        case,
        regels="3",
        **{"besluit-resultaat": "deels_toegekend", "besluit-motivering": "Deels."},
    )
    assert response.status_code == 400
    text = _text(response)
    assert "Wat niet is toegekend en waarom is verplicht bij resultaat deels toegekend." in text
    assert 'id="besluit-niet_toegekend-fout"' in response.text
    response = _post(
        client,
        case,
        regels="3",
        **{
            "besluit-resultaat": "deels_toegekend",
            "besluit-motivering": "Deels.",
            "besluit-niet_toegekend": "Geen traplift.",
        },
    )
    summary = re.search(r'<div [^>]*id="foutmeldingen".*?</div>', response.text, re.S)
    assert summary is not None
    assert (
        f'<a {LINK} href="#producten-1-product">Vul ten minste één toegekend product in.</a>'
        in (summary[0])
    )


def test_a_refusal_through_the_page_writes_no_provision(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    case = ready_to_decide(office)
    login(client, office.consulent)
    response = _post(
        client,
        case,
        regels="3",
        **{"besluit-resultaat": "afgewezen", "besluit-motivering": "Voorliggend veld."},
    )
    assert response.status_code == 302
    assert provisions() == []
    assert db.session.scalar(sa.select(Case.result).where(Case.id == case.id)) == "afgewezen"


def test_a_stale_form_is_a_conflict_and_a_colleague_of_vaals_is_refused(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    case = ready_to_decide(office)
    login(client, office.consulent)
    stale = client.post(
        f"/zaken/{case.id}/besluit",
        data={"version": "1", "besluit-resultaat": "afgewezen", "besluit-motivering": "Nee."},
    )
    assert stale.status_code == 409
    assert "Iemand anders heeft deze zaak net gewijzigd" in _text(stale)
    client.post("/logout")
    login(client, office.vaals_consulent)
    assert client.get(f"/zaken/{case.id}/besluit").status_code == 403
