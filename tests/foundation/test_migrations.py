"""init-db brings an empty database to head, and the migrations match the models exactly."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask

from caseflow import create_app
from caseflow.bundled import bundled_dir
from caseflow.extensions import db
from caseflow.models import Base
from tests.conftest import ON_POSTGRES, TEST_DATABASE_URL

# Named after the test database, so runs against different test databases on one server do not
# drop each other's scratch database.
SCRATCH_DB = (
    f"{sa.make_url(TEST_DATABASE_URL).database}_migration_check"
    if ON_POSTGRES
    else "caseflow_migration_check"
)


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    if not ON_POSTGRES:
        yield "sqlite:///" + str(tmp_path / "empty.sqlite")
        return
    admin = sa.create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {SCRATCH_DB}"))
        conn.execute(sa.text(f"CREATE DATABASE {SCRATCH_DB}"))
    yield sa.make_url(TEST_DATABASE_URL).set(database=SCRATCH_DB).render_as_string(False)
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def fresh_app(empty_database_url: str) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    yield app
    with app.app_context():
        db.engine.dispose()


def test_init_db_reaches_head_and_models_match_migrations(fresh_app: Flask) -> None:
    with fresh_app.app_context():
        result = fresh_app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    head = ScriptDirectory(str(bundled_dir("migrations"))).get_current_head()
    with fresh_app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert context.get_current_revision() == head
        assert compare_metadata(context, Base.metadata) == []


def test_init_db_twice_changes_nothing(fresh_app: Flask) -> None:
    runner = fresh_app.test_cli_runner()
    with fresh_app.app_context():
        assert runner.invoke(args=["init-db"]).exit_code == 0
        second = runner.invoke(args=["init-db"])
        assert second.exit_code == 0, second.output
        tables = set(sa.inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
