"""The signal pages: my signals, my team's signals, marking as read, and the unread badge."""

from datetime import date

import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow.models import User
from caseflow.signals import scan_deadlines, unread_signal_count
from tests.factories import PASSWORD, Factory
from tests.jobs.helpers import all_signals, go_to, wmo_request
from tests.offices import Office


def log_in(client: FlaskClient, user: User) -> None:
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def overdue_case(office: Office, travel: time_machine.Traveller) -> int:
    case = wmo_request(office)
    go_to(travel, date(2026, 3, 17))
    scan_deadlines()
    return case.id


def test_my_signals_list_the_deadline_and_link_to_the_case(
    app: Flask, client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    case_id = overdue_case(office, travel)
    log_in(client, office.consulent)
    page = client.get("/signalen").get_data(as_text=True)
    assert '<h1 class="utrecht-heading-1">Mijn signalen</h1>' in page
    assert "Termijn verstreken" in page
    assert "Beschikking binnen 2 weken" in page
    assert "16-03-2026" in page
    assert f'href="/zaken/{case_id}"' in page
    assert "escalatie" not in page  # the escalation is for the team manager


def test_the_team_manager_sees_the_escalation_and_the_whole_team(
    app: Flask, client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    overdue_case(office, travel)
    log_in(client, office.teammanager)
    mine = client.get("/signalen").get_data(as_text=True)
    assert "Wettelijke termijn verstreken (escalatie)" in mine
    team = client.get(f"/signalen/team/{office.team.id}").get_data(as_text=True)
    assert f"Signalen van {office.team.name}" in team
    assert "Termijn verstreken" in team and "(escalatie)" in team


def test_a_team_list_is_only_for_its_members(
    app: Flask,
    client: FlaskClient,
    factory: Factory,
    office: Office,
    travel: time_machine.Traveller,
) -> None:
    overdue_case(office, travel)
    outsider = factory.user(municipalities=[office.gemeente])
    log_in(client, outsider)
    assert client.get(f"/signalen/team/{office.team.id}").status_code == 404
    assert "Er zijn geen signalen." in client.get("/signalen").get_data(as_text=True)


def test_marking_a_signal_as_read_lowers_the_badge(
    app: Flask, client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    overdue_case(office, travel)
    [overdue] = [s for s in all_signals() if s.user_id == office.consulent.id]
    log_in(client, office.consulent)
    assert unread_signal_count(office.consulent) == 1

    response = client.post(f"/signalen/{overdue.id}/gelezen", data={"next": "/signalen"})
    assert response.status_code == 302 and response.headers["Location"] == "/signalen"
    assert unread_signal_count(office.consulent) == 0
    [read] = [s for s in all_signals() if s.id == overdue.id]
    assert read.read_by_id == office.consulent.id
    assert unread_signal_count(office.teammanager) == 1  # the escalation is still unread


def test_nobody_can_mark_someone_elses_signal(
    app: Flask, client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    overdue_case(office, travel)
    escalation = next(s for s in all_signals() if s.kind == "escalation")
    log_in(client, office.consulent)
    team_page = client.get(f"/signalen/team/{office.team.id}").get_data(as_text=True)
    assert "(escalatie)" in team_page  # a colleague sees it in the team list
    assert f"/signalen/{escalation.id}/gelezen" not in team_page  # but cannot dismiss it
    assert client.post(f"/signalen/{escalation.id}/gelezen").status_code == 404
    assert unread_signal_count(office.teammanager) == 1


def test_mark_everything_as_read_touches_only_what_is_meant_for_you(
    app: Flask, client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    overdue_case(office, travel)
    log_in(client, office.teammanager)
    client.post("/signalen/gelezen", data={"team_id": office.team.id})
    read = {s.kind: s.read_at is not None for s in all_signals()}
    assert read == {"overdue": False, "escalation": True}  # the consultant's own stays unread


def test_the_badge_shows_the_unread_count_in_the_menu(
    app: Flask, client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    overdue_case(office, travel)
    log_in(client, office.teammanager)
    page = client.get("/signalen").get_data(as_text=True)
    assert 'aria-label="1 ongelezen"' in page
