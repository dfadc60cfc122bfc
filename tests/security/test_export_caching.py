"""Exports carry personal data and are never kept in a cache."""

import pytest
from flask.testing import FlaskClient

from caseflow.models import Role
from tests.factories import Factory
from tests.offices import Office, login


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_report_exports_are_not_cached(client: FlaskClient, office: Office, fmt: str) -> None:
    login(client, office.teammanager)
    response = client.get(f"/rapportages/indicatoren/tijdigheid?formaat={fmt}")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"


def test_the_rights_review_export_is_not_cached(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    beheerder = factory.user(Role.BEHEERDER, municipalities=[office.maastricht])
    login(client, beheerder)
    response = client.get("/beheer/herziening/export.csv")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
