"""A Wmo team's decided cases and a quality reviewer of the same municipality."""

import pytest
import time_machine

from caseflow.models import Role
from tests.factories import Factory
from tests.offices import Colleague, Office, wmo_office


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    reviewer = Colleague("kwaliteit", [Role.KWALITEIT], [], "kwaliteit", "Ingrid Notermans")
    return wmo_office(factory, "maastricht", reviewer)
