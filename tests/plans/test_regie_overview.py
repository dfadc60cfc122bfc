"""Regie at a glance: a director's households, and "regie op regie" for the team manager."""

import html
from datetime import timedelta

import time_machine
from flask.testing import FlaskClient

from caseflow.plans.directors import hand_over, release
from caseflow.plans.lifecycle import escalate
from tests.markup import NUMBER_CELL
from tests.offices import Office, login
from tests.plans.helpers import running_plan, taken_on


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def _row(page: str, name: str) -> str:
    start = page.index(name)
    return page[start : page.index("</tr>", start)]


def test_a_director_sees_each_household_with_its_next_evaluation_and_late_actions(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    running_plan(office, "Peters")
    taken_on(office, "Janssen")
    travel.shift(timedelta(days=35))  # the actions were due after four weeks
    login(client, office.regisseur)
    page = _text(client.get("/regie/"))
    assert "Mijn huishoudens" in page and "Regie op regie" not in page
    peters = _row(page, "Huishouden Peters")
    assert "In uitvoering" in peters and "25-05-2026" in peters and "nog 49 dagen" in peters
    assert (
        '<span class="utrecht-status-badge utrecht-status-badge--danger" data-signal="overdue">'
        "3</span>" in peters
    )
    assert "Nog geen plan" in _row(page, "Huishouden Janssen")


def test_the_team_manager_sees_late_evaluations_stuck_plans_and_households_without_director(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    late = running_plan(office, "Peters")
    stuck = running_plan(office, "Smeets")
    orphan = taken_on(office, "Janssen")
    moved = taken_on(office, "Bakker")
    escalate(stuck, office.regisseur, "School werkt niet mee.")
    assert orphan.household is not None and moved.household is not None
    release(orphan.household, office.teammanager, "Regisseur langdurig ziek.")
    hand_over(moved.household, office.collega_regisseur, office.teammanager, "Werkverdeling.")
    travel.shift(timedelta(weeks=13))
    login(client, office.teammanager)
    page = _text(client.get("/regie/"))
    late_section = page[page.index("Plannen zonder tijdige evaluatie") :]
    assert late.case.reference in _row(late_section, "Huishouden Peters")
    assert "7 dagen te laat" in _row(late_section, "Huishouden Peters")
    stuck_section = page[page.index("Vastgelopen plannen") :]
    assert stuck.case.reference in _row(stuck_section, "Huishouden Smeets")
    assert "School werkt niet mee." in _row(stuck_section, "Huishouden Smeets")
    orphans = page[page.index("Huishoudens zonder regisseur") : page.index("Huishoudens per")]
    assert "Huishouden Janssen" in orphans and "Huishouden Peters" not in orphans
    load = page[page.index("Huishoudens per regisseur") :]
    assert f"Samira El Idrissi</td><td {NUMBER_CELL}>2" in load
    assert f"Daan Ramakers</td><td {NUMBER_CELL}>1" in load


def test_the_regie_overview_is_for_directors_and_team_managers(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.wmo_consulent)
    assert client.get("/regie/").status_code == 403
    assert "Regie</a>" not in _text(client.get("/"))
