"""The demo service organisation: six municipalities, their areas, teams and staff."""

from dataclasses import dataclass
from datetime import timedelta

from werkzeug.security import generate_password_hash

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    Area,
    Municipality,
    PostcodeRange,
    Role,
    ServiceOrganisation,
    Team,
    TeamKind,
    User,
    UserRole,
)
from caseflow.rights.log import record_change

DEMO_PASSWORD = "caseflow-demo"

# (code, name, inhabitants, [(area name, first postcode, last postcode)])
MUNICIPALITIES = [
    (
        "maastricht",
        "Maastricht",
        121_000,
        [
            ("Maastricht Noordwest", 6211, 6216),
            ("Maastricht Noordoost", 6217, 6222),
            ("Maastricht Zuidoost", 6223, 6226),
            ("Maastricht Zuidwest", 6227, 6229),
        ],
    ),
    (
        "eijsden-margraten",
        "Eijsden-Margraten",
        25_500,
        [
            ("Eijsden", 6245, 6249),
            ("Margraten en kernen", 6260, 6269),
        ],
    ),
    ("gulpen-wittem", "Gulpen-Wittem", 14_300, [("Gulpen-Wittem", 6270, 6289)]),
    ("meerssen", "Meerssen", 18_900, [("Meerssen", 6230, 6244)]),
    ("vaals", "Vaals", 9_800, [("Vaals", 6290, 6299)]),
    (
        "valkenburg-aan-de-geul",
        "Valkenburg aan de Geul",
        16_300,
        [
            ("Valkenburg", 6300, 6302),
            ("Berg en Terblijt en kernen", 6325, 6345),
        ],
    ),
]
WMO_JEUGD_MUNICIPALITIES = ("maastricht", "valkenburg-aan-de-geul")

# (username, full name, roles, team names or "*" for every team of that kind, label)
DEMO_USERS = [
    ("toegang", "Fenna Lemmens", (Role.TOEGANG,), "Medewerker centrale toegang"),
    ("consulent", "Jeroen Hermans", (Role.CONSULENT,), "Consulent Wmo"),
    ("regisseur", "Samira El Idrissi", (Role.REGISSEUR, Role.CONSULENT), "Regisseur gebiedsteam"),
    ("teammanager", "Petra Vossen", (Role.TEAMMANAGER,), "Teammanager"),
    ("beheerder", "Bas Creemers", (Role.BEHEERDER,), "Beheerder"),
    ("kwaliteit", "Ingrid Notermans", (Role.KWALITEIT,), "Kwaliteitsmedewerker"),
    ("gemeente", "Raadsgriffie Maastricht", (Role.GEMEENTE,), "Lezer gemeente Maastricht"),
    ("privacy", "Noor Habets", (Role.PRIVACY,), "Privacyfunctionaris"),
    ("jurist", "Maud Lardinois", (Role.JURIST,), "Jurist bezwaar en beroep"),
    ("klachten", "Lars Frissen", (Role.KLACHTENCOORDINATOR,), "Klachtencoördinator"),
]
COLLEAGUES = [
    ("l.schepers", "Lotte Schepers", "wmo"),
    ("m.janssen", "Mark Janssen", "wmo"),
    ("a.bastiaens", "Anouk Bastiaens", "jeugd"),
    ("t.kusters", "Tim Kusters", "participatie"),
    ("y.ouali", "Yasmina Ouali", "participatie"),
    ("r.wetzels", "Rob Wetzels", "schuldhulp"),
    ("e.pinckaers", "Eva Pinckaers", "bezwaar"),
    ("d.ramakers", "Daan Ramakers", "integraal"),
]
# What a colleague of a domain's team does, when it is not the consultant's work.
DOMAIN_ROLES = {
    "integraal": (Role.CONSULENT, Role.REGISSEUR),
    "bezwaar": (Role.JURIST,),
}
DOMAIN_TEAMS = {
    "wmo": "Team Wmo",
    "jeugd": "Team Jeugd",
    "participatie": "Team Werk en Inkomen",
    "schuldhulp": "Team Schuldhulpverlening",
    "bezwaar": "Team Bezwaar en Beroep",
    "klachten": "Klachtencoördinatie",
}
# Wmo and Jeugd for the other four municipalities: their own teams, so the front door can send
# every question it takes on to someone (no municipality without a receiving team).
LOCAL_TEAMS = {
    "wmo": ("Wmo-team Heuvelland", ("s.habets", "Sanne Habets")),
    "jeugd": ("Jeugdteam Heuvelland", ("k.dassen", "Kim Dassen")),
}


@dataclass
class DemoOrganisation:
    municipalities: list[Municipality]
    teams_by_domain: dict[str, Team]
    front_door: Team
    area_teams: dict[int, Team]  # area id -> team
    users: list[User]
    # Teams of the municipalities outside WMO_JEUGD_MUNICIPALITIES, by domain.
    local_teams: dict[str, Team]


def build_organisation() -> DemoOrganisation:
    org = ServiceOrganisation(name="Sociale Zaken Maastricht Heuvelland")
    municipalities = []
    area_teams: dict[int, Team] = {}
    for code, name, inhabitants, areas in MUNICIPALITIES:
        municipality = Municipality(code=code, name=name, inhabitants=inhabitants, organisation=org)
        municipalities.append(municipality)
        for area_name, first, last in areas:
            area = Area(
                municipality=municipality,
                name=area_name,
                postcode_ranges=[PostcodeRange(first=first, last=last)],
            )
            db.session.add(area)
            db.session.flush()
            area_teams[area.id] = Team(
                organisation=org,
                name=f"Gebiedsteam {area_name}",
                kind=TeamKind.AREA,
                area=area,
                municipalities=[municipality],
            )
    wmo_jeugd = [m for m in municipalities if m.code in WMO_JEUGD_MUNICIPALITIES]
    teams_by_domain = {
        domain: Team(
            organisation=org,
            name=name,
            kind=TeamKind.DOMAIN,
            domain=domain,
            municipalities=wmo_jeugd if domain in ("wmo", "jeugd") else municipalities,
        )
        for domain, name in DOMAIN_TEAMS.items()
    }
    others = [m for m in municipalities if m.code not in WMO_JEUGD_MUNICIPALITIES]
    local_teams = {
        domain: Team(
            organisation=org, name=name, kind=TeamKind.DOMAIN, domain=domain, municipalities=others
        )
        for domain, (name, _member) in LOCAL_TEAMS.items()
    }
    front_door = Team(
        organisation=org,
        name="Centrale integrale toegang",
        kind=TeamKind.FRONT_DOOR,
        municipalities=municipalities,
    )
    db.session.add_all(
        [front_door, *teams_by_domain.values(), *local_teams.values(), *area_teams.values()]
    )

    users = []
    for username, full_name, roles, _label in DEMO_USERS:
        user = User(
            username=username,
            full_name=full_name,
            password_hash=_demo_password_hash(),
            role_rows=[UserRole(role=r) for r in roles],
        )
        if username == "gemeente":
            user.municipalities = [municipalities[0]]
        else:
            user.municipalities = list(municipalities)
        users.append(user)
    by_name = {u.username: u for u in users}
    front_door.members = [by_name["toegang"], by_name["teammanager"]]
    teams_by_domain["wmo"].members = [by_name["consulent"], by_name["teammanager"]]
    teams_by_domain["bezwaar"].members = [by_name["jurist"]]
    teams_by_domain["klachten"].members = [by_name["klachten"]]
    first_area_team = next(iter(area_teams.values()))
    first_area_team.members = [by_name["regisseur"], by_name["teammanager"]]
    for username, full_name, domain in COLLEAGUES:
        roles = DOMAIN_ROLES.get(domain, (Role.CONSULENT,))
        user = User(
            username=username,
            full_name=full_name,
            password_hash=_demo_password_hash(),
            role_rows=[UserRole(role=r) for r in roles],
            municipalities=list(municipalities),
        )
        team = first_area_team if domain == "integraal" else teams_by_domain[domain]
        team.members.append(user)
        users.append(user)
    for domain, (_name, (username, full_name)) in LOCAL_TEAMS.items():
        user = User(
            username=username,
            full_name=full_name,
            password_hash=_demo_password_hash(),
            role_rows=[UserRole(role=Role.CONSULENT)],
            municipalities=others,
        )
        local_teams[domain].members.append(user)
        users.append(user)
    for team in [*teams_by_domain.values(), *local_teams.values()]:
        if by_name["teammanager"] not in team.members:
            team.members.append(by_name["teammanager"])
    db.session.add_all(users)
    db.session.flush()
    for user in users:
        # The rights log starts with every account, as if the beheerder had made them.
        actor = None if user is by_name["beheerder"] else by_name["beheerder"]
        record_change(actor, user, "account_aangemaakt", f"{user.username} ({user.full_name})")
    # Someone who has not logged in for months, for the yearly review of rights to point at.
    by_name["gemeente"].last_login_at = clock.now() - timedelta(days=140)
    db.session.flush()
    return DemoOrganisation(
        municipalities, teams_by_domain, front_door, area_teams, users, local_teams
    )


def _demo_password_hash() -> str:
    # A salt of its own per account: one account's row must not give away any other's.
    return generate_password_hash(DEMO_PASSWORD)
