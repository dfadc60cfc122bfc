"""Nieuwe hulpvraag: recorded once, routed onward; bad input is named and nothing is saved."""

import re
from typing import Any

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Case, Intake, Person
from tests.factories import Factory
from tests.markup import FIELD_ERROR, NUMBER_CELL
from tests.offices import Office, login

VALID: dict[str, Any] = {
    "channel": "telefoon",
    "given_names": "Maria",
    "family_name": "Smeets",
    "bsn": "111222333",
    "date_of_birth-dag": "12",
    "date_of_birth-maand": "3",
    "date_of_birth-jaar": "1948",
    "street": "Brusselsestraat",
    "house_number": "12",
    "postcode": "6211 AB",
    "question": "Ik kom de trap niet meer op.",
    "underlying_question": "Zelfstandig thuis blijven wonen na de heupoperatie.",
    "ld_lichamelijke_gezondheid": "2",
    "ld_sociaal_netwerk": "3",
    "outcome": "domein",
    "domain": "wmo",
}


def _post(client: FlaskClient, office: Office, **changes: Any):  # type: ignore[no-untyped-def]
    login(client, office.toegang)
    data = {**VALID, "municipality_id": str(office.maastricht.id), **changes}
    return client.post("/hulpvraag/nieuw", data={k: v for k, v in data.items() if v is not None})


def _counts() -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Person, Intake, Case)
    )


def test_intake_routed_to_wmo_opens_a_melding_that_shows_the_story(
    client: FlaskClient, office: Office
) -> None:
    response = _post(client, office)
    assert response.status_code == 302
    intake_case = db.session.scalars(
        sa.select(Case).where(Case.case_type == "vraagverheldering")
    ).one()
    assert intake_case.state == "doorgezet_domein"
    melding = db.session.scalars(sa.select(Case).where(Case.case_type == "wmo_melding")).one()
    assert (melding.team_id, melding.intake_id) == (office.wmo.id, intake_case.intake_id)
    assert melding.person is not None and melding.person.bsn == "111222333"

    client.post("/logout")
    login(client, office.consulent)
    page = client.get(f"/zaken/{melding.id}").get_data(as_text=True)
    assert "Ik kom de trap niet meer op." in page
    assert "Zelfstandig thuis blijven wonen na de heupoperatie." in page
    assert re.search(
        rf"Lichamelijke gezondheid</td><td {NUMBER_CELL}>2",
        page,
    )


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        ({"question": ""}, "question", "Vul de vraag van de inwoner in."),
        (
            {"date_of_birth-dag": "31", "date_of_birth-maand": "2", "bsn": ""},
            "date_of_birth",
            "Deze datum bestaat niet",
        ),
        (
            {
                "bsn": "",
                "date_of_birth-dag": "",
                "date_of_birth-maand": "",
                "date_of_birth-jaar": "",
            },
            "date_of_birth",
            "geboortedatum",
        ),
        ({"postcode": "62111"}, "postcode", "1234 AB"),
        ({"outcome": "domein", "domain": ""}, "domain", "Kies bij deze uitkomst"),
    ],
)
def test_bad_input_is_named_beside_the_field_and_nothing_is_saved(
    client: FlaskClient, office: Office, changes: dict[str, Any], field_id: str, message: str
) -> None:
    before = _counts()
    response = _post(client, office, **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="foutmeldingen"' in page
    assert re.search(
        rf'<p {FIELD_ERROR} id="{field_id}-fout">[^<]*{re.escape(message)}',
        page,
    )
    assert _counts() == before


def test_an_address_in_no_area_keeps_the_intake_at_the_front_door(
    client: FlaskClient, office: Office
) -> None:
    before = _counts()
    response = _post(client, office, outcome="gebiedsteam", postcode="6299 ZZ", domain="")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "valt in geen enkel gebied" in page
    assert _counts() == before


def test_front_door_answer_closes_the_intake_without_a_follow_up(
    client: FlaskClient, office: Office
) -> None:
    response = _post(client, office, outcome="voordeur", domain="", front_door_result="advies")
    assert response.status_code == 302
    cases = db.session.scalars(sa.select(Case)).all()
    assert [(c.case_type, c.state, c.result) for c in cases] == [
        ("vraagverheldering", "beantwoord", "advies")
    ]


def test_existing_client_is_found_and_not_asked_again(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    person = factory.person(office.maastricht, family_name="Vliegen", postcode="6212 AA")
    login(client, office.toegang)
    found = client.get("/hulpvraag/nieuw?zoek=vlieg").get_data(as_text=True)
    assert f"/hulpvraag/nieuw?persoon={person.id}" in found
    response = client.post(
        f"/hulpvraag/nieuw?persoon={person.id}",
        data={
            "person_id": str(person.id),
            "channel": "balie",
            "question": "Hulp bij post.",
            "underlying_question": "Overzicht over de financiën.",
            "outcome": "open",
        },
    )
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Person.id))) == 1
    case = db.session.scalars(sa.select(Case)).one()
    assert (case.person_id, case.state) == (person.id, "in_gesprek")
