"""The smaller findings of the attack on the first wave, each as it was tried."""

import html
from typing import Any

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Intake, PostcodeRange, Role
from caseflow.plans.areas import add_range
from caseflow.plans.content import ActionInput, add_action
from caseflow.workflow.errors import InvalidData
from tests.factories import Factory
from tests.offices import Office, area_office, login, web_office
from tests.plans.helpers import concept_plan
from tests.web.test_intake import VALID


@pytest.fixture
def web(factory: Factory, travel: time_machine.Traveller) -> Office:
    return web_office(factory)


def _text(response: Any) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("born", ["01-01-0001", "01-01-2999", "0001-01-01", "03-03-2026"])
def test_birth_dates_outside_a_life_are_refused_beside_the_field(
    client: FlaskClient, web: Office, born: str
) -> None:
    login(client, web.toegang)
    day, month, year = born.split("-")
    parts = {"date_of_birth-dag": day, "date_of_birth-maand": month, "date_of_birth-jaar": year}
    data = {**VALID, "bsn": "", "municipality_id": str(web.maastricht.id), **parts}
    response = client.post("/hulpvraag/nieuw", data=data)
    assert response.status_code == 400
    assert 'id="date_of_birth-fout"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Intake.id))) == 0


def test_a_municipality_reader_sees_teams_never_named_employees(
    client: FlaskClient, web: Office, factory: Factory
) -> None:
    reader = factory.user(Role.GEMEENTE, municipalities=[web.maastricht])
    login(client, reader)
    page = _text(client.get("/rapportages/"))
    assert "Open zaken per team" in page
    assert "Open zaken per consulent" not in page
    grouped = _text(client.get("/rapportages/indicatoren/werkvoorraad?groep=consulent"))
    assert web.consulent.full_name not in grouped
    assert '<option value="consulent"' not in grouped
    export = client.get(
        f"/rapportages/indicatoren/werkvoorraad?groep=consulent&formaat=csv&consulent={web.consulent.id}"
    )
    assert export.status_code == 200
    assert "consulent" not in export.get_data(as_text=True).splitlines()[0]


def test_a_plan_action_is_never_owned_by_someone_who_does_not_work_with_clients(
    factory: Factory, travel: time_machine.Traveller
) -> None:
    office: Office = area_office(factory)
    plan = concept_plan(office)
    reader = factory.user(
        Role.GEMEENTE, municipalities=[office.maastricht], teams=[office.team_noordwest]
    )
    with pytest.raises(InvalidData) as refused:
        add_action(
            plan,
            office.regisseur,
            ActionInput(
                plan.goals[0].id,
                "Cijfers bijhouden",
                "medewerker",
                plan.goals[0].plan.case.opened_at.date(),
                owner_user_id=reader.id,
            ),
        )
    assert "owner_user_id" in refused.value.field_errors


def test_postcodes_of_another_municipality_cannot_be_claimed(
    factory: Factory, travel: time_machine.Traveller
) -> None:
    area_office(factory)  # Maastricht Noordwest: 6211-6216
    vaals = factory.municipality("vaals", "Vaals")
    vaals_area = factory.area(vaals, "Vaals Centrum", 6291, 6291)
    beheerder = factory.user(Role.BEHEERDER, municipalities=[vaals])
    before = db.session.scalar(sa.select(sa.func.count(PostcodeRange.id)))
    with pytest.raises(InvalidData, match="overlapt met postcodes van Maastricht"):
        add_range(vaals_area, 6212, 6213, beheerder)
    assert db.session.scalar(sa.select(sa.func.count(PostcodeRange.id))) == before
