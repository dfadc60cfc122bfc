"""An office with a Wmo team, a team for bezwaar en beroep and one for complaints: a consultant
who decides, a jurist who handles the objection, a complaints coordinator, and a client."""

import pytest
import time_machine

from caseflow.models import Role
from tests.factories import Factory
from tests.offices import Colleague, Office, Resident, Town, build_office


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    town = Town(
        "maastricht",
        teams={
            "wmo": "Team Wmo",
            "bezwaar": "Team Bezwaar en Beroep",
            "klachten": "Klachtencoördinatie",
        },
    )
    staff = [
        Colleague("consulent", [Role.CONSULENT], ["wmo"], "consulent", "Jeroen Hermans"),
        Colleague("jurist", [Role.JURIST], ["bezwaar"], "jurist", "Eva Pinckaers"),
        Colleague(
            "coordinator", [Role.KLACHTENCOORDINATOR], ["klachten"], "klachten", "Lars Frissen"
        ),
        Colleague("collega", [Role.CONSULENT], ["wmo"], "collega", "Mia Claessens"),
        Colleague("manager", [Role.TEAMMANAGER], ["wmo", "bezwaar"], "manager", "Petra Vossen"),
    ]
    return build_office(factory, town, staff=staff, client=Resident())
