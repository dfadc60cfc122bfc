"""The privacy officer's list and the destroy action; a destroyed case's page and dossier."""

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog, Case, Role
from tests.factories import Factory
from tests.markup import FIELD_ERROR
from tests.offices import MakeOffice, login
from tests.reports.helpers import at, decide, wmo
from tests.retention.helpers import MARK, Archive, make_archive


@pytest.fixture
def archive(factory: Factory, make_office: MakeOffice, travel: time_machine.Traveller) -> Archive:
    archive = make_archive(factory, travel)
    vaals = make_office("vaals")
    at(travel, "2014-02-03 10:00")
    decide(wmo(vaals))  # due as well, but in a municipality the officer does not serve
    at(travel, "2026-03-02 10:00")
    return archive


def test_the_privacy_officer_sees_the_due_cases_of_their_municipalities(
    client: FlaskClient, archive: Archive
) -> None:
    login(client, archive.privacy)
    page = client.get("/bewaartermijnen/").get_data(as_text=True)
    assert "Over de bewaartermijn (1)" in page
    assert archive.old.reference in page
    assert "Vaals" not in page
    assert MARK not in page  # the list shows case facts, no personal data
    assert f'href="/bewaartermijnen/{archive.old.id}/vernietigen"' in page
    assert 'href="/bewaartermijnen/"' in page  # in the navigation


def test_the_administrator_sees_the_list_but_cannot_destroy(
    client: FlaskClient, archive: Archive
) -> None:
    login(client, archive.beheerder)
    page = client.get("/bewaartermijnen/").get_data(as_text=True)
    assert archive.old.reference in page
    assert "/vernietigen" not in page
    assert client.get(f"/bewaartermijnen/{archive.old.id}/vernietigen").status_code == 403
    response = client.post(f"/bewaartermijnen/{archive.old.id}/vernietigen", data={"confirm": "y"})
    assert response.status_code == 403
    assert db.session.get_one(Case, archive.old.id).destroyed_at is None


@pytest.mark.parametrize("role", [Role.CONSULENT, Role.TEAMMANAGER, Role.GEMEENTE])
def test_other_roles_get_no_list(
    client: FlaskClient, archive: Archive, factory: Factory, role: Role
) -> None:
    login(client, factory.user(role, municipalities=[archive.office.gemeente]))
    assert client.get("/bewaartermijnen/").status_code == 403


def test_destroying_asks_for_a_confirmation_with_the_error_next_to_it(
    client: FlaskClient, archive: Archive
) -> None:
    login(client, archive.privacy)
    confirm = client.get(f"/bewaartermijnen/{archive.old.id}/vernietigen")
    assert "kan niet ongedaan worden gemaakt" in confirm.get_data(as_text=True)
    refused = client.post(f"/bewaartermijnen/{archive.old.id}/vernietigen", data={})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert f'{FIELD_ERROR} id="confirm-fout">Bevestig eerst dat de zaak vernietigd mag' in page
    assert db.session.get_one(Case, archive.old.id).destroyed_at is None


def test_destroying_after_confirmation(client: FlaskClient, archive: Archive) -> None:
    login(client, archive.privacy)
    response = client.post(
        f"/bewaartermijnen/{archive.old.id}/vernietigen",
        data={"confirm": "y"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert f"Zaak {archive.old.reference} is vernietigd" in page
    assert "Er zijn geen zaken over de bewaartermijn" in page
    db.session.expire_all()
    assert db.session.get_one(Case, archive.old.id).destroyed_at is not None
    actions = db.session.scalars(sa.select(AccessLog.action).where(AccessLog.action == "destroy"))
    assert list(actions) == ["destroy"]


def test_a_case_of_another_municipality_cannot_be_destroyed(
    client: FlaskClient, archive: Archive
) -> None:
    other = db.session.scalars(sa.select(Case).where(Case.id != archive.old.id)).one()
    login(client, archive.privacy)
    assert client.get(f"/bewaartermijnen/{other.id}/vernietigen").status_code == 404
    assert (
        client.post(f"/bewaartermijnen/{other.id}/vernietigen", data={"confirm": "y"}).status_code
        == 404
    )
    assert db.session.get_one(Case, other.id).destroyed_at is None


def test_a_destroyed_case_shows_a_notice_and_the_client_is_gone(
    client: FlaskClient, archive: Archive
) -> None:
    login(client, archive.privacy)
    client.post(f"/bewaartermijnen/{archive.old.id}/vernietigen", data={"confirm": "y"})
    client.post("/logout")
    login(client, archive.office.bram)
    response = client.get(f"/zaken/{archive.old.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Deze zaak is vernietigd op 02-03-2026 10:00" in page
    assert "bewaartermijn van 10 jaar" in page
    assert MARK not in page
    note = client.post(f"/zaken/{archive.old.id}/notities", data={"text": "Nog iets"})
    assert note.status_code == 400
    assert client.get(f"/clienten/{archive.client.id}").status_code == 404
