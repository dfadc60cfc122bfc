"""seed-demo builds a working organisation whose cases all came through the engine."""

import sqlalchemy as sa
from flask import Flask
from werkzeug.security import check_password_hash

from caseflow.demo import DEMO_PASSWORD, seed
from caseflow.demo.cases import FRESH_CASES, NEARLY_DUE_CASES, OLD_CASES, OVERDUE_CASES
from caseflow.demo.organisation import build_organisation
from caseflow.demo.registers import register_cases
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Deadline, Municipality, User
from caseflow.retention import is_due


def test_seed_demo_creates_users_for_every_role_and_cases_through_the_engine(
    app: Flask, travel: object
) -> None:
    seed(case_count=60)
    users = {u.username: u for u in db.session.scalars(sa.select(User))}
    for username in ("toegang", "consulent", "regisseur", "teammanager", "beheerder"):
        assert check_password_hash(users[username].password_hash, DEMO_PASSWORD)
    assert db.session.scalar(sa.select(sa.func.count(Municipality.id))) == 6

    cases = db.session.scalars(sa.select(Case)).all()
    # Objections and complaints open on their own, linked to the decision or team they concern.
    started = [c for c in cases if c.parent_id is None and c.case_type not in ("bezwaar", "klacht")]
    fresh = FRESH_CASES + NEARLY_DUE_CASES + OVERDUE_CASES
    # Besides: four years of decisions with provisions and benefits (caseflow.demo.registers).
    assert len(started) == 60 + fresh + OLD_CASES + register_cases(60)
    # The privacy officer's destruction list has something to show in the demo.
    assert sum(is_due(c) for c in cases) == OLD_CASES
    assert len(cases) > 60, "routing at the front door opened follow-up cases"
    assert len({(c.case_type, c.state) for c in cases}) > 10
    for case in cases:
        events = case.events
        assert events[0].trigger == "aanmaken"
        assert case.state == events[-1].to_state
        times = [e.occurred_at for e in events]
        assert times == sorted(times)
    open_deadlines = db.session.scalars(
        sa.select(Deadline).where(Deadline.status != "stopped")
    ).all()
    assert open_deadlines, "some deadlines are still running"


def test_seed_demo_command_is_idempotent_with_if_empty(app: Flask) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--cases", "5"])
    assert first.exit_code == 0, first.output
    assert "toegang" in first.output and "caseflow-demo" in first.output
    events = db.session.scalar(sa.select(sa.func.count(CaseEvent.id)))
    second = runner.invoke(args=["seed-demo", "--if-empty"])
    assert second.exit_code == 0
    assert "Demodata staat er al." in second.output
    assert db.session.scalar(sa.select(sa.func.count(CaseEvent.id))) == events


def test_every_demo_account_has_its_own_salted_hash_of_the_one_demo_password(app: Flask) -> None:
    users = build_organisation().users
    assert all(check_password_hash(u.password_hash, DEMO_PASSWORD) for u in users)
    assert len({u.password_hash for u in users}) == len(users)
