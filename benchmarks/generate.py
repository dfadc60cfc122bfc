"""Synthetic data at scale: an organisation, clients and case histories, by bulk inserts.

Every case is walked by `benchmarks.simulate.Walker` under the workflow definitions the app
loads, so states, events and deadlines follow the engine's rules; rows go in with SQLAlchemy
Core executemany inserts, a chunk of cases per transaction.
"""

import hashlib
import json
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import Connection, Engine
from werkzeug.security import generate_password_hash

from benchmarks.common import Preset, dialect_of, make_app, migrate_schema, recreate_database
from benchmarks.objections import OBJECTION_TABLES, Objections
from benchmarks.papers import Papers
from benchmarks.registers import REGISTER_TABLES, Registers
from benchmarks.simulate import DueDates, Ids, Row, SimCase, Staff, Tables, Walker
from caseflow import clock
from caseflow.bundled import bundled_dir
from caseflow.deadlines.app_calendar import holiday_calendar
from caseflow.demo.cases import CASE_MIX, FAMILY, GIVEN, QUESTIONS, STREETS
from caseflow.demo.organisation import MUNICIPALITIES
from caseflow.extensions import db
from caseflow.models import Base, Role, TeamKind
from caseflow.workflow.closed_terms import rebuild
from caseflow.workflow.melding import place as melding_place
from caseflow.workflow.registry import registry
from caseflow.workflow.schema import Workflow

BENCH_PASSWORD = "caseflow-bench"
GENERATOR_VERSION = 4
ROOTS_PER_CHUNK = 1000
MORE_MUNICIPALITIES = [
    "Heerlen",
    "Kerkrade",
    "Sittard-Geleen",
    "Venlo",
    "Roermond",
    "Weert",
    "Beekdaelen",
    "Brunssum",
    "Landgraaf",
    "Simpelveld",
    "Voerendaal",
    "Stein",
    "Beek",
    "Echt-Susteren",
    "Maasgouw",
    "Roerdalen",
    "Leudal",
    "Peel en Maas",
    "Horst aan de Maas",
    "Venray",
    "Bergen",
    "Gennep",
    "Mook en Middelaar",
    "Nederweert",
]
REGION_SIZE = 6
# Domains without a domain team: the front door, the area teams, and beroep (an appeal stays
# with the team that decided the objection).
UNTEAMED_DOMAINS = {"toegang", "integraal", "beroep"}
# What the handlers of a domain team do, when it is not the consultant's work.
DOMAIN_ROLES: dict[str, tuple[str, ...]] = {
    "bezwaar": (Role.JURIST,),
    "klachten": (Role.KLACHTENCOORDINATOR,),
}
# Cases one handler takes on in a year, per kind of team: sizes teams like a real organisation.
YEARLY_CASES_PER_HANDLER = {"toegang": 700, "integraal": 120, "default": 220}
TABLE_ORDER = (
    "persons",
    "households",
    "household_members",
    "intakes",
    "cases",
    "case_events",
    "documents",
    "letters",
    "notes",
    "deadlines",
    "deadline_suspensions",
    "deadline_extensions",
    "household_directors",
    "household_plans",
    "plan_members",
    "plan_goals",
    "plan_actions",
    *REGISTER_TABLES,
    *OBJECTION_TABLES,
)
META_TABLE = sa.Table(
    "bench_meta",
    sa.MetaData(),
    sa.Column("key", sa.String(60), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


@dataclass
class Place:
    municipality_id: int
    code: str
    region: int
    inhabitants: int
    areas: list[tuple[int, int, int]]  # area id, first postcode, last postcode


@dataclass
class Organisation:
    places: list[Place]
    front_door: dict[int, int] = field(default_factory=dict)  # region -> team id
    domain_teams: dict[tuple[int, str], int] = field(default_factory=dict)
    area_teams: dict[int, int] = field(default_factory=dict)  # area id -> team id
    staff: dict[int, Staff] = field(default_factory=dict)
    users: int = 0


@dataclass
class Generated:
    preset: str
    seed: int
    seconds: float
    counts: dict[str, int]
    skipped_guards: list[str]
    generated_at: str
    unmigrated_tables: list[str] = field(default_factory=list)


def generate(url: str, preset: Preset, seed: int = 2026, quiet: bool = False) -> Generated:
    """An empty database at `url`, migrated, then filled at `preset`."""
    started = time.perf_counter()
    recreate_database(url)
    app = make_app(url)
    unmigrated = migrate_schema(app)
    with app.app_context():
        result = _fill(app, preset, seed, quiet)
    result.unmigrated_tables = unmigrated
    db_engine_dispose(app)
    result.seconds = round(time.perf_counter() - started, 1)
    return result


def db_engine_dispose(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _fill(app: Flask, preset: Preset, seed: int, quiet: bool) -> Generated:
    rng = random.Random(seed)
    end = clock.now().replace(microsecond=0)
    workflows = registry().workflows
    engine = db.engine
    with _bulk_session(engine) as conn:
        org = _organisation(conn, preset, rng, workflows)
        ids = Ids({})
        tables = Tables()
        codes = {p.municipality_id: p.code for p in org.places}
        local_cache: dict[tuple[str, int], Workflow] = {}

        def local(workflow: Workflow, municipality_id: int) -> Workflow:
            key = (workflow.name, municipality_id)
            if key not in local_cache:
                local_cache[key] = workflow.for_municipality(codes[municipality_id])
            return local_cache[key]

        people = _People(rng, org, ids, tables)

        def route(domain: str, case: SimCase) -> int:
            place = people.place_of[case.municipality_id]
            if domain == "toegang":
                return org.front_door[place.region]
            if domain == "integraal":
                return org.area_teams[people.area_of[case.person_id or 0]]
            return org.domain_teams[(place.region, domain)]

        walker = Walker(rng, ids, DueDates(holiday_calendar()), org.staff, route, local, tables)
        walker.registry = dict(workflows)
        registers = Registers(rng, ids, tables, end)
        registers.catalogue(conn, [p.municipality_id for p in org.places])
        objections = Objections(rng, walker, tables, org.staff, end)
        walker.effects = {
            "create_provisions": registers.create_provisions,
            "start_benefit": registers.start_benefit,
            "nieuw_besluit_bij_gegrond_bezwaar": objections.upheld,
        }
        walker.papers = Papers(rng, ids, tables, end, registers.provider_names)
        walker.on_decision = objections.decided
        names = [n for n in CASE_MIX if n in workflows]
        weights = [CASE_MIX[n] for n in names]
        first = end - timedelta(days=preset.history_days)
        made = roots = 0
        counts: dict[str, int] = {}
        moment = first
        ratio = 1.2
        while made < preset.cases:
            for _ in range(ROOTS_PER_CHUNK):
                if made >= preset.cases:
                    break
                remaining = max(1.0, (preset.cases - made) / ratio)
                step = (end - moment).total_seconds() / remaining
                moment += timedelta(seconds=rng.uniform(0.2, 1.8) * step)
                if moment >= end:
                    moment = end - timedelta(seconds=rng.randint(60, 3600))
                case_type = rng.choices(names, weights)[0]
                made += _walk_root(
                    walker, objections, people, org, local, workflows[case_type], moment, end
                )
                roots += 1
                ratio = made / roots
            people.forget_rows()
            for table, n in _insert_chunk(conn, tables).items():
                counts[table] = counts.get(table, 0) + n
            if not quiet:
                print(f"  {made:>9} cases, {counts.get('case_events', 0):>10} events", flush=True)
        counts |= {"municipalities": len(org.places), "users": org.users, "teams": len(org.staff)}
        # The day roll-up of stopped terms, which the engine keeps step by step.
        rebuild(conn)
        conn.commit()
        _finish(conn)
        generated = Generated(
            preset.name, seed, 0.0, counts, sorted(walker.skipped_guards), end.isoformat()
        )
        _write_meta(conn, generated)
    return generated


@contextmanager
def _bulk_session(engine: Engine) -> Iterator[Connection]:
    """One connection for the whole load; on SQLite without a rollback journal or fsync."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            conn.exec_driver_sql("PRAGMA journal_mode=MEMORY")
        conn.commit()
        try:
            yield conn
        finally:
            conn.rollback()
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA journal_mode=DELETE")


def _walk_root(
    walker: Walker,
    objections: Objections,
    people: "_People",
    org: Organisation,
    local: Any,
    workflow: Workflow,
    moment: datetime,
    end: datetime,
) -> int:
    rng = walker.rng
    place = people.pick_place()
    person_id, area_id = people.person(place, moment)
    household_id = None
    if workflow.domain == "integraal":
        household_id = people.household(place, person_id, moment)
    intake_id = None
    if workflow.name == "vraagverheldering":
        intake_id = people.intake(place, person_id, moment)
    team_id = _team(org, place, workflow.domain, area_id)
    staff = org.staff[team_id]
    starter = _starter(workflow, staff, rng)
    case = walker.open_case(
        local(workflow, place.municipality_id),
        municipality_id=place.municipality_id,
        team_id=team_id,
        person_id=person_id,
        household_id=household_id,
        intake_id=intake_id,
        parent=None,
        actor_id=starter,
        moment=moment,
        data={},
        # The intake's case takes its melding from the intake (caseflow.workflow.melding).
        melding=(clock.local_date(moment), melding_place("toegang", "")) if intake_id else None,
    )
    if workflow.name == "gezinsplan":
        people.plan(case, moment)
    made = 0
    queue = [case]
    while queue:
        current = queue.pop(0)
        if current.case_type == "gezinsplan" and current.plan is None:
            people.plan(current, current.opened_at)
        queue.extend(walker.walk(current, end))
        queue.extend(objections.after_walk(current))
        walker.case_rows(current)
        made += 1
    return made


def _starter(workflow: Workflow, staff: Staff, rng: random.Random) -> int | None:
    roles = workflow.start_roles
    if roles & {"toegang", "consulent"} and staff.handlers:
        return rng.choice(staff.handlers)
    if "regisseur" in roles and staff.regisseurs:
        return rng.choice(staff.regisseurs)
    if "teammanager" in roles:
        return staff.manager
    return None


def _team(org: Organisation, place: Place, domain: str, area_id: int) -> int:
    if domain == "toegang":
        return org.front_door[place.region]
    if domain == "integraal":
        return org.area_teams[area_id]
    return org.domain_teams[(place.region, domain)]


class _People:
    """Clients, households, intakes and household plans for the cases being walked."""

    def __init__(self, rng: random.Random, org: Organisation, ids: Ids, tables: Tables) -> None:
        self.rng = rng
        self.ids = ids
        self.tables = tables
        self.org = org
        self.place_of = {p.municipality_id: p for p in org.places}
        self.area_of: dict[int, int] = {}
        self.recent: dict[int, list[int]] = {p.municipality_id: [] for p in org.places}
        self.weights = [p.inhabitants for p in org.places]
        self.rows: dict[int, Row] = {}
        self.members: dict[int, list[int]] = {}

    def forget_rows(self) -> None:
        """Person rows are kept only until their chunk is written (households copy addresses)."""
        self.rows.clear()

    def pick_place(self) -> Place:
        return self.rng.choices(self.org.places, self.weights)[0]

    def person(self, place: Place, moment: datetime) -> tuple[int, int]:
        recent = self.recent[place.municipality_id]
        if recent and self.rng.random() < 0.25:
            person_id = self.rng.choice(recent)
            return person_id, self.area_of[person_id]
        person_id = self._new_person(place, moment, adult=True)
        recent.append(person_id)
        if len(recent) > 400:
            del recent[: len(recent) - 400]
        return person_id, self.area_of[person_id]

    def _new_person(
        self, place: Place, moment: datetime, adult: bool, like: Row | None = None
    ) -> int:
        rng = self.rng
        person_id = self.ids.take("persons")
        if like is None:
            area_id, first, last = rng.choice(place.areas)
            letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
            address = {
                "street": rng.choice(STREETS),
                "house_number": str(rng.randint(1, 180)),
                "postcode": f"{rng.randint(first, last)} {letters}",
            }
        else:
            area_id = self.area_of[like["id"]]
            address = {k: like[k] for k in ("street", "house_number", "postcode")}
        born = date(rng.randint(1940, 2004), rng.randint(1, 12), rng.randint(1, 28))
        if not adult:
            born = date(rng.randint(2008, 2022), rng.randint(1, 12), 15)
        row = {
            "id": person_id,
            "bsn": _bsn(person_id) if adult and rng.random() < 0.8 else None,
            "given_names": rng.choice(GIVEN),
            "family_name": like["family_name"] if like else rng.choice(FAMILY),
            "date_of_birth": born,
            "city": place.code,
            "phone": None,
            "municipality_id": place.municipality_id,
            "safety_flag": False,
            "created_at": moment,
            **address,
        }
        self.tables.add("persons", row)
        self.area_of[person_id] = area_id
        self.rows[person_id] = row
        return person_id

    def household(self, place: Place, person_id: int, moment: datetime) -> int:
        household_id = self.ids.take("households")
        self.tables.add(
            "households",
            {
                "id": household_id,
                "name": f"Huishouden {household_id}",
                "municipality_id": place.municipality_id,
                "created_at": moment,
            },
        )
        members = [(person_id, "aanvrager")]
        like = self.rows.get(person_id)
        for _ in range(self.rng.randint(1, 3)):
            child = self._new_person(place, moment, adult=False, like=like)
            members.append((child, "kind"))
        for member, relation in members:
            self.tables.add(
                "household_members",
                {"household_id": household_id, "person_id": member, "relation": relation},
            )
        self.members[household_id] = [m for m, _ in members]
        return household_id

    def intake(self, place: Place, person_id: int, moment: datetime) -> int:
        rng = self.rng
        intake_id = self.ids.take("intakes")
        question, underlying = rng.choice(QUESTIONS)
        front_door = self.org.staff[self.org.front_door[place.region]]
        self.tables.add(
            "intakes",
            {
                "id": intake_id,
                "municipality_id": place.municipality_id,
                "person_id": person_id,
                "household_id": None,
                "channel": rng.choice(["telefoon", "balie", "email", "huisarts", "web"]),
                "contact_name": None,
                "question": question,
                "underlying_question": underlying,
                "domain_scores": {d: rng.randint(1, 5) for d in rng.sample(_DOMAINS, 4)},
                "urgent": rng.random() < 0.05,
                "safety_concern": False,
                "received_at": moment,
                "created_by_id": rng.choice(front_door.handlers),
            },
        )
        return intake_id

    def plan(self, case: SimCase, moment: datetime) -> None:
        if case.household_id is None:
            return
        rng = self.rng
        plan_id = self.ids.take("household_plans")
        case.plan = {
            "id": plan_id,
            "household_id": case.household_id,
            "case_id": case.id,
            "origin_case_id": case.parent.id if case.parent else None,
            "wishes": "Rust in huis en de rekeningen weer op orde.",
            "agreed_on": None,
            "agreed_how": None,
            "agreed_by": None,
            "agreement_note": None,
            "next_evaluation_on": None,
            "version": 1,
            "created_at": moment,
            "ended_at": None,
        }
        for person_id in self.members.pop(case.household_id, []):
            self.tables.add("plan_members", {"plan_id": plan_id, "person_id": person_id})
        for domain in rng.sample(_DOMAINS, rng.randint(1, 3)):
            goal_id = self.ids.take("plan_goals")
            self.tables.add(
                "plan_goals",
                {
                    "id": goal_id,
                    "plan_id": plan_id,
                    "life_domain": domain,
                    "wording": "Wij willen dat dit weer goed gaat.",
                    "start_score": 2,
                    "target_score": 4,
                    "current_score": 2,
                    "created_at": moment,
                },
            )
            self.tables.add(
                "plan_actions",
                {
                    "id": self.ids.take("plan_actions"),
                    "plan_id": plan_id,
                    "goal_id": goal_id,
                    "description": "Afspraak maken en samen de stappen zetten.",
                    "owner_kind": "huishouden",
                    "owner_user_id": None,
                    "owner_case_id": None,
                    "owner_person_id": None,
                    "partner_name": None,
                    "due_on": clock.local_date(moment) + timedelta(weeks=6),
                    "state": "open",
                    "done_on": None,
                    "created_at": moment,
                },
            )


_DOMAINS = ["financien", "huisvesting", "sociaal_netwerk", "werk_opleiding", "tijdsbesteding"]


def _bsn(person_id: int) -> str | None:
    """A unique valid BSN per person id (the elfproef), or None when no check digit fits."""
    digits = f"{10_000_000 + person_id:08d}"
    check = sum(w * int(d) for w, d in zip((9, 8, 7, 6, 5, 4, 3, 2), digits, strict=True)) % 11
    return None if check == 10 else digits + str(check)


def _organisation(
    conn: Connection, preset: Preset, rng: random.Random, workflows: dict[str, Workflow]
) -> Organisation:
    meta = Base.metadata.tables
    now = clock.now()
    conn.execute(
        sa.insert(meta["service_organisations"]), [{"id": 1, "name": "Sociaal Domein Limburg"}]
    )
    places: list[Place] = []
    area_rows: list[Row] = []
    range_rows: list[Row] = []
    municipality_rows: list[Row] = []
    sources = [
        (c, n, i, [(a, f, last) for a, f, last in areas]) for c, n, i, areas in MUNICIPALITIES
    ]
    for k, name in enumerate(MORE_MUNICIPALITIES):
        base = 1000 + 30 * k
        code = name.lower().replace(" ", "-")
        areas = [
            (f"{name} {part}", base + 10 * j, base + 10 * j + 9)
            for j, part in enumerate(("Centrum", "Noord", "Zuid")[: rng.randint(2, 3)])
        ]
        sources.append((code, name, rng.randint(10_000, 90_000), areas))
    for index, (code, name, inhabitants, areas) in enumerate(sources[: preset.municipalities]):
        municipality_id = index + 1
        municipality_rows.append(
            {
                "id": municipality_id,
                "code": code,
                "name": name,
                "inhabitants": inhabitants,
                "organisation_id": 1,
            }
        )
        place = Place(municipality_id, code, index // REGION_SIZE, inhabitants, [])
        for area_name, first, last in areas:
            area_id = len(area_rows) + 1
            area_rows.append({"id": area_id, "municipality_id": municipality_id, "name": area_name})
            range_rows.append({"id": area_id, "area_id": area_id, "first": first, "last": last})
            place.areas.append((area_id, first, last))
        places.append(place)
    conn.execute(sa.insert(meta["municipalities"]), municipality_rows)
    conn.execute(sa.insert(meta["areas"]), area_rows)
    conn.execute(sa.insert(meta["postcode_ranges"]), range_rows)

    org = Organisation(places)
    regions = sorted({p.region for p in places})
    yearly = preset.cases / (preset.history_days / 365)
    share = _domain_shares(workflows)
    team_rows: list[Row] = []
    team_places: list[Row] = []
    members: list[Row] = []
    users: list[Row] = []
    roles: list[Row] = []
    user_places: list[Row] = []
    password = generate_password_hash(BENCH_PASSWORD)

    def add_user(name: str, user_roles: tuple[str, ...], region: int) -> int:
        user_id = len(users) + 1
        users.append(
            {
                "id": user_id,
                "username": name,
                "full_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                "email": f"{name}@bench.invalid",
                "password_hash": password,
                "active": True,
                "created_at": now,
            }
        )
        roles.extend({"user_id": user_id, "role": r} for r in user_roles)
        user_places.extend(
            {"user_id": user_id, "municipality_id": p.municipality_id}
            for p in places
            if p.region == region
        )
        return user_id

    def add_team(
        name: str,
        kind: str,
        domain: str | None,
        area_id: int | None,
        region: int,
        served: list[Place],
        handlers: int,
        slug: str,
    ) -> int:
        team_id = len(team_rows) + 1
        team_rows.append(
            {
                "id": team_id,
                "organisation_id": 1,
                "name": name,
                "kind": kind,
                "domain": domain,
                "area_id": area_id,
            }
        )
        team_places.extend(
            {"team_id": team_id, "municipality_id": p.municipality_id} for p in served
        )
        if kind == TeamKind.FRONT_DOOR:
            handler_roles: tuple[str, ...] = (Role.TOEGANG,)
        elif kind == TeamKind.AREA:
            handler_roles = (Role.REGISSEUR, Role.CONSULENT)
        else:
            handler_roles = DOMAIN_ROLES.get(domain or "", (Role.CONSULENT,))
        handler_ids = [
            add_user(f"{slug}-{n:03d}", handler_roles, region) for n in range(1, handlers + 1)
        ]
        manager = add_user(f"{slug}-manager", (Role.TEAMMANAGER,), region)
        members.extend({"team_id": team_id, "user_id": u} for u in [*handler_ids, manager])
        regisseurs = handler_ids if kind == TeamKind.AREA else []
        extra = frozenset(handler_roles) - {Role.TOEGANG, Role.CONSULENT, Role.REGISSEUR}
        org.staff[team_id] = Staff(handler_ids, regisseurs, manager, frozenset(map(str, extra)))
        return team_id

    for region in regions:
        served = [p for p in places if p.region == region]
        region_yearly = (
            yearly * sum(p.inhabitants for p in served) / sum(p.inhabitants for p in places)
        )
        label = f"regio {region + 1}"

        def size(domain: str, fraction: float = 1.0) -> int:
            per = YEARLY_CASES_PER_HANDLER.get(domain, YEARLY_CASES_PER_HANDLER["default"])
            return max(2, round(region_yearly * share.get(domain, 0.0) * fraction / per))  # noqa: B023

        org.front_door[region] = add_team(
            f"Centrale toegang {label}",
            TeamKind.FRONT_DOOR,
            None,
            None,
            region,
            served,
            size("toegang"),
            f"toegang{region + 1}",
        )
        # Quality staff read the figures of the whole region.
        add_user(f"kwaliteit{region + 1}", (Role.KWALITEIT,), region)
        for domain in sorted({wf.domain for wf in workflows.values()} - UNTEAMED_DOMAINS):
            org.domain_teams[(region, domain)] = add_team(
                f"Team {domain} {label}",
                TeamKind.DOMAIN,
                domain,
                None,
                region,
                served,
                size(domain),
                f"{domain}{region + 1}",
            )
        for place, (area_id, _, _) in [(p, a) for p in served for a in p.areas]:
            fraction = place.inhabitants / sum(p.inhabitants for p in served) / len(place.areas)
            org.area_teams[area_id] = add_team(
                f"Gebiedsteam {area_id}",
                TeamKind.AREA,
                None,
                area_id,
                region,
                [place],
                size("integraal", fraction * len(served)),
                f"gebied{area_id}",
            )
    conn.execute(sa.insert(meta["teams"]), team_rows)
    conn.execute(sa.insert(meta["team_municipalities"]), team_places)
    conn.execute(sa.insert(meta["users"]), users)
    conn.execute(sa.insert(meta["user_roles"]), roles)
    conn.execute(sa.insert(meta["user_municipalities"]), user_places)
    conn.execute(sa.insert(meta["team_members"]), members)
    conn.commit()
    org.users = len(users)
    return org


def _domain_shares(workflows: dict[str, Workflow]) -> dict[str, float]:
    total = sum(CASE_MIX.values())
    shares: dict[str, float] = {}
    for name, weight in CASE_MIX.items():
        if name in workflows:
            domain = workflows[name].domain
            shares[domain] = shares.get(domain, 0.0) + weight / total
    return shares


def _insert_chunk(conn: Connection, tables: Tables) -> dict[str, int]:
    meta = Base.metadata.tables
    counts = {}
    for name in TABLE_ORDER:
        rows = tables.rows.get(name)
        if rows:
            conn.execute(sa.insert(meta[name]), rows)
            counts[name] = len(rows)
    conn.commit()
    tables.rows.clear()
    return counts


def _finish(conn: Connection) -> None:
    """Sequences past the ids handed out (PostgreSQL), and planner statistics there."""
    if conn.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and isinstance(table.c.id.type, sa.Integer) and table.c.id.primary_key:
            conn.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
    conn.commit()
    autocommit = conn.execution_options(isolation_level="AUTOCOMMIT")
    autocommit.exec_driver_sql("VACUUM ANALYZE")


def _write_meta(conn: Connection, generated: Generated) -> None:
    META_TABLE.create(conn, checkfirst=True)
    conn.execute(sa.delete(META_TABLE))
    conn.execute(
        sa.insert(META_TABLE),
        [
            {"key": "preset", "value": generated.preset},
            {"key": "seed", "value": str(generated.seed)},
            {"key": "generator_version", "value": str(GENERATOR_VERSION)},
            {"key": "definitions", "value": definitions_fingerprint()},
            {"key": "generated_at", "value": generated.generated_at},
            {"key": "counts", "value": json.dumps(generated.counts)},
        ],
    )
    conn.commit()


def definitions_fingerprint() -> str:
    """The workflow definitions the data was walked on: data walked on others is not reused."""
    digest = hashlib.sha256()
    for path in sorted(bundled_dir("workflows").glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def read_meta(url: str) -> dict[str, str]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("bench_meta"):
                return {}
            return {k: v for k, v in conn.execute(sa.select(META_TABLE.c.key, META_TABLE.c.value))}
    except sa.exc.OperationalError:
        return {}  # no such database yet
    finally:
        engine.dispose()


def data_end(meta: dict[str, str]) -> datetime:
    return datetime.fromisoformat(meta["generated_at"]).astimezone(UTC)


__all__ = ["Generated", "data_end", "dialect_of", "generate", "read_meta"]
