"""A small office for web tests: two municipalities, teams, staff, and a login helper."""

from dataclasses import dataclass

from flask.testing import FlaskClient

from caseflow.models import Municipality, Role, Team, TeamKind, User
from tests.factories import PASSWORD, Factory


@dataclass
class WebOffice:
    maastricht: Municipality
    vaals: Municipality
    front_door: Team
    wmo: Team
    toegang: User
    consulent: User
    collega: User
    teammanager: User
    vaals_consulent: User


def make_web_office(factory: Factory) -> WebOffice:
    maastricht = factory.municipality("maastricht", "Maastricht")
    vaals = factory.municipality("vaals", "Vaals")
    front = factory.team([maastricht], kind=TeamKind.FRONT_DOOR, name="Centrale toegang")
    wmo = factory.team([maastricht], domain="wmo", name="Team Wmo")
    vaals_wmo = factory.team([vaals], domain="wmo", name="Team Wmo Vaals")
    factory.area(maastricht, "Maastricht Noordwest", 6211, 6216)
    return WebOffice(
        maastricht=maastricht,
        vaals=vaals,
        front_door=front,
        wmo=wmo,
        toegang=factory.user(
            Role.TOEGANG, municipalities=[maastricht], teams=[front], username="toegang"
        ),
        consulent=factory.user(
            Role.CONSULENT, municipalities=[maastricht], teams=[wmo], username="consulent"
        ),
        collega=factory.user(
            Role.CONSULENT, municipalities=[maastricht], teams=[wmo], username="collega"
        ),
        teammanager=factory.user(
            Role.TEAMMANAGER,
            municipalities=[maastricht],
            teams=[wmo, front],
            username="teammanager",
        ),
        vaals_consulent=factory.user(
            Role.CONSULENT, municipalities=[vaals], teams=[vaals_wmo], username="vaals"
        ),
    )


def login(client: FlaskClient, user: User) -> None:
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
