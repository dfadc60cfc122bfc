"""The beheerder keeps the catalogue per municipality: products with their unit, forms and
contracted providers, and the municipality's herindicatie lead time and stapeling thresholds."""

import html
import re

import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import CatalogueSettings, Product, Provider
from caseflow.provisions.catalogue import policy_of
from tests.offices import Office, login
from tests.provisions.helpers import Catalogue


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_beheerder_adds_a_product_with_each_refusal_beside_its_field(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    login(client, office.beheerder)
    page = _text(client.get(f"/beheer/productcatalogus?gemeente={office.maastricht.id}").text)
    assert "HH01 Hulp bij het huishouden Hulp bij het huishouden uur per week" in page
    url = f"/beheer/productcatalogus/{office.maastricht.id}/producten"
    refused = client.post(url, data={"code": "HH01", "label": "", "kind": "vliegtuig"})
    assert refused.status_code == 400
    for name, message in (
        ("code", "Maastricht heeft al een product met code HH01."),
        ("label", "Vul een naam in van hoogstens 120 tekens."),
        ("kind", "Kies de soort voorziening."),
        ("unit", "Kies de eenheid van de omvang."),
        ("forms", "Kies ten minste één leveringsvorm: zorg in natura of pgb."),
    ):
        assert (
            f'<p class="utrecht-form-field-error-message" id="nieuw-{name}-fout">{message}</p>'
            in refused.text
        )
    added = client.post(
        url,
        data={
            "code": "VV01",
            "label": "Regiotaxi",
            "kind": "vervoer",
            "unit": "euro",
            "forms": ["zin"],
            "provider_ids": [str(catalogue.group.id)],
        },
    )
    assert added.status_code == 302
    taxi = db.session.scalars(sa.select(Product).where(Product.code == "VV01")).one()
    assert (taxi.kind, taxi.unit, taxi.forms, [p.name for p in taxi.providers]) == (
        "vervoer",
        "euro",
        {"zin": "Zorg in natura"},
        ["Zorggroep Maas"],
    )


def test_in_natura_needs_a_contracted_provider_and_a_product_can_be_retired(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    login(client, office.beheerder)
    url = f"/beheer/productcatalogus/producten/{catalogue.household.id}"
    given = {"code": "HH01", "label": "Hulp bij het huishouden", "kind": "hulp_huishouden"}
    refused = client.post(url, data={**given, "unit": "uur_per_week", "forms": ["zin"]})
    assert "Zorg in natura kan alleen met een gecontracteerde aanbieder." in _text(refused.text)
    retired = client.post(
        url, data={**given, "unit": "uur_per_week", "forms": ["pgb"], "active": "nee"}
    )
    assert retired.status_code == 302
    db.session.expire_all()
    assert (catalogue.household.active, catalogue.household.forms) == (
        False,
        {"pgb": "Persoonsgebonden budget (pgb)"},
    )


def test_providers_and_the_municipalitys_policy(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    login(client, office.beheerder)
    assert (
        client.post(
            "/beheer/productcatalogus/aanbieders", data={"name": " Zorggroep  Maas"}
        ).status_code
        == 400
    )
    client.post(
        "/beheer/productcatalogus/aanbieders",
        data={"name": "Buurtzorg Meerssen", "gemeente": str(office.maastricht.id)},
    )
    assert db.session.scalar(sa.select(Provider.id).where(Provider.name == "Buurtzorg Meerssen"))
    url = f"/beheer/productcatalogus/{office.maastricht.id}/beleid"
    refused = client.post(
        url, data={"herindicatie_weeks": "0", "stacking_limit": "drie", "wlz_hours_per_week": "20"}
    )
    assert refused.status_code == 400
    text = _text(refused.text)
    assert "Termijn voor herindicatie: tussen 1 en 52." in text
    assert "Grens voor stapeling: vul een heel getal in." in text
    assert db.session.get(CatalogueSettings, office.maastricht.id) is None
    client.post(
        url, data={"herindicatie_weeks": "12", "stacking_limit": "4", "wlz_hours_per_week": "18"}
    )
    policy = policy_of(office.maastricht.id)
    assert (policy.herindicatie_weeks, policy.stacking_limit, policy.wlz_hours_per_week) == (
        12,
        4,
        18,
    )


def test_only_a_beheerder_of_the_municipality_keeps_it(
    client: FlaskClient, office: Office, catalogue: Catalogue
) -> None:
    login(client, office.consulent)
    assert client.get("/beheer/productcatalogus").status_code == 403
    client.post("/logout")
    login(client, office.beheerder)
    assert client.get(f"/beheer/productcatalogus?gemeente={office.vaals.id}").status_code == 403
    response = client.post(
        f"/beheer/productcatalogus/{office.vaals.id}/beleid",
        data={"herindicatie_weeks": "4", "stacking_limit": "2", "wlz_hours_per_week": "10"},
    )
    assert response.status_code == 403
    assert db.session.get(CatalogueSettings, office.vaals.id) is None
