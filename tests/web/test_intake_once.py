"""The new-person form asks each thing once: the gemeente and woonplaats follow from the postcode
(a gemeente that does not fit is refused beside the field), the birth date is three boxes read
in one order, what was searched for is already filled in, and only domains that can receive
the question are offered."""

import html
import re
from typing import Any

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from caseflow.extensions import db
from caseflow.models import Case, Intake, Person, Role
from tests.factories import Factory
from tests.markup import LEGEND
from tests.offices import Colleague, District, Office, Town, build_office, login
from tests.web.test_intake import VALID


@pytest.fixture
def region(factory: Factory) -> Office:
    """A front door for Maastricht and Eijsden-Margraten, and Vaals next door, which the front
    door does not serve; each town's areas cover its own postcodes."""
    maastricht = Town(
        "maastricht",
        front_door="Centrale toegang",
        districts=(District("stad", "Maastricht", 6211, 6229),),
    )
    eijsden = Town(
        "eijsden-margraten",
        teams={"wmo": "Wmo Eijsden-Margraten"},
        districts=(District("eijsden", "Eijsden", 6245, 6249),),
    )
    vaals = Town("vaals", teams={}, districts=(District("vaals", "Vaals", 6290, 6299),))
    staff = [Colleague("toegang", [Role.TOEGANG], ["front_door"], "toegang")]
    office = build_office(factory, maastricht, eijsden, vaals, staff=staff)
    office.toegang.municipalities.append(office.eijsden_margraten)
    office.front_door.municipalities.append(office.eijsden_margraten)
    db.session.commit()
    return office


def _post(client: FlaskClient, office: Office, **changes: Any) -> TestResponse:
    login(client, office.toegang)
    data = {**VALID, **changes}
    return client.post("/hulpvraag/nieuw", data={k: v for k, v in data.items() if v is not None})


def _field_error(response: TestResponse, field_id: str) -> str:
    match = re.search(
        rf'<p class="utrecht-form-field-error-message" id="{field_id}-fout">([^<]*)</p>',
        response.text,
    )
    assert match, f"no error beside {field_id}"
    return html.unescape(match[1])


def _value(page: str, name: str) -> str | None:
    box = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', page)
    value = re.search(r'\bvalue="([^"]*)"', box[0]) if box else None
    return html.unescape(value[1]) if value else None


def _nothing_saved() -> bool:
    return not any(
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Person, Intake, Case)
    )


def test_a_maastricht_postcode_under_another_gemeente_is_refused_beside_the_gemeente(
    client: FlaskClient, region: Office
) -> None:
    response = _post(
        client,
        region,
        postcode="6221 AB",
        municipality_id=str(region.eijsden_margraten.id),
    )
    assert response.status_code == 400
    assert _field_error(response, "municipality_id") == (
        f"Postcode 6221 AB ligt in Maastricht, niet in {region.eijsden_margraten.name}. "
        "Kies Maastricht of controleer de postcode."
    )
    assert 'href="#municipality_id"' in response.text  # the summary links to the field
    assert _nothing_saved()


def test_the_gemeente_and_woonplaats_follow_from_the_postcode(
    client: FlaskClient, region: Office
) -> None:
    login(client, region.toegang)
    page = client.get("/hulpvraag/nieuw").text
    assert "Woonplaats" not in page, "the woonplaats is not asked next to the gemeente"
    assert '<option selected value="">Volgt uit de postcode</option>' in page

    response = _post(client, region, postcode="6246aa", municipality_id="")
    assert response.status_code == 302
    person = db.session.scalars(sa.select(Person)).one()
    assert (person.municipality_id, person.city, person.postcode) == (
        region.eijsden_margraten.id,
        region.eijsden_margraten.name,
        "6246 AA",
    )
    melding = db.session.scalars(sa.select(Case).where(Case.case_type == "wmo_melding")).one()
    assert melding.municipality_id == region.eijsden_margraten.id


@pytest.mark.parametrize(
    ("postcode", "field_id", "message"),
    [
        (
            "9999 ZZ",
            "municipality_id",
            "Bij postcode 9999 ZZ hoort geen gebied van één gemeente. Kies de gemeente.",
        ),
        (
            "6291 AB",
            "postcode",
            "Postcode 6291 AB ligt in Vaals; daarvoor werkt u niet. Controleer de postcode.",
        ),
    ],
)
def test_a_postcode_that_names_no_gemeente_of_the_user_is_never_saved_silently(
    client: FlaskClient, region: Office, postcode: str, field_id: str, message: str
) -> None:
    response = _post(client, region, postcode=postcode, municipality_id="")
    assert response.status_code == 400
    assert _field_error(response, field_id) == message
    assert _nothing_saved()


def test_a_chosen_gemeente_counts_where_no_area_covers_the_postcode(
    client: FlaskClient, region: Office
) -> None:
    response = _post(client, region, postcode="9999 ZZ", municipality_id=str(region.maastricht.id))
    assert response.status_code == 302
    assert db.session.scalars(sa.select(Person)).one().municipality_id == region.maastricht.id


def test_the_birth_date_is_read_as_day_month_year(client: FlaskClient, office: Office) -> None:
    response = _post(
        client,
        office,
        municipality_id=str(office.maastricht.id),
        **{"date_of_birth-dag": "14", "date_of_birth-maand": "03", "date_of_birth-jaar": "1952"},
    )
    assert response.status_code == 302
    assert str(db.session.scalars(sa.select(Person)).one().date_of_birth) == "1952-03-14"


def test_the_birth_date_is_three_labelled_boxes_with_one_legend(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.toegang)
    page = client.get("/hulpvraag/nieuw").text
    group = re.search(r'<fieldset class="[^"]*\bdate-parts\b[^"]*".*?</fieldset>', page, re.S)
    assert group is not None
    boxes = group[0]
    assert f"<legend {LEGEND}>Geboortedatum</legend>" in boxes
    for part, label in (("dag", "Dag"), ("maand", "Maand"), ("jaar", "Jaar")):
        box_id = "date_of_birth" if part == "dag" else f"date_of_birth-{part}"
        assert f'<label class="utrecht-form-label" for="{box_id}">{label}</label>' in boxes
        assert f'name="date_of_birth-{part}"' in boxes
    assert 'type="date"' not in page, "no browser date picker with its own order"


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("14", "", "1952"), "Vul ook de maand in."),
        (("14", "mrt", "1952"), "Vul dag, maand en jaar in met cijfers, bijvoorbeeld 17 5 1980."),
        (("14", "3", "52"), "Vul het jaar in met vier cijfers, bijvoorbeeld 1980."),
        (("31", "4", "1952"), "Deze datum bestaat niet. Controleer de dag."),
        (("3", "14", "1952"), "De maand is een getal van 1 tot en met 12."),
    ],
)
def test_a_birth_date_that_cannot_be_read_is_named_and_shown_again(
    client: FlaskClient, office: Office, parts: tuple[str, str, str], message: str
) -> None:
    day, month, year = parts
    response = _post(
        client,
        office,
        municipality_id=str(office.maastricht.id),
        **{"date_of_birth-dag": day, "date_of_birth-maand": month, "date_of_birth-jaar": year},
    )
    assert response.status_code == 400
    assert _field_error(response, "date_of_birth") == message
    assert _value(response.text, "date_of_birth-maand") == month
    assert _nothing_saved()


@pytest.mark.parametrize(
    ("query", "filled"),
    [
        ("zoek=111222333", {"bsn": "111222333"}),
        ("nieuw=6211AB+12a", {"postcode": "6211 AB", "house_number": "12A"}),
        ("nieuw=Jan+de+Vries", {"given_names": "Jan", "family_name": "de Vries"}),
    ],
)
def test_what_was_searched_for_is_filled_in_for_a_new_client(
    client: FlaskClient, office: Office, query: str, filled: dict[str, str]
) -> None:
    login(client, office.toegang)
    page = client.get(f"/hulpvraag/nieuw?{query}").text
    assert {name: _value(page, name) for name in filled} == filled


def test_only_domains_with_a_receiving_team_are_offered(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.toegang)
    page = client.get("/hulpvraag/nieuw").text
    domain_select = re.search(r'<select[^>]*id="domain".*?</select>', page, re.S)
    assert domain_select is not None
    assert re.findall(r'<option value="(\w*)"', domain_select[0]) == ["", "wmo"]

    response = _post(client, office, municipality_id=str(office.maastricht.id), domain="jeugd")
    assert response.status_code == 400
    assert _field_error(response, "domain") == (
        "Maastricht heeft geen team voor Jeugd. Kies een ander domein of het gebiedsteam."
    )
    assert _nothing_saved()


def test_a_failed_submit_says_so_in_the_title_and_focuses_the_summary(
    client: FlaskClient, office: Office
) -> None:
    response = _post(client, office, municipality_id=str(office.maastricht.id), question="")
    assert response.status_code == 400
    assert re.search(r"<title>Fout: Nieuwe hulpvraag", response.text)
    assert re.search(
        r'<div class="utrecht-alert utrecht-alert--error"[^>]*id="foutmeldingen"[^>]*\bautofocus\b',
        response.text,
    )
    login(client, office.toegang)
    assert "<title>Nieuwe hulpvraag" in client.get("/hulpvraag/nieuw").text


def test_enter_in_a_field_cannot_send_the_intake_halfway(
    client: FlaskClient, office: Office
) -> None:
    """The form's first submit button (the one Enter would press) is a disabled one."""
    login(client, office.toegang)
    page = client.get("/hulpvraag/nieuw").text
    form = page[page.index('<form method="post" novalidate action="/hulpvraag/nieuw">') :]
    first_button = re.search(r"<button[^>]*>", form)
    assert first_button is not None
    assert 'type="submit"' in first_button[0] and "disabled" in first_button[0]
