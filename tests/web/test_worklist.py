"""Mijn werkvoorraad and Teamwerkvoorraad."""

import re
from datetime import timedelta

import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.demo import seed
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, User
from caseflow.workflow.engine import assign, start_case
from caseflow.worklist import PAGE_SIZE
from tests.markup import NUMBER_CELL
from tests.offices import Office, login


def _case(office: Office, case_type: str, assignee: User | None = None) -> Case:
    case = start_case(
        case_type, municipality=office.maastricht, actor=office.consulent, team=office.wmo
    )
    if assignee is not None:
        assign(case, assignee, assignee)
    return case


def _references(page: str) -> list[str]:
    return re.findall(r">(Z-\d{4}-\d{6})</a>", page)


def test_my_worklist_sorts_by_nearest_deadline_with_a_light_per_case(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    old = _case(office, "wmo_aanvraag", office.consulent)  # 2 weeks, started 16 days ago
    travel.shift(timedelta(days=12))
    soon = _case(office, "wmo_aanvraag", office.consulent)  # eerste contact in 5 working days
    melding = _case(office, "wmo_melding", office.consulent)
    travel.shift(timedelta(days=4))
    _case(office, "wmo_aanvraag", office.collega)  # someone else's
    login(client, office.consulent)
    page = client.get("/").get_data(as_text=True)
    assert _references(page) == [old.reference, soon.reference, melding.reference]
    lights = re.findall(r'data-signal="(\w+)"', page)
    assert lights == ["overdue", "soon", "ok"]
    assert "4 dagen te laat" not in page or "Termijn verstreken" in page


def test_filters_narrow_the_worklist(client: FlaskClient, office: Office) -> None:
    aanvraag = _case(office, "wmo_aanvraag", office.consulent)
    _case(office, "wmo_melding", office.consulent)
    login(client, office.consulent)
    page = client.get("/?zaaktype=wmo_aanvraag").get_data(as_text=True)
    assert _references(page) == [aanvraag.reference]
    assert _references(client.get("/?status=aanvulling_gevraagd").get_data(as_text=True)) == []


def test_worklist_is_paginated(client: FlaskClient, office: Office) -> None:
    for _ in range(PAGE_SIZE + 2):
        _case(office, "wmo_aanvraag", office.consulent)
    login(client, office.consulent)
    first = client.get("/").get_data(as_text=True)
    second = client.get("/?pagina=2").get_data(as_text=True)
    assert len(_references(first)) == PAGE_SIZE and len(_references(second)) == 2
    assert "Pagina 1 van 2" in first
    assert set(_references(first)).isdisjoint(_references(second))
    # A page past the end (an old link, a list that shrank) shows the last page there is.
    beyond = client.get("/?pagina=9").get_data(as_text=True)
    assert "Pagina 2 van 2" in beyond and _references(beyond) == _references(second)


def test_team_worklist_shows_the_unassigned_queue_and_a_consultant_claims(
    client: FlaskClient, office: Office
) -> None:
    waiting = _case(office, "wmo_aanvraag")
    _case(office, "wmo_aanvraag", office.collega)
    login(client, office.consulent)
    queue = client.get(f"/team?team={office.wmo.id}&alleen=nieuw").get_data(as_text=True)
    assert _references(queue) == [waiting.reference]
    response = client.post(f"/zaken/{waiting.id}/oppakken", data={"version": str(waiting.version)})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get_one(Case, waiting.id).assignee_id == office.consulent.id


def test_team_manager_sees_caseload_and_bulk_assigns_with_a_reason(
    client: FlaskClient, office: Office
) -> None:
    first, second = _case(office, "wmo_aanvraag"), _case(office, "wmo_melding")
    _case(office, "wmo_aanvraag", office.collega)
    login(client, office.teammanager)
    page = client.get(f"/team?team={office.wmo.id}").get_data(as_text=True)
    assert re.search(
        rf"{office.collega.full_name}</td><td {NUMBER_CELL}>1</td>",
        page,
    )
    refused = client.post(
        f"/team/{office.wmo.id}/toewijzen",
        data={"zaak": [str(first.id)], "assignee_id": str(office.consulent.id)},
    )
    assert refused.status_code == 302
    assert db.session.get_one(Case, first.id).assignee_id is None
    client.post(
        f"/team/{office.wmo.id}/toewijzen",
        data={
            "zaak": [str(first.id), str(second.id)],
            "assignee_id": str(office.consulent.id),
            "reden": "Verdeling na overleg",
        },
    )
    db.session.expire_all()
    assert {db.session.get_one(Case, c.id).assignee_id for c in (first, second)} == {
        office.consulent.id
    }
    reasons = db.session.scalars(
        sa.select(CaseEvent.reason).where(
            CaseEvent.trigger == "toewijzen", CaseEvent.case_id.in_([first.id, second.id])
        )
    ).all()
    assert reasons == ["Verdeling na overleg"] * 2


def test_a_consultant_cannot_bulk_assign(client: FlaskClient, office: Office) -> None:
    case = _case(office, "wmo_aanvraag")
    login(client, office.consulent)
    response = client.post(
        f"/team/{office.wmo.id}/toewijzen",
        data={
            "zaak": [str(case.id)],
            "assignee_id": str(office.consulent.id),
            "reden": "Ik pak ze allemaal",
        },
    )
    assert response.status_code == 403


def test_demo_consultant_lands_on_a_worklist_with_all_three_lights(
    client: FlaskClient, travel: time_machine.Traveller
) -> None:
    seed(case_count=150)
    response = client.post("/login", data={"username": "consulent", "password": "caseflow-demo"})
    assert response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    pages = [page] + [
        client.get(f"/?pagina={n}").get_data(as_text=True)
        for n in range(2, 1 + int((re.search(r"van (\d+)</span>", page) or [0, "1"])[1]))
    ]
    lights = {light for p in pages for light in re.findall(r'data-signal="(\w+)"', p)}
    assert {"overdue", "soon", "ok"} <= lights
