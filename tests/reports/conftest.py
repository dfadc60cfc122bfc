"""The report tests count the cases of one Wmo team: Anna's, Bram's and their manager's;
make_office opens the same office in another municipality."""

import pytest
import time_machine

from tests.factories import Factory
from tests.offices import MakeOffice, Office, wmo_office


@pytest.fixture
def make_office(factory: Factory, travel: time_machine.Traveller) -> MakeOffice:
    def make(code: str = "maastricht") -> Office:
        return wmo_office(factory, code)

    return make


@pytest.fixture
def office(make_office: MakeOffice) -> Office:
    return make_office()
