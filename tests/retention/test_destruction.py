"""Destroying a case past its retention: no personal data left, every report counts the same."""

import json
from typing import Any

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask

from caseflow.destruction import destroy_case
from caseflow.extensions import db
from caseflow.models import AccessLog, Base, Case, Incident, Intake, Note, Person, Role
from caseflow.reports.periods import ReportError
from caseflow.reports.registry import INDICATORS
from caseflow.workflow.engine import add_note
from caseflow.workflow.errors import NotAuthorised, WorkflowError
from tests.factories import Factory
from tests.reports.helpers import at, report_filter, table
from tests.retention.helpers import BSN, MARK, Archive, full_case, make_archive


@pytest.fixture
def archive(factory: Factory, travel: time_machine.Traveller) -> Archive:
    return make_archive(factory, travel)


def _all_reports() -> dict[str, Any]:
    """Every indicator of the registry per case type and in total, over the whole history."""
    numbers = {}
    whole = report_filter("2026-03-02", "2015-01-01..2026-03-01")
    for code, indicator in INDICATORS.items():
        try:
            result = indicator.run(whole, ["zaaktype"])
        except ReportError:  # the worklist trend counts snapshots, not cases
            result = indicator.run(whole)
        numbers[code] = (table(result), result.total.values)
    return numbers


def _stored_text() -> str:
    """Every value of every row of every table, as one text to search in."""
    rows = [
        json.dumps([str(value) for value in row], ensure_ascii=False)
        for table in Base.metadata.sorted_tables
        for row in db.session.execute(sa.select(table)).all()
    ]
    return "\n".join(rows)


def test_every_report_gives_the_same_numbers_before_and_after(archive: Archive) -> None:
    before = _all_reports()
    assert before["tijdigheid"][1]["afgehandeld_tijdig"] == 1
    assert before["doorlooptijd"][1]["zaken"] == 1
    assert before["overdrachten"][0]  # the manager's handover from Anna to Bram
    destroy_case(archive.old, archive.privacy)
    db.session.expire_all()
    assert _all_reports() == before


def test_no_personal_data_remains_when_no_other_case_needs_the_client(archive: Archive) -> None:
    assert MARK in _stored_text() and BSN in _stored_text()
    destroy_case(archive.old, archive.privacy)
    db.session.expire_all()
    stored = _stored_text()
    assert MARK not in stored
    assert BSN not in stored
    assert db.session.scalar(sa.select(sa.func.count(Note.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Incident.id))) == 0
    person = db.session.get_one(Person, archive.client.id)
    assert (person.full_name.strip(), person.bsn, person.date_of_birth) == (
        "(vernietigd)",
        None,
        None,
    )
    assert person.destroyed_at is not None


def test_the_skeleton_stays(archive: Archive) -> None:
    case_id = archive.old.id
    before = [
        (e.trigger, e.to_state, e.occurred_at, e.seconds_in_previous_state)
        for e in archive.old.events
    ]
    deadlines = [(d.code, d.due_date, d.stopped_on, d.outcome) for d in archive.old.deadlines]
    destroy_case(archive.old, archive.privacy)
    db.session.expire_all()
    case = db.session.get_one(Case, case_id)
    assert (case.state, case.result, case.team_id, case.assignee_id) == (
        "besloten",
        "toegekend",
        archive.office.team.id,
        archive.office.bram.id,
    )
    assert (case.person_id, case.household_id, case.intake_id) == (None, None, None)
    events = [
        (e.trigger, e.to_state, e.occurred_at, e.seconds_in_previous_state) for e in case.events
    ]
    assert events[:-1] == before
    # The destruction itself is the case's last event, by the privacy officer.
    assert (case.events[-1].trigger, case.events[-1].actor_id) == ("vernietigd", archive.privacy.id)
    assert [(d.code, d.due_date, d.stopped_on, d.outcome) for d in case.deadlines] == deadlines
    handover = next(e for e in case.events if e.data.get("van"))
    assert handover.data == {"van": archive.office.anna.id, "naar": archive.office.bram.id}
    assert all(e.reason is None for e in case.events)


def test_a_client_with_a_younger_case_keeps_that_file(
    archive: Archive, travel: time_machine.Traveller
) -> None:
    recent = full_case(archive.office, archive.client, "2020-06-01 10:00", travel)
    at(travel, "2026-03-02 10:00")
    destroy_case(archive.old, archive.privacy)
    db.session.expire_all()
    person = db.session.get_one(Person, archive.client.id)
    assert (person.bsn, person.destroyed_at) == (BSN, None)
    assert recent.person_id == person.id and recent.household_id is not None
    intake = db.session.get_one(Intake, recent.intake_id)
    assert MARK in intake.question
    notes = db.session.scalars(sa.select(Note.text)).all()
    assert notes == [f"{MARK} heeft een depressie en een strafblad."]  # the recent one only
    assert db.session.scalar(sa.select(sa.func.count(Incident.id))) == 1


def test_destruction_is_logged_and_the_log_chain_stays_intact(app: Flask, archive: Archive) -> None:
    destroy_case(archive.old, archive.privacy, origin="10.0.0.7")
    row = db.session.scalars(sa.select(AccessLog).order_by(AccessLog.id.desc())).first()
    assert row is not None
    assert (row.action, row.actor_id, row.case_id, row.person_id, row.origin) == (
        "destroy",
        archive.privacy.id,
        archive.old.id,
        archive.client.id,
        "10.0.0.7",
    )
    assert row.purpose == "vernietigen na bewaartermijn (10 jaar)"
    result = app.test_cli_runner().invoke(args=["verify-log"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("role", [Role.BEHEERDER, Role.CONSULENT, Role.TEAMMANAGER])
def test_only_the_privacy_officer_destroys(archive: Archive, factory: Factory, role: Role) -> None:
    other = factory.user(role, municipalities=[archive.office.gemeente])
    with pytest.raises(NotAuthorised, match="Alleen de privacyfunctionaris"):
        destroy_case(archive.old, other)
    assert archive.old.destroyed_at is None and archive.old.person_id == archive.client.id


def test_a_privacy_officer_of_another_municipality_cannot(
    archive: Archive, factory: Factory
) -> None:
    vaals = factory.municipality("vaals")
    other = factory.user(Role.PRIVACY, municipalities=[vaals])
    with pytest.raises(NotAuthorised):
        destroy_case(archive.old, other)
    assert archive.old.destroyed_at is None


def test_a_case_within_its_retention_is_refused_and_nothing_changes(
    archive: Archive, travel: time_machine.Traveller
) -> None:
    recent = full_case(archive.office, archive.client, "2020-06-01 10:00", travel)
    at(travel, "2026-03-02 10:00")
    with pytest.raises(WorkflowError, match="bewaartermijn van deze zaak is nog niet voorbij"):
        destroy_case(recent, archive.privacy)
    db.session.expire_all()
    assert recent.destroyed_at is None
    assert (
        db.session.scalar(
            sa.select(sa.func.count(AccessLog.id)).where(AccessLog.action == "destroy")
        )
        == 0
    )


def test_twice_is_refused_and_nothing_is_added_to_a_destroyed_case(archive: Archive) -> None:
    destroy_case(archive.old, archive.privacy)
    with pytest.raises(WorkflowError, match="al vernietigd"):
        destroy_case(archive.old, archive.privacy)
    with pytest.raises(WorkflowError, match="vernietigd"):
        add_note(archive.old, archive.office.bram, "Nog iets")
    assert db.session.scalar(sa.select(sa.func.count(Note.id))) == 0
