"""The web tests work in Maastricht and Vaals, logging in as the web office's staff."""

import pytest
import time_machine

from tests.factories import Factory
from tests.offices import Office, web_office


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    return web_office(factory)
