"""Every connection is set up for a web server and a scheduler sharing one database."""

from flask import Flask

from caseflow.extensions import db
from tests.conftest import ON_POSTGRES


def test_connections_are_set_up_per_database(app: Flask) -> None:
    with app.app_context(), db.engine.connect() as connection:
        if ON_POSTGRES:
            assert connection.exec_driver_sql("SHOW jit").scalar() == "off"
        else:
            # Write-ahead log: the scheduler's writes do not lock the web server's readers out.
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
