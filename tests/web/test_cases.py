"""The case page: scope, actions through the engine, conflicts, reassignment, notes."""

import html
import re

import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog, Case, CaseEvent, Note
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import Factory, grant_row, product
from tests.offices import Office, login


def _aanvraag(office: Office, factory: Factory) -> Case:
    client = factory.person(office.maastricht, family_name="Peters")
    case = start_case(
        "wmo_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        person=client,
        team=office.wmo,
    )
    assign(case, office.consulent, office.consulent)
    return case


def test_another_municipalitys_case_and_dossier_are_refused_and_logged(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag(office, factory)
    login(client, office.vaals_consulent)
    assert client.get(f"/zaken/{case.id}").status_code == 403
    assert client.get(f"/clienten/{case.person_id}").status_code == 403
    assert client.post(f"/zaken/{case.id}/acties/oppakken").status_code == 403
    refused = db.session.scalars(
        sa.select(AccessLog).where(AccessLog.result == "denied").order_by(AccessLog.id)
    ).all()
    assert [(r.actor_id, r.person_id) for r in refused] == [
        (office.vaals_consulent.id, case.person_id)
    ] * 3
    assert db.session.get_one(Case, case.id).state == "ontvangen"


def test_viewing_a_case_is_logged_with_its_purpose(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag(office, factory)
    login(client, office.consulent)
    assert client.get(f"/zaken/{case.id}").status_code == 200
    row = db.session.scalars(sa.select(AccessLog)).one()
    assert (row.actor_id, row.case_id, row.person_id, row.action, row.purpose, row.result) == (
        office.consulent.id,
        case.id,
        case.person_id,
        "view",
        "zaak behandelen",
        "ok",
    )


def test_case_page_shows_deadlines_with_their_explanation_and_actions(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag(office, factory)
    login(client, office.consulent)
    page = client.get(f"/zaken/{case.id}").get_data(as_text=True)
    assert "Beschikking binnen 2 weken" in page and "Wmo 2015 art. 2.3.5 lid 2" in page
    assert "Uiterste datum: maandag 16 maart 2026." in page
    assert "In behandeling nemen" in page
    assert "Besluit nemen" not in page  # not possible from this state


def test_an_action_with_missing_data_names_the_field_and_saves_nothing(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag(office, factory)
    fire(case, "oppakken", office.consulent)
    login(client, office.consulent)
    response = client.post(
        f"/zaken/{case.id}/acties/vraag_aanvulling",
        data={"version": str(case.version), "hersteltermijn_tot": "morgen"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r'id="vraag_aanvulling-reden-fout">Reden is verplicht', page)
    assert "vul een geldige datum in" in page
    db.session.expire_all()
    assert db.session.get_one(Case, case.id).state == "in_behandeling"


def test_an_action_on_a_case_someone_else_just_moved_is_refused(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag(office, factory)
    seen = case.version
    fire(case, "intrekken", office.consulent, {"reden": "Inwoner trekt in"})
    events = db.session.scalar(sa.select(sa.func.count(CaseEvent.id)))
    login(client, office.consulent)
    response = client.post(f"/zaken/{case.id}/acties/oppakken", data={"version": str(seen)})
    assert response.status_code == 400
    assert "kan niet in de status 'Ingetrokken'" in html.unescape(response.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(CaseEvent.id))) == events


def test_stale_form_version_is_a_conflict_message(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag(office, factory)
    seen = case.version
    fire(case, "oppakken", office.consulent)
    login(client, office.consulent)
    response = client.post(
        f"/zaken/{case.id}/acties/verslag_vastleggen",
        data={"version": str(seen), "verslag": "Gesprek gevoerd."},
    )
    assert response.status_code == 409
    assert "Iemand anders heeft deze zaak net gewijzigd" in response.get_data(as_text=True)
    assert db.session.scalars(
        sa.select(CaseEvent.trigger).where(CaseEvent.case_id == case.id)
    ).all() == ["aanmaken", "toewijzen", "oppakken"]


def test_a_consultant_moves_a_case_through_the_page(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag(office, factory)
    login(client, office.consulent)
    lift = product(case.municipality, "WA01", "Traplift", "woningaanpassing", "stuks")
    row = {f"producten-1-{name}": value for name, value in grant_row(lift).items()}
    decision = {"besluit-resultaat": "toegekend", "besluit-motivering": "Traplift past.", **row}
    for path, data in [
        ("acties/oppakken", {}),
        ("acties/verslag_vastleggen", {"verslag": "Keukentafelgesprek gevoerd."}),
        # The decision has a page of its own: its products are rows.
        ("besluit", decision),
    ]:
        db.session.expire_all()
        version = db.session.get_one(Case, case.id).version
        response = client.post(f"/zaken/{case.id}/{path}", data={"version": str(version), **data})
        assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert (db.session.get_one(Case, case.id).state, case.result) == ("besloten", "toegekend")


def test_team_manager_reassigns_with_a_reason_written_to_the_history(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag(office, factory)
    login(client, office.teammanager)
    without_reason = client.post(
        f"/zaken/{case.id}/toewijzen",
        data={"assignee_id": str(office.collega.id), "reden": "", "version": str(case.version)},
    )
    assert without_reason.status_code == 400
    assert "Reden is verplicht." in without_reason.get_data(as_text=True)
    response = client.post(
        f"/zaken/{case.id}/toewijzen",
        data={
            "assignee_id": str(office.collega.id),
            "reden": "Ziekte",
            "version": str(case.version),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    event = db.session.scalars(
        sa.select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id.desc())
    ).first()
    assert event is not None
    assert (event.trigger, event.reason, event.data["naar"]) == (
        "toewijzen",
        "Ziekte",
        office.collega.id,
    )
    page = client.get(f"/zaken/{case.id}").get_data(as_text=True)
    assert "Reden: Ziekte" in page


def test_notes_are_saved_and_shown_in_the_timeline(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag(office, factory)
    login(client, office.consulent)
    empty = client.post(f"/zaken/{case.id}/notities", data={"text": ""})
    assert empty.status_code == 400
    assert "Schrijf eerst een notitie." in empty.get_data(as_text=True)
    assert (
        client.post(f"/zaken/{case.id}/notities", data={"text": "Dochter belt terug."}).status_code
        == 302
    )
    assert db.session.scalars(sa.select(Note.text)).all() == ["Dochter belt terug."]
    assert "Dochter belt terug." in client.get(f"/zaken/{case.id}").get_data(as_text=True)
