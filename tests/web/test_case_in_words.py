"""The case page speaks the user's language: labels instead of codes, case numbers instead of
database ids, Dutch dates in the timeline. (What a Wmo decision grants, as rows on its own page,
is in tests/provisions.)"""

import html
import re
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import time_machine
import yaml
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from caseflow.extensions import db
from caseflow.models import Case, Role
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, fire, start_case
from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.loader import load_directory
from tests.factories import Factory
from tests.offices import Office, area_office, login
from tests.plans.helpers import register
from tests.web.test_intake import VALID


def _text(response: TestResponse) -> str:
    """The page as read: tags dropped, entities decoded, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.text)).split())


def _aanvraag_in_behandeling(office: Office, factory: Factory) -> Case:
    case = start_case(
        "wmo_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        person=factory.person(office.maastricht, "Peters"),
        team=office.wmo,
    )
    assign(case, office.consulent, office.consulent)
    fire(case, "oppakken", office.consulent)
    fire(case, "verslag_vastleggen", office.consulent, {"verslag": "Trap is het probleem."})
    db.session.commit()
    return case


def _decide(client: FlaskClient, case: Case, **data: str) -> TestResponse:
    db.session.expire_all()
    version = db.session.get_one(Case, case.id).version
    return client.post(f"/zaken/{case.id}/acties/besluiten", data={"version": str(version), **data})


def test_the_intake_and_its_follow_up_show_labels_case_numbers_and_dutch_dates(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.toegang)
    data = {**VALID, "municipality_id": str(office.maastricht.id)}
    assert client.post("/hulpvraag/nieuw", data=data).status_code == 302
    intake, melding = db.session.scalars(sa.select(Case).order_by(Case.id)).all()

    page = _text(client.get(f"/zaken/{intake.id}"))
    assert "Status Doorgezet naar één domein Inwoner" in page, "no result code after the state"
    assert "Domein: Wmo" in page
    assert "doorgezet_domein" not in page and "Domein: wmo" not in page
    assert "Vraag achter de vraag vastleggen – 2 maart 2026, 10:00 door" in page
    client.post("/logout")

    login(client, office.consulent)
    response = client.get(f"/zaken/{melding.id}")
    assert (
        f'Vervolg op: <a class="utrecht-link" href="/zaken/{intake.id}">{intake.reference}</a>'
        in response.text
    )
    assert f"Vervolg op: {intake.id}<" not in response.text


def test_an_assignment_names_the_new_handler(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag_in_behandeling(office, factory)
    login(client, office.consulent)
    page = _text(client.get(f"/zaken/{case.id}"))
    assert f"Toegewezen – 2 maart 2026, 10:00 door {office.consulent.full_name}" in page
    assert f"Aan: {office.consulent.full_name}" in page


def test_the_case_page_offers_only_domains_with_a_receiving_team(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    """An intake left open at the front door is sent on from its case page later."""
    case = start_case(
        "vraagverheldering",
        municipality=office.maastricht,
        actor=office.toegang,
        person=factory.person(office.maastricht, "Peters"),
        team=office.front_door,
        assignee=office.toegang,
    )
    fire(case, "gesprek_starten", office.toegang)
    fire(case, "verhelderen", office.toegang, {"toelichting": "Alleen de trap."})
    db.session.commit()
    login(client, office.toegang)
    page = client.get(f"/zaken/{case.id}").text
    select = re.search(
        r'<select class="[^"]*" id="doorzetten_domein-domein".*?</select>',
        page,
        re.S,
    )
    assert select is not None
    assert re.findall(r'<option value="(\w*)"', select[0]) == ["", "wmo"]


def _with(doc: dict[str, Any], **change: Any) -> dict[str, Any]:
    decision = next(t for t in doc["transitions"] if t["trigger"] == "besluiten")
    decision.update(change)
    return doc


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"requires_for": {"misschien": ["niet_toegekend"]}},
            "transitions.besluiten.requires_for: unknown result 'misschien'",
        ),
        (
            {"requires_for": {"toegekend": ["motivering"]}},
            "transitions.besluiten.requires_for.toegekend: unknown optional field of this "
            "transition 'motivering'",
        ),
    ],
)
def test_requires_for_names_results_and_optional_fields_of_its_transition(
    tmp_path: Path, workflows_dir: Path, change: dict[str, Any], message: str
) -> None:
    doc = yaml.safe_load((workflows_dir / "wmo_aanvraag.yaml").read_text(encoding="utf-8"))
    (tmp_path / "wmo_aanvraag.yaml").write_text(yaml.safe_dump(_with(doc, **change)), "utf-8")
    with pytest.raises(WorkflowDefinitionError) as info:
        load_directory(tmp_path)
    assert message in str(info.value)


def test_the_processing_log_names_a_case_by_its_number(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = _aanvraag_in_behandeling(office, factory)
    login(client, office.consulent)
    client.get(f"/zaken/{case.id}")
    client.post("/logout")
    officer = factory.user(Role.PRIVACY, municipalities=[office.maastricht])
    login(client, officer)
    page = client.get(f"/verwerkingen/?persoon={case.person_id}").text
    assert f'<td class="utrecht-table__cell">{case.reference}</td>' in page


def test_a_move_to_another_area_team_names_both_teams(
    client: FlaskClient, factory: Factory, travel: time_machine.Traveller
) -> None:
    area = area_office(factory)
    registration = register(area)
    fire(
        registration,
        "gebied_wijzigen",
        area.regisseur,
        {"reden": "Woont bij de oma.", "naar_gebiedsteam": area.team_zuidoost.name},
    )
    commit()
    login(client, area.zuid_regisseur)
    page = _text(client.get(f"/zaken/{registration.id}"))
    assert "Van team: Gebiedsteam Noordwest" in page
    assert "Naar team: Gebiedsteam Zuidoost" in page
    assert f"Van team: {area.team_noordwest.id}" not in page
