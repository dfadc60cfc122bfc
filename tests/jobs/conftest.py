"""The job tests watch one Wmo team: a consultant and a team manager who get mail, and a client
whose every detail a mail must leave out; make_office opens the same office elsewhere."""

import random

import pytest
import time_machine

from caseflow.bsn import random_bsn
from caseflow.models import Role
from tests.factories import Factory
from tests.offices import Colleague, MakeOffice, Office, Resident, Town, build_office

STAFF = (
    Colleague("consulent", [Role.CONSULENT], ["wmo"], email="consulent@{code}.nl"),
    Colleague("teammanager", [Role.TEAMMANAGER], ["wmo"], email="manager@{code}.nl"),
)


@pytest.fixture
def make_office(factory: Factory, travel: time_machine.Traveller) -> MakeOffice:
    def make(code: str = "maastricht") -> Office:
        town = Town(code, teams={"wmo": "Team Wmo {municipality}"})
        client = Resident("Truus", "Vliegen", random_bsn(random.Random(code)))
        return build_office(factory, town, staff=STAFF, client=client)

    return make


@pytest.fixture
def office(make_office: MakeOffice) -> Office:
    return make_office()
