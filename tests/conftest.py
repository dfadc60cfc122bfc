"""Fixtures: one app and schema per run, every test starting from empty tables."""

import functools
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import Base
from tests.factories import Factory

TEST_DATABASE_URL = os.environ.get("CASEFLOW_TEST_DATABASE_URL", "")
ON_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if ON_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs CASEFLOW_TEST_DATABASE_URL pointing at PostgreSQL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_report_header() -> str:
    return f"caseflow test database: {'PostgreSQL' if ON_POSTGRES else 'SQLite'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if TEST_DATABASE_URL:
        engine = sa.create_engine(TEST_DATABASE_URL)
        try:
            with engine.connect():
                pass
        except sa.exc.OperationalError as exc:
            # In CI a missing PostgreSQL is a failure, never a silent fallback to SQLite.
            pytest.exit(f"test database unreachable: {exc}", returncode=3)
        finally:
            engine.dispose()
        return TEST_DATABASE_URL
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test",
            "DOCUMENT_STORE_URL": tmp_path_factory.mktemp("documents").as_uri(),
        }
    )
    with app.app_context():
        Base.metadata.drop_all(db.engine)
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        Base.metadata.create_all(db.engine)
        yield app
        db.session.remove()
        Base.metadata.drop_all(db.engine)


def _empty_all_tables() -> None:
    db.session.rollback()
    tables = list(reversed(Base.metadata.sorted_tables))
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(t.name for t in tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture(autouse=True)
def _clean_database(request: pytest.FixtureRequest) -> Iterator[None]:
    if "app" not in request.fixturenames:
        yield
        return
    app: Flask = request.getfixturevalue("app")
    with app.app_context():
        yield
        _empty_all_tables()
        db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def factory(app: Flask) -> Factory:
    return Factory()


@pytest.fixture
def travel() -> Iterator[time_machine.Traveller]:
    """Freeze time at Monday 2 March 2026 10:00 in Amsterdam; move it with .move_to/.shift."""
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def workflows_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "workflows"


@pytest.fixture(autouse=True)
def _cheap_demo_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Demo seeding hashes every account's password on its own; at scrypt's full cost that adds
    seconds to each test that seeds. Cheap parameters keep the salts and the checks real."""
    cheap = functools.partial(generate_password_hash, method="scrypt:1024:8:1")
    monkeypatch.setattr("caseflow.demo.organisation.generate_password_hash", cheap)
