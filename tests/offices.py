"""One office builder for every test folder: municipalities with their teams, staff and a client.

A folder's conftest.py says which office its tests need: which towns (municipalities), which teams
each has (domain teams, a front door, area teams over postcode ranges), who works there under the
names the tests use, and whether there is a client. The offices several folders share are below.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from flask.testing import FlaskClient

from caseflow.models import Area, Municipality, Person, Role, Team, TeamKind, User
from tests.factories import PASSWORD, Factory


@dataclass(frozen=True)
class District:
    """An area of a town by its postcode range, with its area team when it has one."""

    key: str  # office.<key> is the area, office.team_<key> its team
    name: str
    first: int
    last: int
    team: str | None = None


@dataclass(frozen=True)
class Town:
    """A municipality the office serves and its teams by domain, its front door and its areas.
    A team's name may say {municipality} or {code}."""

    code: str = "maastricht"
    teams: Mapping[str, str] = field(default_factory=lambda: {"wmo": "Team Wmo"})  # by domain
    front_door: str | None = None
    districts: Sequence[District] = ()


@dataclass(frozen=True)
class Colleague:
    """Someone on the staff: office.<key>. `teams` are keys of their town's teams: a domain
    ("wmo"), "front_door" or "team_<district>". Full name and e-mail may say {municipality} or
    {code}; without a username or full name the factory numbers them."""

    key: str
    roles: Sequence[str] = (Role.CONSULENT,)
    teams: Sequence[str] = ()
    username: str | None = None
    full_name: str | None = None
    email: str | None = None
    town: str | None = None  # a code; the first town when left out


@dataclass(frozen=True)
class Resident:
    """The office's client."""

    given_names: str = "Anna"
    family_name: str = "Jansen"
    bsn: str | None = None


@dataclass(frozen=True)
class Office:
    """What build_office made. Tests reach each part by name: office.gemeente (the first town),
    office.team (its first domain team), a municipality by its code (dashes as underscores:
    office.vaals), its first town's teams and areas (office.wmo, office.front_door,
    office.noordwest, office.team_noordwest), the staff (office.anna) and office.client."""

    municipalities: Mapping[str, Municipality]  # by code, the first town first
    teams: Mapping[str, Team]  # the first town's, by key
    areas: Mapping[str, Area]  # the first town's, by key
    staff: Mapping[str, User]
    resident: Person | None

    @property
    def gemeente(self) -> Municipality:
        return next(iter(self.municipalities.values()))

    @property
    def team(self) -> Team:
        return next(t for t in self.teams.values() if t.kind == TeamKind.DOMAIN)

    @property
    def client(self) -> Person:
        assert self.resident is not None, "this office was built without a client"
        return self.resident

    def __getattr__(self, name: str) -> Any:
        known = self.__dict__  # only the fields: no recursion before __init__ has run
        parts: dict[str, Any] = {
            **{code.replace("-", "_"): m for code, m in known.get("municipalities", {}).items()},
            **known.get("areas", {}),
            **known.get("teams", {}),
            **known.get("staff", {}),
        }
        if name in parts:
            return parts[name]
        raise AttributeError(f"this office has no {name!r}; it has {', '.join(sorted(parts))}")


class MakeOffice(Protocol):
    """A conftest's office builder for one more municipality, e.g. make_office("vaals")."""

    def __call__(self, code: str = "maastricht") -> Office: ...


def build_office(
    factory: Factory,
    *towns: Town,
    staff: Sequence[Colleague] = (),
    client: Resident | None = None,
) -> Office:
    """Municipalities, then front doors, domain teams, areas with their teams, staff, client:
    always in this order, so the ids a test sees follow from its office alone."""
    towns = towns or (Town(),)
    places = {town.code: factory.municipality(town.code) for town in towns}
    teams: dict[tuple[str, str], Team] = {}
    areas: dict[tuple[str, str], Area] = {}
    for town in towns:
        if town.front_door:
            teams[town.code, "front_door"] = factory.team(
                [places[town.code]], kind=TeamKind.FRONT_DOOR, name=town.front_door
            )
    for town in towns:
        for domain, name in town.teams.items():
            teams[town.code, domain] = factory.team(
                [places[town.code]], domain=domain, name=_fill(name, places[town.code])
            )
    for town in towns:
        for district in town.districts:
            area = factory.area(places[town.code], district.name, district.first, district.last)
            areas[town.code, district.key] = area
            if district.team:
                teams[town.code, f"team_{district.key}"] = factory.team(
                    [places[town.code]], kind=TeamKind.AREA, area=area, name=district.team
                )
    users: dict[str, User] = {}
    for colleague in staff:
        place = places[colleague.town or towns[0].code]
        assert colleague.key not in users, f"two colleagues called {colleague.key}"
        users[colleague.key] = factory.user(
            *colleague.roles,
            municipalities=[place],
            teams=[teams[place.code, key] for key in colleague.teams],
            username=colleague.username,
            full_name=colleague.full_name and _fill(colleague.full_name, place),
            email=colleague.email and _fill(colleague.email, place),
        )
    first = towns[0].code
    resident = None
    if client is not None:
        extra = {"bsn": client.bsn} if client.bsn else {}
        resident = factory.person(
            places[first], client.family_name, given_names=client.given_names, **extra
        )
    return Office(
        municipalities=places,
        teams={key: team for (code, key), team in teams.items() if code == first},
        areas={key: area for (code, key), area in areas.items() if code == first},
        staff=users,
        resident=resident,
    )


def _fill(text: str, municipality: Municipality) -> str:
    return text.format(code=municipality.code, municipality=municipality.name)


def login(client: FlaskClient, user: User) -> None:
    """Log a colleague in; every test account shares one password."""
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)


def area_office(factory: Factory) -> Office:
    """Maastricht with a front door, Team Wmo and two area teams, everyone by name: the plans,
    the plan reminders, the one door and the gebiedsteam in the browser."""
    maastricht = Town(
        "maastricht",
        front_door="Centrale toegang",
        districts=(
            District("noordwest", "Maastricht Noordwest", 6211, 6216, "Gebiedsteam Noordwest"),
            District("zuidoost", "Maastricht Zuidoost", 6223, 6226, "Gebiedsteam Zuidoost"),
        ),
    )
    director, manager = (Role.REGISSEUR, Role.CONSULENT), (Role.TEAMMANAGER,)
    staff = [  # office.<key>, roles, teams, username, full name
        Colleague("toegang", [Role.TOEGANG], ["front_door"], "toegang", "Fenna Lemmens"),
        Colleague("regisseur", director, ["team_noordwest"], "regisseur", "Samira El Idrissi"),
        Colleague("collega_regisseur", director, ["team_noordwest"], "ramakers", "Daan Ramakers"),
        Colleague("teammanager", manager, ["team_noordwest", "wmo"], "teammanager", "Petra Vossen"),
        Colleague("wmo_consulent", [Role.CONSULENT], ["wmo"], "consulent", "Jeroen Hermans"),
        Colleague("zuid_regisseur", director, ["team_zuidoost"], "zuid", "Ruud Smeets"),
        Colleague("beheerder", [Role.BEHEERDER], [], "beheerder", "Bas Creemers"),
    ]
    return build_office(factory, maastricht, staff=staff)


def web_office(factory: Factory, *extra: Colleague) -> Office:
    """Maastricht with a front door, Team Wmo and an area without a team of its own, and Vaals
    with its own Wmo team; the staff log in by these usernames: the web, security and browser
    tests. `extra` colleagues join after them."""
    maastricht = Town(
        "maastricht",
        front_door="Centrale toegang",
        districts=(District("noordwest", "Maastricht Noordwest", 6211, 6216),),
    )
    vaals = Town("vaals", teams={"wmo": "Team Wmo Vaals"})
    staff = [  # office.<key>, roles, teams, username
        Colleague("toegang", [Role.TOEGANG], ["front_door"], "toegang"),
        Colleague("consulent", [Role.CONSULENT], ["wmo"], "consulent"),
        Colleague("collega", [Role.CONSULENT], ["wmo"], "collega"),
        Colleague("teammanager", [Role.TEAMMANAGER], ["wmo", "front_door"], "teammanager"),
        Colleague("vaals_consulent", [Role.CONSULENT], ["wmo"], "vaals", town="vaals"),
        *extra,
    ]
    return build_office(factory, maastricht, vaals, staff=staff)


def wmo_office(factory: Factory, code: str = "maastricht", *extra: Colleague) -> Office:
    """One municipality's Wmo team: consultants Anna and Bram, their manager, and a client: the
    reports and the retention tests. `extra` colleagues join after them."""
    staff = [
        Colleague("anna", [Role.CONSULENT], ["wmo"], full_name="Anna ({municipality})"),
        Colleague("bram", [Role.CONSULENT], ["wmo"], full_name="Bram ({municipality})"),
        Colleague("manager", [Role.TEAMMANAGER], ["wmo"]),
        *extra,
    ]
    town = Town(code, teams={"wmo": "Wmo {municipality}"})
    return build_office(factory, town, staff=staff, client=Resident())
