"""Production serving: health and readiness, one JSON log line per request, and gunicorn with
its scheduler on PostgreSQL, once with `make serve` and once as two app servers and two
schedulers on one database, where every signal and its mail still exist exactly once."""

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from caseflow import create_app, unit_of_work
from caseflow.extensions import db
from caseflow.models import MailOutbox, Signal
from caseflow.request_log import logger as request_logger
from caseflow.web.health import migration_head
from caseflow.workflow.engine import assign, fire, start_case
from tests.conftest import TEST_DATABASE_URL
from tests.factories import Factory
from tests.integration.conftest import MakeCaller, integration_office, open_case
from tests.offices import Office, login

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_health_answers_and_ready_waits_for_the_newest_migration(client: FlaskClient) -> None:
    assert client.get("/health").get_json() == {"status": "ok"}
    # The test schema is made without migrations: such a database is not ready to serve.
    not_ready = client.get("/ready")
    assert not_ready.status_code == 503
    with db.engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        conn.execute(sa.text("INSERT INTO alembic_version VALUES (:v)"), {"v": migration_head()})
    try:
        assert client.get("/ready").get_json() == {"status": "gereed"}
    finally:
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE alembic_version"))


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict[str, object]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(record.getMessage()))


@pytest.fixture
def lines() -> Iterator[Lines]:
    handler = Lines()
    request_logger.addHandler(handler)
    level = request_logger.level
    request_logger.setLevel(logging.INFO)
    yield handler
    request_logger.removeHandler(handler)
    request_logger.setLevel(level)


def test_each_request_is_one_json_line_without_personal_data(
    client: FlaskClient, office: Office, lines: Lines
) -> None:
    case = open_case(office, office.client, office.consulent, taken=True)
    login(client, office.consulent)
    lines.lines.clear()

    page = client.get(f"/zaken/{case.id}", headers={"X-Request-ID": "lb-1234"})

    assert page.status_code == 200
    [line] = lines.lines
    assert line["request_id"] == "lb-1234" == page.headers["X-Request-ID"]
    assert line["route"] == "/zaken/<int:case_id>"
    assert (line["method"], line["status"], line["user_id"]) == ("GET", 200, office.consulent.id)
    assert isinstance(line["duration_ms"], float)
    text = json.dumps(line)
    for personal in ("Vliegen", "Truus", "111222333", f"/zaken/{case.id}"):
        assert personal not in text

    client.get("/zaken/999999?zoek=Vliegen")
    assert lines.lines[-1]["status"] == 404 and "Vliegen" not in json.dumps(lines.lines[-1])


def test_an_api_request_names_the_application_not_a_person(
    office: Office, make_caller: MakeCaller, lines: Lines
) -> None:
    caller = make_caller("kcc")
    caller.get("/api/zaken/v1/zaken")
    [line] = lines.lines
    assert (line["route"], line["api_client"], line["user_id"]) == (
        "/api/zaken/v1/zaken",
        "kcc",
        None,
    )


# Below: real processes on PostgreSQL, each in a database of its own.


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def scratch_url() -> Iterator[str]:
    name = f"{sa.make_url(TEST_DATABASE_URL).database}_serving"
    admin = sa.create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    yield sa.make_url(TEST_DATABASE_URL).set(database=name).render_as_string(False)
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


class Server:
    """A process group started here (make serve, or caseflow.serve), stopped as a whole."""

    def __init__(self, command: list[str], env: dict[str, str], port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        # A file, not a pipe: the test can read what was logged so far while the group runs.
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env={**os.environ, **env, "CASEFLOW_BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            text=True,
            start_new_session=True,
        )

    def logged(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def wait_for_log(self, text: str, seconds: float = 90) -> None:
        """Until `text` is in the log: the processes start at their own pace on a busy machine."""
        deadline = time.monotonic() + seconds
        while text not in self.logged():
            assert time.monotonic() < deadline, f"no {text!r} in {seconds} s: {self.stop()}"
            assert self.process.poll() is None, self.stop()
            time.sleep(0.3)

    def wait_until_ready(self, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.stop()
            try:
                if requests.get(f"{self.base}/ready", timeout=5).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.3)
        raise AssertionError(f"{self.base} was not ready in {seconds} s: {self.stop()}")

    def stop(self) -> str:
        """Stop the group; return what it wrote on stderr."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        return self.logged()


def _environment(url: str) -> dict[str, str]:
    return {"CASEFLOW_DATABASE_URL": url, "SECRET_KEY": "serving-test", "CASEFLOW_WORKERS": "2"}


@pytest.mark.postgres
def test_make_serve_serves_the_login_page_through_gunicorn(scratch_url: str) -> None:
    server = Server(
        ["make", "--no-print-directory", "serve"], _environment(scratch_url), _free_port()
    )
    try:
        server.wait_until_ready()
        page = requests.get(f"{server.base}/login", timeout=5)
        assert (
            page.status_code == 200 and '<h1 class="utrecht-heading-1">Inloggen</h1>' in page.text
        )
        server.wait_for_log("Scheduler started")  # the scheduler runs beside it
    finally:
        log = server.stop()
    assert "Booting worker" in log  # gunicorn, not the development server
    requests_seen = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    assert {"route": "/login", "status": 200} in [
        {"route": r["route"], "status": r["status"]} for r in requests_seen
    ]


@pytest.fixture
def overdue_office(scratch_url: str, factory: Factory) -> Iterator[Flask]:
    """The scratch database migrated, with Wmo requests received three weeks before now (the
    processes below run on the real clock): their decision terms are over."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": scratch_url, "SECRET_KEY": "serving-test"})
    with app.app_context():
        upgrade()
        three_weeks_ago = datetime.now(UTC) - timedelta(days=21)
        with time_machine.travel(three_weeks_ago, tick=False):
            office = integration_office(Factory())
            for _ in range(3):
                case = start_case(
                    "wmo_aanvraag",
                    municipality=office.gemeente,
                    actor=office.consulent,
                    person=office.client,
                    team=office.team,
                )
                assign(case, office.consulent, office.consulent)
                fire(case, "oppakken", office.consulent)
            unit_of_work.commit()
        db.session.remove()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.mark.postgres
def test_two_app_servers_and_two_schedulers_on_one_database_signal_each_deadline_once(
    overdue_office: Flask, scratch_url: str
) -> None:
    command = [sys.executable, "-m", "caseflow.serve", "--no-migrate"]
    servers = [Server(command, _environment(scratch_url), _free_port()) for _ in range(2)]
    try:
        for server in servers:
            server.wait_until_ready()
            assert requests.get(f"{server.base}/login", timeout=5).status_code == 200
        with overdue_office.app_context():
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and not _scanned_and_mailed():
                time.sleep(0.5)
            assert _scanned_and_mailed(), "the schedulers did not run the scan and the mail"
    finally:
        logs = [server.stop() for server in servers]
    assert all("Booting worker" in log for log in logs)
    with overdue_office.app_context():
        signals = db.session.scalars(sa.select(Signal)).all()
        mails = db.session.scalars(sa.select(MailOutbox)).all()
        assert signals and mails, "three overdue decisions give signals, and mail about them"
        assert max(Counter((s.deadline_id, s.kind, s.due_date) for s in signals).values()) == 1
        assert max(Counter((m.signal_id, m.user_id) for m in mails).values()) == 1
        assert {m.signal_id for m in mails} == {s.id for s in signals}


def _scanned_and_mailed() -> bool:
    db.session.expire_all()
    finished = db.session.execute(
        sa.text(
            "SELECT count(*) FROM job_runs WHERE name IN ('deadline-scan', 'mail') "
            "AND last_finished_at IS NOT NULL"
        )
    ).scalar_one()
    db.session.rollback()
    return finished == 2
