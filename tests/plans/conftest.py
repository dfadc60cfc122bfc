"""The plan tests all work in the area office: Maastricht's front door, Team Wmo, two area teams."""

import pytest
import time_machine

from tests.factories import Factory
from tests.offices import Office, area_office


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    return area_office(factory)
