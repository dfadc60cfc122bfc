"""Reports count with their own scope (municipalities, teams), not the reader's case scope: a
municipality reader opens no case, yet reads every figure of their municipality."""

import csv
import io

import pytest
import time_machine
from flask.testing import FlaskClient

from caseflow.models import Role
from tests.factories import Factory
from tests.offices import MakeOffice, Office, login
from tests.reports.helpers import at, decide, wmo

URL = "/rapportages/indicatoren/tijdigheid?periode=2026-03&groep=gemeente&formaat=csv"


@pytest.fixture
def maastricht(make_office: MakeOffice, travel: time_machine.Traveller) -> Office:
    office = make_office("maastricht")
    at(travel, "2026-03-02 10:00")
    late, in_time = wmo(office), wmo(office, office.bram)
    wmo(office)
    at(travel, "2026-03-10 10:00")
    decide(in_time)
    at(travel, "2026-03-20 10:00")
    decide(late)
    return office


def _figures(client: FlaskClient) -> list[tuple[str, str, str]]:
    response = client.get(URL)
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(response.get_data(as_text=True)))
    return [(r["gemeente"], r["afgehandeld_tijdig"], r["afgehandeld_te_laat"]) for r in rows]


@pytest.mark.parametrize("role", [Role.GEMEENTE, Role.KWALITEIT, Role.BEHEERDER])
def test_a_reader_who_opens_no_case_reads_the_same_figures_as_the_team_manager(
    client: FlaskClient, factory: Factory, maastricht: Office, role: Role
) -> None:
    login(client, maastricht.manager)
    expected = _figures(client)
    assert expected == [("Maastricht", "1", "1")]
    client.post("/logout")
    login(client, factory.user(role, municipalities=[maastricht.gemeente]))
    assert _figures(client) == expected
