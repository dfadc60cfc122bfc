"""Every route of the app, tried by someone who may not: nobody logged in, and a colleague of
another municipality who holds every role. Each is refused, and each refusal that concerns a
case or a person is in the processing log."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog, Area, Case, HouseholdPlan, Role, User
from caseflow.unit_of_work import commit
from tests.factories import Factory
from tests.offices import Office, area_office, login
from tests.plans.helpers import cocreation
from tests.security.helpers import separate_sessions

# Routes anyone may open: the login page, public style sheets and static files, and the client
# survey, reached by its single-use link (tests/survey).
PUBLIC = {
    "auth.login",
    "static",
    "plans.stylesheet",
    "reports.stylesheet",
    "api_schema.openapi",
    "health.health",
    "health.ready",
    "themes.asset",
    "survey.show",
    "survey.answer",
}
# Routes every logged-in user has, about themselves only.
OWN = {"auth.logout", "account.password"}
# Arguments that name no record: an indicator, an action, a letter kind, a life domain, a kind of
# report or export format; and a
# partner organisation, which works for every municipality (its page lists only the beheerder's
# own municipalities' staff).
NOT_RECORDS = {
    "code",
    "trigger",
    "case_type",
    "kind",
    "organisation_id",
    "domain",
    "slug",
    "fmt",
}
# Pages that take a Maastricht record in their query rather than their path.
QUERIES = (
    "/verwerkingen/?persoon={person_id}",
    "/hulpvraag/nieuw?persoon={person_id}",
    "/rapportages/indicatoren/tijdigheid?gemeente={municipality_id}",
    "/rapportages/indicatoren/tijdigheid/zaken?gemeente={municipality_id}",
)


@dataclass(frozen=True)
class World:
    """Maastricht's records, by the name of the URL argument that points at them."""

    args: dict[str, object]
    person_id: int
    case_ids: frozenset[int]


@pytest.fixture
def world(
    app: Flask, factory: Factory, travel: time_machine.Traveller
) -> Iterator[tuple[World, User]]:
    with separate_sessions(app):
        office: Office = area_office(factory)
        together = cocreation(office)
        plan = together.plan
        registration = plan.origin_case
        assert registration is not None and plan.case.person_id is not None
        vaals = factory.municipality("vaals", "Vaals")
        everything = factory.user(*Role, municipalities=[vaals], teams=[], username="vaals-alles")
        area = db.session.scalar(sa.select(Area).where(Area.name == "Maastricht Noordwest"))
        action = together.action
        assert area is not None and action is not None
        commit()
        world = World(
            args={
                "case_id": registration.id,
                "uuid": registration.uuid,
                "person_id": plan.case.person_id,
                "plan_id": plan.id,
                "household_id": plan.household_id,
                "team_id": office.team_noordwest.id,
                "area_id": area.id,
                "range_id": area.postcode_ranges[0].id,
                "user_id": office.wmo_consulent.id,
                "municipality_id": office.maastricht.id,
                "action_id": action.id,
                "code": "tijdigheid",
                "trigger": "agenderen",
                "norm_id": 1,
                "signal_id": 1,
                "reminder_id": 1,
                # Letters and documents hang under the case: the case's refusal covers them.
                "letter_id": 1,
                "document_id": 1,
                "case_type": "wmo_aanvraag",
                "kind": "beschikking_toekenning",
                "member_id": plan.household.members[0].id,
                "relation_id": together.relation.id,
                "consent_id": together.consent.id,
                "organisation_id": together.kredietbank.id,
                "request_id": together.question.id,
                "domain": "financien",
                "cohort_id": together.cohort.id,
                "entry_id": together.cohort.households[0].id,
                # The registers' pages (tests/provisions covers them with real records).
                "provision_id": 1,
                "benefit_id": 1,
                "herindicatie_id": 1,
                "product_id": 1,
                "sample_id": 1,
                # An issued report (tests/reports/test_council.py covers real ones).
                "issued_id": 1,
                "slug": "bestuursrapportage",
                "fmt": "csv",
            },
            person_id=plan.case.person_id,
            case_ids=frozenset({registration.id, plan.case_id}),
        )
        yield world, everything


def _routes(app: Flask) -> list[tuple[str, str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, rule.rule))
    return sorted(found)


def _url(rule: str, world: World) -> str:
    return re.sub(r"<(?:[^:>]+:)?(\w+)>", lambda m: str(world.args[m.group(1)]), rule)


def _refusals() -> list[AccessLog]:
    return list(
        db.session.scalars(
            sa.select(AccessLog).where(AccessLog.result == "denied").order_by(AccessLog.id)
        )
    )


def test_every_route_refuses_the_anonymous(
    app: Flask, client: FlaskClient, world: tuple[World, User]
) -> None:
    routes = _routes(app)
    assert len(routes) > 60
    wrong = []
    for endpoint, method, rule in routes:
        response = client.open(_url(rule, world[0]), method=method)
        if rule.startswith("/api/"):
            # The API takes a token, never a session: without one it answers 401.
            if response.status_code != 401:
                wrong.append((endpoint, method, response.status_code))
        elif response.status_code != 302 or "/login" not in response.headers.get("Location", ""):
            wrong.append((endpoint, method, response.status_code))
    assert wrong == []


def test_every_route_refuses_another_municipality_and_logs_what_concerns_a_person(
    app: Flask, client: FlaskClient, world: tuple[World, User]
) -> None:
    places, outsider = world
    login(client, outsider)
    maastricht_name = db.session.get_one(HouseholdPlan, places.args["plan_id"]).household.name
    wrong, unlogged = [], []
    for endpoint, method, rule in _routes(app):
        if endpoint in OWN:
            continue
        before = len(_refusals())
        response = client.open(_url(rule, places), method=method)
        page = response.get_data(as_text=True)
        # A page without a Maastricht record in its address shows Vaals and nothing of
        # Maastricht; one with such a record in its address is refused.
        refused = response.status_code in (400, 401, 403, 404)
        names = set(re.findall(r"<(?:\w+:)?(\w+)>", rule))
        if response.status_code >= 500 or (names - NOT_RECORDS and not refused):
            wrong.append((endpoint, method, response.status_code))
        if {"case_id", "person_id", "plan_id"} & names and response.status_code in (403, 404):
            about = {(r.person_id, r.case_id) for r in _refusals()[before:]}
            if not any(p == places.person_id or c in places.case_ids for p, c in about):
                unlogged.append((endpoint, method, response.status_code))
        assert maastricht_name not in page, endpoint
    for query in QUERIES:
        before = len(_refusals())
        response = client.get(query.format(**places.args))
        assert maastricht_name not in response.get_data(as_text=True), query
        if "persoon" in query:
            rows = _refusals()[before:]
            assert [r.person_id for r in rows] == [places.person_id], query
    assert wrong == []
    assert unlogged == []


def test_a_step_refused_to_someone_who_may_see_the_case_is_logged(
    client: FlaskClient, world: tuple[World, User]
) -> None:
    places, _ = world
    plan = db.session.get_one(HouseholdPlan, places.args["plan_id"])
    case = db.session.get_one(Case, plan.case_id)  # the open gezinsplan case
    director = db.session.scalar(sa.select(User).where(User.username == "regisseur"))
    assert director is not None
    login(client, director)
    assert client.get(f"/zaken/{case.id}").status_code == 200  # may see it
    before = len(_refusals())
    response = client.post(
        f"/zaken/{case.id}/toewijzen",
        data={"assignee_id": "0", "reden": "Even niet", "version": str(case.version)},
    )
    assert response.status_code == 403  # only a team manager reassigns
    assert [r.case_id for r in _refusals()[before:]] == [case.id]
