"""The search box in the header: a client by name, BSN, or postcode and house number, a case by
its number; only what the user may see, and each person shown is in the processing log."""

import re

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog, Role
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import start_case
from tests.factories import Factory
from tests.offices import Office, login


def _search(client: FlaskClient, term: str) -> str:
    response = client.get("/zoeken/", query_string={"zoek": term})
    assert response.status_code == 200
    return response.text


def _logged() -> list[tuple[int | None, str]]:
    rows = db.session.execute(
        sa.select(AccessLog.person_id, AccessLog.purpose).order_by(AccessLog.id)
    ).all()
    return [(person_id, purpose) for person_id, purpose in rows]


def test_the_header_has_a_search_box_for_those_who_look_clients_up(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    login(client, office.consulent)
    page = client.get("/").text
    assert re.search(r'<form class="header-search"[^>]*action="/zoeken/"[^>]*role="search"', page)
    assert '<label for="kopbalk-zoek"' in page
    client.post("/logout")
    admin = factory.user(Role.BEHEERDER, municipalities=[office.maastricht])
    login(client, admin)
    assert "header-search" not in client.get("/beheer/gebruikers").text
    assert client.get("/zoeken/?zoek=Smeets").status_code == 403


@pytest.mark.parametrize("term", ["111222333", "smeets", "Maria Smeets", "6211 AB 12", "6211ab12"])
def test_the_front_door_finds_a_client_by_bsn_name_or_address_and_it_is_logged(
    client: FlaskClient, office: Office, factory: Factory, term: str
) -> None:
    maria = factory.person(
        office.maastricht,
        "Smeets",
        given_names="Maria",
        bsn="111222333",
        postcode="6211 AB",
        house_number="12",
    )
    factory.person(office.maastricht, "Peters", postcode="6211 AB", house_number="14")
    factory.person(office.vaals, "Smeets", given_names="Maria", postcode="6291 AB")
    login(client, office.toegang)
    page = _search(client, term)
    shown = re.findall(r'<a class="utrecht-link" href="/clienten/(\d+)">', page)
    assert shown == [str(maria.id)], "Vaals and the neighbour at number 14 are not shown"
    assert f'href="/hulpvraag/nieuw?persoon={maria.id}"' in page
    assert _logged() == [(maria.id, "zoeken in de kopbalk")]


def test_a_consultant_finds_only_clients_of_cases_he_may_see(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    mine = factory.person(office.maastricht, "Smeets", given_names="Maria")
    factory.person(office.maastricht, "Smeets", given_names="Jan")
    start_case(
        "wmo_melding",
        municipality=office.maastricht,
        actor=office.toegang,
        person=mine,
        team=office.wmo,
    )
    commit()
    login(client, office.consulent)
    page = _search(client, "smeets")
    assert re.findall(r'<a class="utrecht-link" href="/clienten/(\d+)">', page) == [str(mine.id)]


def test_a_case_number_finds_the_case_within_scope_only(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    client_in_vaals = factory.person(office.vaals, "Claessens")
    here = start_case(
        "wmo_melding",
        municipality=office.maastricht,
        actor=office.toegang,
        person=factory.person(office.maastricht, "Willems"),
        team=office.wmo,
    )
    there = start_case(
        "wmo_melding",
        municipality=office.vaals,
        actor=office.vaals_consulent,
        person=client_in_vaals,
    )
    commit()
    login(client, office.consulent)
    page = _search(client, here.reference)
    assert f'<a class="utrecht-link" href="/zaken/{here.id}">{here.reference}</a>' in page
    assert "Willems" in page
    assert _logged() == [(here.person_id, "zoeken in de kopbalk")]
    # The same number with another year, and a case in a municipality he does not serve.
    year = here.reference.split("-")[1]
    wrong_year = here.reference.replace(f"-{year}-", f"-{int(year) - 1}-")
    assert f"/zaken/{here.id}" not in _search(client, wrong_year)
    assert f"/zaken/{there.id}" not in _search(client, there.reference)


def test_a_bsn_that_finds_nobody_leads_to_the_form_with_the_bsn_filled_in(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.toegang)
    page = _search(client, "111222333")
    assert "Niets gevonden" in page
    assert 'href="/hulpvraag/nieuw?nieuw=111222333"' in page
    assert _logged() == [(None, "zoeken in de kopbalk: niemand gevonden")]
    form = client.get("/hulpvraag/nieuw?nieuw=111222333").text
    assert re.search(r'<input[^>]*name="bsn"[^>]*value="111222333"', form)
    assert len(_logged()) == 1, "carrying the term over is not a second search"


def test_only_those_who_record_intakes_are_offered_a_new_one_from_the_results(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.teammanager)
    page = _search(client, "111222333")
    assert "Niets gevonden" in page
    assert "/hulpvraag/nieuw" not in page.split("<main", 1)[1]
