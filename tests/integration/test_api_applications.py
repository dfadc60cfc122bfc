"""`flask api-application ...` and `flask set-rsin`: who may use the Zaken API, managed from
the command line; the secret is shown once and works at once."""

import re

import jwt
import sqlalchemy as sa
from flask import Flask

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import ApiApplication, Municipality
from tests.offices import Office


def test_an_application_is_created_listed_and_switched_off(app: Flask, office: Office) -> None:
    runner = app.test_cli_runner()
    created = runner.invoke(
        args=[
            "api-application", "create", "portaal", "--label", "Mijn zaken",
            "--municipality", "vaals", "--case-type", "wmo_aanvraag",
        ]
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    secret = re.search(r"secret: (\S+)", created.output)
    assert secret is not None
    token = jwt.encode(
        {"client_id": "portaal", "iat": int(clock.now().timestamp())}, secret.group(1), "HS256"
    )
    answer = app.test_client().get(
        "/api/zaken/v1/zaken", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200

    listed = runner.invoke(args=["api-application", "list"])
    assert "portaal (actief): Mijn zaken; scopes read; gemeenten vaals" in listed.output

    assert runner.invoke(args=["api-application", "deactivate", "portaal"]).exit_code == 0
    db.session.expire_all()
    stored = db.session.scalar(sa.select(ApiApplication))
    assert stored is not None and not stored.active


def test_writing_needs_an_account_and_names_must_exist(app: Flask, office: Office) -> None:
    runner = app.test_cli_runner()
    base = ["api-application", "create", "dms", "--label", "DMS", "--municipality", "maastricht"]
    no_user = runner.invoke(args=[*base, "--all-case-types", "--scope", "write"])
    assert no_user.exit_code != 0 and "--user" in no_user.output
    unknown = runner.invoke(args=[*base, "--case-type", "parkeervergunning"])
    assert unknown.exit_code != 0 and "parkeervergunning" in unknown.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiApplication)) == 0


def test_a_municipality_gets_its_rsin_when_it_passes_the_elfproef(
    app: Flask, office: Office
) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["set-rsin", "maastricht", "123456780"]).exit_code != 0
    assert runner.invoke(args=["set-rsin", "maastricht", "123456782"]).exit_code == 0
    db.session.expire_all()
    rsin = db.session.scalar(sa.select(Municipality.rsin).where(Municipality.code == "maastricht"))
    assert rsin == "123456782"
