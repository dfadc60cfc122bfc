"""The deadline scan on a travelling clock: who is warned, when, and never twice for one date."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
import yaml
from flask import Flask

from caseflow.models import Case, SignalKind
from caseflow.signals import scan_deadlines, unread_signal_count
from caseflow.workflow.engine import fire
from caseflow.workflow.registry import EXTENSION_KEY, WorkflowRegistry
from tests.factories import Factory
from tests.jobs.helpers import (
    all_signals,
    decision_term,
    go_to,
    kinds,
    wmo_request,
)
from tests.letters.helpers import send_drafted
from tests.offices import MakeOffice, Office

DUE_SOON, OVERDUE, ESCALATION = (k.value for k in SignalKind)


def test_an_approaching_deadline_gives_one_due_soon_signal_and_reruns_add_nothing(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    case = wmo_request(office)  # Monday 2 March 2026: decision due Monday 16 March
    due = decision_term(case).due_date
    assert due == date(2026, 3, 16)

    go_to(travel, date(2026, 3, 10))  # 4 working days left: outside the 3-day window
    assert scan_deadlines().total == 0

    go_to(travel, date(2026, 3, 11))  # Thursday, Friday, Monday left: inside the window
    result = scan_deadlines()
    assert result.summary == "created 1 signals"
    [signal] = all_signals()
    assert (signal.kind, signal.due_date, signal.case_id) == (DUE_SOON, due, case.id)
    assert signal.user_id == office.consulent.id
    assert unread_signal_count(office.consulent) == 1

    assert scan_deadlines().summary == "created 0 signals"
    go_to(travel, date(2026, 3, 13))
    assert scan_deadlines().total == 0
    assert len(all_signals()) == 1


def test_passing_the_due_date_gives_overdue_and_escalates_to_the_team_manager(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    case = wmo_request(office)
    due = decision_term(case).due_date

    go_to(travel, due)  # the last day still counts as in time
    assert scan_deadlines().created == {
        SignalKind.DUE_SOON: 1,
        SignalKind.OVERDUE: 0,
        SignalKind.ESCALATION: 0,
    }

    go_to(travel, due + timedelta(days=1))
    result = scan_deadlines()
    assert result.created[SignalKind.OVERDUE] == 1
    assert result.created[SignalKind.ESCALATION] == 1
    overdue = next(s for s in all_signals() if s.kind == OVERDUE)
    escalation = next(s for s in all_signals() if s.kind == ESCALATION)
    assert overdue.user_id == office.consulent.id
    assert escalation.user_id is None and escalation.team_id == office.team.id
    assert escalation.due_date == overdue.due_date == due

    assert unread_signal_count(office.teammanager) == 1  # the escalation
    assert unread_signal_count(office.consulent) == 2  # due soon (on the due date) and overdue

    go_to(travel, due + timedelta(days=10))
    assert scan_deadlines().total == 0


def test_an_overdue_service_norm_is_signalled_but_not_escalated(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    case = wmo_request(office, handled=False)  # first contact within 5 working days keeps running
    first_contact = next(d for d in case.deadlines if d.code == "eerste_contact")
    go_to(travel, first_contact.due_date + timedelta(days=1))
    scan_deadlines()
    about_first_contact = [s.kind for s in all_signals() if s.deadline_id == first_contact.id]
    assert about_first_contact == [OVERDUE]
    assert all(s.kind != ESCALATION for s in all_signals())


def test_an_unassigned_case_signals_its_team(
    app: Flask, factory: Factory, office: Office, travel: time_machine.Traveller
) -> None:
    colleague = factory.user(municipalities=[office.gemeente], teams=[office.team])
    wmo_request(office, handled=False)
    scan_deadlines()
    signals = all_signals()
    assert signals and all(s.user_id is None and s.team_id == office.team.id for s in signals)
    assert unread_signal_count(colleague) == len(signals)
    outsider = factory.user(municipalities=[office.gemeente])
    assert unread_signal_count(outsider) == 0


def test_a_suspension_stops_signals_and_resuming_restarts_them_with_the_moved_date(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    case = wmo_request(office)
    original_due = decision_term(case).due_date

    go_to(travel, date(2026, 3, 11))
    assert scan_deadlines().total == 1
    fire(
        case,
        "vraag_aanvulling",
        office.consulent,
        {"reden": "Medisch advies ontbreekt", "hersteltermijn_tot": date(2026, 3, 25)},
    )
    send_drafted(case, office.consulent, "verzoek_om_aanvulling")
    assert decision_term(case).status == "suspended"

    for day in (date(2026, 3, 16), date(2026, 3, 17), date(2026, 3, 20)):  # past the old date
        go_to(travel, day)
        assert scan_deadlines().total == 0, f"a suspended term signalled on {day}"

    go_to(travel, date(2026, 3, 23))
    fire(case, "aanvulling_ontvangen", office.consulent)
    moved_due = decision_term(case).due_date
    assert moved_due == date(2026, 3, 27)  # 16 March plus the 11 suspended days
    assert scan_deadlines().total == 0  # four working days left

    go_to(travel, date(2026, 3, 24))
    assert scan_deadlines().total == 1
    assert kinds(all_signals()) == [(DUE_SOON, original_due), (DUE_SOON, moved_due)]

    go_to(travel, date(2026, 3, 30))
    scan_deadlines()
    assert kinds(all_signals())[2:] == [(OVERDUE, moved_due), (ESCALATION, moved_due)]


def test_an_extension_moves_the_date_and_the_new_date_is_warned_about_again(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    case = wmo_request(office)
    go_to(travel, date(2026, 3, 12))
    scan_deadlines()
    fire(case, "verdagen", office.consulent, {"reden": "Advies arts duurt langer", "weken": 2})
    extended_due = decision_term(case).due_date
    assert extended_due == date(2026, 3, 30)
    assert scan_deadlines().total == 0
    go_to(travel, date(2026, 3, 25))
    assert scan_deadlines().total == 1
    assert kinds(all_signals()) == [(DUE_SOON, date(2026, 3, 16)), (DUE_SOON, extended_due)]


def test_a_stopped_deadline_no_longer_signals(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    case = wmo_request(office)
    fire(case, "intrekken", office.consulent, {"reden": "Inwoner ziet af van de aanvraag"})
    go_to(travel, date(2026, 4, 1))
    assert scan_deadlines().total == 0


@pytest.fixture
def valkenburg_warns_a_week_ahead(
    app: Flask, tmp_path: Path, workflows_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for source in workflows_dir.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text())
    path = tmp_path / "wmo_aanvraag.yaml"
    spec = yaml.safe_load(path.read_text())
    spec["municipalities"]["valkenburg-aan-de-geul"]["deadlines"]["beschikking"] = {
        "warning_working_days": 5
    }
    path.write_text(yaml.safe_dump(spec, allow_unicode=True))
    monkeypatch.setitem(app.extensions, EXTENSION_KEY, WorkflowRegistry.from_directory(tmp_path))


def test_a_municipality_can_have_its_own_warning_window(
    app: Flask,
    make_office: MakeOffice,
    travel: time_machine.Traveller,
    valkenburg_warns_a_week_ahead: None,
) -> None:
    maastricht = make_office("maastricht")
    valkenburg = make_office("valkenburg-aan-de-geul")
    cases: dict[str, Case] = {
        "maastricht": wmo_request(maastricht),
        "valkenburg": wmo_request(valkenburg),
    }
    go_to(travel, date(2026, 3, 9))  # 5 working days before 16 March
    scan_deadlines()
    assert [s.case_id for s in all_signals()] == [cases["valkenburg"].id]
    go_to(travel, date(2026, 3, 11))
    scan_deadlines()
    assert sorted(s.case_id for s in all_signals()) == sorted(c.id for c in cases.values())
