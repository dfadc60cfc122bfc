"""The retention tests keep and destroy the cases of the report tests' Wmo team;
make_office opens it in a municipality the privacy officer does not serve."""

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
