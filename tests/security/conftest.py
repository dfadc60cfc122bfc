"""The security tests work in the web office; the rights tests add its beheerders."""

from collections.abc import Iterator

import pytest
import time_machine
from flask import Flask

from caseflow.models import Role
from tests.factories import Factory
from tests.offices import Colleague, Office, web_office
from tests.security.helpers import RightsOffice, separate_sessions

BEHEERDERS = (
    Colleague("beheerder", [Role.BEHEERDER], username="beheerder"),
    Colleague("tweede_beheerder", [Role.BEHEERDER], username="beheerder2"),
    Colleague("vaals_beheerder", [Role.BEHEERDER], username="beheerder-vaals", town="vaals"),
)


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    return web_office(factory)


@pytest.fixture
def ro(app: Flask, factory: Factory, travel: time_machine.Traveller) -> Iterator[RightsOffice]:
    """Each request sees only its own client's login, as the rights pages need."""
    with separate_sessions(app):
        office = web_office(factory, *BEHEERDERS)
        yield RightsOffice(
            office, office.beheerder, office.tweede_beheerder, office.vaals_beheerder
        )
