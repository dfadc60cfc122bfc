"""A partner's account reaches its own pages and nothing else: every other route of the app (as
`flask routes` lists them) is refused, each refusal about a case, client or plan is in the
processing log, and underneath the pages the query scope gives a partner no case and no client."""

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog, Case, HouseholdPlan, Person, User
from caseflow.scope import case_scope, person_scope
from caseflow.scope.queries import unscoped, viewing_as
from caseflow.web.partners import OPEN_TO_PARTNERS
from tests.offices import Office, login
from tests.plans.helpers import Cocreation, cocreation
from tests.security.helpers import separate_sessions

# Routes nobody needs to be logged in for.
PUBLIC = {
    "auth.login",
    "static",
    "plans.stylesheet",
    "reports.stylesheet",
    "themes.asset",
    "api_schema.openapi",
    "health.health",
    "health.ready",
    "survey.show",
    "survey.answer",
}


@pytest.fixture
def world(app: Flask, office: Office) -> Iterator[Cocreation]:
    with separate_sessions(app):
        yield cocreation(office)


def _args(world: Cocreation, office: Office) -> dict[str, object]:
    plan = world.plan
    return {
        "case_id": plan.case_id,
        # The registers' and the quality pages (their own tests cover them with real records).
        "provision_id": 1,
        "benefit_id": 1,
        "herindicatie_id": 1,
        "product_id": 1,
        "sample_id": 1,
        "issued_id": 1,
        "slug": "bestuursrapportage",
        "fmt": "csv",
        "uuid": plan.case.uuid,
        "letter_id": 1,
        "document_id": 1,
        "case_type": "wmo_aanvraag",
        "kind": "beschikking_toekenning",
        "person_id": plan.members[0].id,
        "plan_id": plan.id,
        "household_id": plan.household_id,
        "team_id": office.team_noordwest.id,
        "area_id": office.noordwest.id,
        "range_id": office.noordwest.postcode_ranges[0].id,
        "user_id": office.regisseur.id,
        "municipality_id": office.maastricht.id,
        "action_id": world.action.id,
        "member_id": plan.household.members[0].id,
        "relation_id": world.relation.id,
        "consent_id": world.consent.id,
        "organisation_id": world.kredietbank.id,
        "request_id": world.question.id,
        "domain": "financien",
        "cohort_id": world.cohort.id,
        "entry_id": world.cohort.households[0].id,
        "code": "tijdigheid",
        "trigger": "agenderen",
        "norm_id": 1,
        "signal_id": 1,
        "reminder_id": 1,
    }


def _refusals(user: User) -> list[AccessLog]:
    return list(
        db.session.scalars(
            sa.select(AccessLog)
            .where(AccessLog.actor_id == user.id, AccessLog.result == "denied")
            .order_by(AccessLog.id)
        )
    )


def test_the_scope_gives_a_partner_no_case_and_no_client(world: Cocreation) -> None:
    partner = world.partner_user
    assert str(case_scope(partner)) == str(sa.false())
    assert str(person_scope(partner)) == str(sa.false())
    with viewing_as(partner):
        assert list(db.session.scalars(sa.select(Case.id))) == []
        assert list(db.session.scalars(sa.select(Person.id))) == []
        # A plan is not a case, but its case and members are out of reach through it.
        plan = db.session.get_one(HouseholdPlan, world.plan.id)
        db.session.expire(plan)
        assert plan.members == []


def test_relations_read_inside_unscoped_see_past_the_scope_the_parent_was_read_in(
    world: Cocreation,
) -> None:
    """The partner's own scope reads a plan; writing its version inside `unscoped()` needs the
    plan's case and members, which the partner's case scope would hide."""
    partner_id = world.partner_user.id
    db.session.expunge_all()
    with viewing_as(db.session.get_one(User, partner_id)):
        plan = db.session.scalars(sa.select(HouseholdPlan)).one()
        with unscoped():
            assert plan.case is not None
            assert [p.full_name for p in plan.members] == ["Anna Peters"]
        db.session.expunge_all()
        plan = db.session.scalars(sa.select(HouseholdPlan)).one()
        assert plan.case is None and plan.members == []  # read in the partner's scope


def test_a_partner_reaches_no_case_dossier_plan_or_report_route(
    app: Flask, client: FlaskClient, office: Office, world: Cocreation
) -> None:
    args = _args(world, office)
    household = world.plan.household.name
    login(client, world.partner_user)
    routes = sorted(
        (rule.endpoint, method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        if rule.endpoint not in PUBLIC
    )
    assert len(routes) > 80
    own = {e for e, _, _ in routes if e.startswith("partners.") or e in OPEN_TO_PARTNERS}
    assert own >= {"partners.home", "partners.action", "partners.update", "auth.logout"}
    reached, unlogged = [], []
    for endpoint, method, rule in routes:
        if endpoint in own:
            continue
        url = re.sub(r"<(?:[^:>]+:)?(\w+)>", lambda m: str(args[m.group(1)]), rule)
        before = len(_refusals(world.partner_user))
        response = client.open(url, method=method)
        if rule.startswith("/api/"):
            # The API takes an application's token, never a session: refused either way.
            assert response.status_code in (401, 403), endpoint
            continue
        if endpoint == "worklist.mine":
            # Their start page is their own: the actions of their organisation.
            assert response.status_code == 302
            assert response.headers["Location"].endswith("/partner/")
            continue
        if response.status_code != 403:
            reached.append((endpoint, method, response.status_code))
        assert household not in response.get_data(as_text=True), endpoint
        names = set(re.findall(r"<(?:\w+:)?(\w+)>", rule))
        if {"case_id", "person_id", "plan_id"} & names:
            about = {(r.person_id, r.case_id) for r in _refusals(world.partner_user)[before:]}
            if not any(c == world.plan.case_id or p == args["person_id"] for p, c in about):
                unlogged.append((endpoint, method))
    assert reached == []
    assert unlogged == []
    for page in ("/partner/", f"/partner/acties/{world.action.id}"):
        assert client.get(page).status_code == 200
