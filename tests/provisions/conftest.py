"""The provisions tests work in one Maastricht office with Wmo, Jeugd and income teams, a
catalogue of four products with two providers, and a client; Vaals has a Wmo team of its own."""

import pytest
import time_machine

from caseflow.models import Role
from tests.factories import Factory
from tests.offices import Colleague, Office, Resident, Town, build_office
from tests.provisions.helpers import Catalogue, catalogue_of


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    maastricht = Town(
        "maastricht",
        teams={"wmo": "Team Wmo", "jeugd": "Team Jeugd", "participatie": "Werk en Inkomen"},
    )
    vaals = Town("vaals", teams={"wmo": "Team Wmo Vaals", "participatie": "Werk en Inkomen Vaals"})
    staff = [  # office.<key>, roles, teams, username
        Colleague("consulent", [Role.CONSULENT], ["wmo", "jeugd", "participatie"], "consulent"),
        Colleague("collega", [Role.CONSULENT], ["wmo"], "collega"),
        Colleague("teammanager", [Role.TEAMMANAGER], ["wmo"], "teammanager"),
        Colleague("beheerder", [Role.BEHEERDER], [], "beheerder"),
        Colleague(
            "vaals_consulent", [Role.CONSULENT], ["wmo", "participatie"], "vaals", town="vaals"
        ),
    ]
    return build_office(factory, maastricht, vaals, staff=staff, client=Resident("Maria", "Smeets"))


@pytest.fixture
def catalogue(office: Office) -> Catalogue:
    return catalogue_of(office.maastricht)
