"""A Wmo team with a consultant and a client whose decisions close, for the survey tests."""

import pytest
import time_machine

from tests.factories import Factory
from tests.offices import Office, wmo_office


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    return wmo_office(factory)
