"""The letter tests: one Wmo team with its client, a beheerder, and an aanvraag in handling."""

import pytest
import time_machine

from caseflow.models import Case, Role
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import Factory
from tests.offices import Colleague, Office, wmo_office


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    beheerder = Colleague("beheerder", [Role.BEHEERDER], username="beheerder")
    office = wmo_office(factory, "maastricht", beheerder)
    office.client.street, office.client.house_number = "Brusselsestraat", "12"
    office.client.postcode, office.client.city = "6211 AB", "Maastricht"
    commit()
    return office


@pytest.fixture
def aanvraag(office: Office) -> Case:
    """A Wmo aanvraag Anna has taken up, with her report of the onderzoek."""
    anna = office.anna
    case = start_case(
        "wmo_aanvraag",
        municipality=office.gemeente,
        actor=anna,
        person=office.client,
        team=office.team,
    )
    assign(case, anna, anna)
    fire(case, "oppakken", anna)
    fire(case, "verslag_vastleggen", anna, {"verslag": "De trap naar boven lukt niet meer."})
    commit()
    return case
