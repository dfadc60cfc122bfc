"""Scope is a property of the query: a read that names no scope at all still sees only what the
viewer may see, while the engine, the reports and the retention list look past it on purpose."""

import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog, Case, Person
from caseflow.scope.queries import UNSCOPED, unscoped, viewing_as
from caseflow.workflow.engine import fire, start_case
from tests.factories import Factory
from tests.offices import Office, login


def _cases(office: Office, factory: Factory) -> tuple[Case, Case]:
    maastricht = start_case(
        "wmo_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        person=factory.person(office.maastricht, family_name="Maas"),
        team=office.wmo,
    )
    vaals = start_case(
        "wmo_aanvraag",
        municipality=office.vaals,
        actor=office.vaals_consulent,
        person=factory.person(office.vaals, family_name="Vaalser"),
        team=office.vaals_consulent.teams[0],
    )
    db.session.flush()
    return maastricht, vaals


def _names() -> list[str]:
    return sorted(db.session.scalars(sa.select(Person.family_name)))


def test_a_query_without_a_filter_sees_only_the_viewers_cases_and_clients(
    office: Office, factory: Factory
) -> None:
    maastricht, vaals = _cases(office, factory)
    maastricht_id, vaals_id = maastricht.id, vaals.id
    viewer = office.vaals_consulent
    db.session.expunge(maastricht)  # nothing already loaded may answer from memory
    with viewing_as(viewer):
        assert list(db.session.scalars(sa.select(Case.id))) == [vaals_id]
        assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 1
        assert db.session.get(Case, maastricht_id) is None
        assert _names() == ["Vaalser"]
        # Also a case reached through a client: the relation is read within the scope.
        joined = sa.select(Case.id).join(Person, Case.person_id == Person.id)
        assert list(db.session.scalars(joined.where(Person.family_name == "Maas"))) == []


def test_nobody_sees_anything_and_looking_past_the_scope_is_explicit(
    office: Office, factory: Factory
) -> None:
    maastricht, vaals = _cases(office, factory)
    every = sorted([maastricht.id, vaals.id])
    with viewing_as(None):
        assert list(db.session.scalars(sa.select(Case.id))) == []
        assert _names() == []
        unscoped_read = sa.select(Case.id).order_by(Case.id).execution_options(**UNSCOPED)
        assert list(db.session.scalars(unscoped_read)) == every
        with unscoped():
            assert sorted(db.session.scalars(sa.select(Case.id))) == every
        assert list(db.session.scalars(sa.select(Case.id))) == []
    # Outside a request (jobs, commands) nothing is narrowed.
    assert sorted(db.session.scalars(sa.select(Case.id))) == every


def test_a_request_reads_within_its_users_scope_and_a_hidden_case_is_refused_and_logged(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    maastricht, _ = _cases(office, factory)
    login(client, office.vaals_consulent)
    assert client.get(f"/zaken/{maastricht.id}").status_code == 403
    assert client.get(f"/clienten/{maastricht.person_id}").status_code == 403
    refused = db.session.scalars(
        sa.select(AccessLog.person_id).where(
            AccessLog.actor_id == office.vaals_consulent.id, AccessLog.result == "denied"
        )
    ).all()
    assert refused == [maastricht.person_id, maastricht.person_id]


def test_a_step_lands_a_case_outside_the_actors_scope_and_the_engine_still_sees_it(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    """The front door routes a question to a team it is not in; the engine opens the follow-up
    there and names it, though the front-door worker may not open it."""
    person = factory.person(office.maastricht, postcode="6221AB")
    intake_case = start_case(
        "vraagverheldering",
        municipality=office.maastricht,
        actor=office.toegang,
        person=person,
        team=office.front_door,
        assignee=office.toegang,
    )
    db.session.flush()
    with viewing_as(office.toegang):
        fire(intake_case, "gesprek_starten", office.toegang)
        fire(intake_case, "verhelderen", office.toegang, {"toelichting": "Hulp in huis"})
        fire(intake_case, "doorzetten_domein", office.toegang, {"domein": "wmo"})
        assert db.session.scalar(sa.select(Case).where(Case.parent_id == intake_case.id)) is None
    follow_up = db.session.scalar(sa.select(Case).where(Case.parent_id == intake_case.id))
    assert follow_up is not None and follow_up.team_id == office.wmo.id
