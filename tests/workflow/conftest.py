"""The workflow walk-throughs: one municipality with a client and a colleague for each role the
workflows use. A module names its municipality in MUNICIPALITY (Maastricht when it names none);
make_office opens the same office in another one."""

import pytest
import time_machine

from caseflow.models import Role
from tests.factories import Factory
from tests.offices import Colleague, MakeOffice, Office, Resident, Town, build_office

STAFF = tuple(
    Colleague(str(role), [role])
    for role in (Role.TOEGANG, Role.CONSULENT, Role.REGISSEUR, Role.TEAMMANAGER)
)


@pytest.fixture
def make_office(factory: Factory, travel: time_machine.Traveller) -> MakeOffice:
    def make(code: str = "maastricht") -> Office:
        town = Town(code, teams={"wmo": "Team Wmo {code}"})
        return build_office(factory, town, staff=STAFF, client=Resident())

    return make


@pytest.fixture
def office(make_office: MakeOffice, request: pytest.FixtureRequest) -> Office:
    return make_office(getattr(request.module, "MUNICIPALITY", "maastricht"))
