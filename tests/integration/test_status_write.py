"""Setting a status through the API fires the workflow engine on behalf of the application's
account: the same roles, guards, fields and event as the case page."""

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from caseflow import create_app
from caseflow.api.catalog import catalog
from caseflow.extensions import db
from caseflow.models import AccessLog, Case
from tests.integration.conftest import Caller, MakeCaller, open_case
from tests.offices import Office

STATUSSEN = "/api/zaken/v1/statussen"


def _statustype(app: Flask, state: str) -> str:
    with app.test_request_context():
        item = catalog().case_type("wmo_aanvraag").status_type(state)  # type: ignore[union-attr]
        assert item is not None
        return f"http://localhost/api/catalogi/v1/statustypen/{item.uuid}"


def _post(caller: Caller, case: Case, state: str, toelichting: str = "") -> Any:
    body = {
        "zaak": f"http://localhost/api/zaken/v1/zaken/{case.uuid}",
        "statustype": _statustype(caller.client.application, state),
        "datumStatusGezet": "2026-03-02T10:00:00+01:00",
        "statustoelichting": toelichting,
    }
    return caller.client.post(STATUSSEN, json=body, headers=caller.headers())


@pytest.fixture
def writer(office: Office, make_caller: MakeCaller) -> Caller:
    return make_caller("kcc", scopes=("read", "write"), user=office.kcc)


def test_a_status_is_a_transition_fired_by_the_applications_account(
    office: Office, writer: Caller
) -> None:
    case = open_case(office, office.client, office.kcc, taken=True)

    answer = _post(writer, case, "in_behandeling")

    assert answer.status_code == 201, answer.get_data(as_text=True)
    status = answer.get_json()
    assert status["statustoelichting"] == "In behandeling nemen"
    assert status["indicatieLaatstGezetteStatus"] is True
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert case is not None and case.state == "in_behandeling"
    last = case.events[-1]
    assert (last.trigger, last.actor_id, last.uuid) == ("oppakken", office.kcc.id, status["uuid"])
    zaak = writer.get(f"/api/zaken/v1/zaken/{case.uuid}").get_json()
    assert zaak["status"] == status["url"]
    logged = db.session.scalars(sa.select(AccessLog.action).where(AccessLog.case_id == case.id))
    assert "change" in list(logged)


def test_the_engine_refuses_what_it_would_refuse_on_the_page(
    office: Office, writer: Caller
) -> None:
    case = open_case(office, office.client, office.kcc)  # nobody handles it yet

    guard = _post(writer, case, "in_behandeling")
    assert guard.status_code == 400
    assert guard.get_json()["invalidParams"][0]["reason"] == "De zaak heeft nog geen behandelaar."

    no_way = _post(writer, case, "besloten")
    assert no_way.status_code == 400
    assert no_way.get_json()["invalidParams"][0]["code"] == "transition-not-allowed"

    missing_reason = _post(writer, case, "ingetrokken")
    assert missing_reason.status_code == 400
    assert [p["name"] for p in missing_reason.get_json()["invalidParams"]] == ["reden"]

    db.session.expire_all()
    assert db.session.get(Case, case.id).state == "ontvangen"  # type: ignore[union-attr]
    withdrawn = _post(writer, case, "ingetrokken", "Cliënt trekt de aanvraag in.")
    assert withdrawn.status_code == 201
    results = writer.get("/api/zaken/v1/resultaten").get_json()["results"]
    assert [r["zaak"].rsplit("/", 1)[1] for r in results] == [case.uuid]
    assert writer.get(results[0]["resultaattype"]).get_json()["omschrijving"] == "Ingetrokken"


def test_an_account_of_another_municipality_cannot_set_a_status(
    office: Office, make_caller: MakeCaller
) -> None:
    case = open_case(office, office.client, office.consulent, taken=True)
    # Its reach covers Maastricht, but its account works for Vaals only: the engine says no.
    stranger = make_caller("vaals-dms", scopes=("read", "write"), user=office.vaals_consulent)
    answer = _post(stranger, case, "in_behandeling")
    assert answer.status_code == 403
    assert answer.get_json()["detail"] == "U werkt niet voor de gemeente van deze zaak."


def test_reading_applications_may_not_write(office: Office, make_caller: MakeCaller) -> None:
    case = open_case(office, office.client, office.consulent, taken=True)
    reader = make_caller("portaal")
    answer = _post(reader, case, "in_behandeling")
    assert answer.status_code == 403
    assert answer.get_json()["code"] == "permission_denied"


def test_the_api_is_exempt_from_csrf_and_the_pages_are_not(
    office: Office, writer: Caller, database_url: str
) -> None:
    guarded = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "test"}
    )
    case = open_case(office, office.client, office.kcc, taken=True)
    with guarded.app_context():
        client = guarded.test_client()
        page = client.post("/login", data={"username": "consulent", "password": "x"})
        assert page.status_code == 400  # no CSRF token
        api = Caller(writer.application, client)
        assert _post(api, case, "in_behandeling").status_code == 201
        db.session.remove()
