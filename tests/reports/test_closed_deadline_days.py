"""The day roll-up of stopped terms: kept by the steps that stop them, and tijdigheid from it
gives the numbers counting the deadlines gives."""

from collections import Counter
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
import time_machine

from caseflow.extensions import db
from caseflow.models import Case, ClosedDeadlineDay, Deadline, DeadlineStatus
from caseflow.reports import closed_days
from caseflow.reports.registry import indicator
from caseflow.unit_of_work import commit
from caseflow.workflow.closed_terms import rebuild, staged_changes
from caseflow.workflow.engine import fire
from tests.factories import Factory
from tests.offices import Office
from tests.reports.helpers import ask_completion, at, completed, decide, report_filter, wmo

TIJDIGHEID = indicator("tijdigheid")


def roll_up() -> Counter[tuple[Any, ...]]:
    rows = db.session.execute(
        sa.select(
            ClosedDeadlineDay.day,
            ClosedDeadlineDay.municipality_id,
            ClosedDeadlineDay.team_id,
            ClosedDeadlineDay.case_type,
            ClosedDeadlineDay.kind,
            ClosedDeadlineDay.outcome,
            ClosedDeadlineDay.terms,
        )
    )
    return Counter({tuple(row[:6]): row[6] for row in rows if row[6]})


def counted_from_deadlines() -> Counter[tuple[Any, ...]]:
    rows = db.session.execute(
        sa.select(
            Deadline.stopped_on,
            Case.municipality_id,
            sa.func.coalesce(Case.team_id, 0),
            Case.case_type,
            Deadline.kind,
            Deadline.outcome,
        )
        .join(Case, Case.id == Deadline.case_id)
        .where(Deadline.status == DeadlineStatus.STOPPED)
    )
    return Counter(tuple(row) for row in rows)


@pytest.fixture
def spring(office: Office, travel: time_machine.Traveller) -> Office:
    """Wmo requests over two months: decided in time, late, after a suspension, withdrawn, open."""
    anna, bram = office.anna, office.bram
    at(travel, "2026-03-02 10:00")
    early, late, suspended = wmo(office, anna), wmo(office, bram), wmo(office, anna)
    withdrawn, still_open = wmo(office, bram), wmo(office, anna)
    at(travel, "2026-03-04 11:00")
    ask_completion(suspended, until="2026-03-20")
    at(travel, "2026-03-11 09:00")
    completed(suspended)
    decide(early)
    fire(withdrawn, "intrekken", bram, {"reden": "Hulp elders gevonden."})
    at(travel, "2026-04-07 10:00")
    decide(late, "afgewezen")
    decide(suspended)
    at(travel, "2026-04-08 10:00")
    assert still_open.closed_at is None
    commit()
    return office


def test_the_steps_that_stop_terms_keep_the_roll_up_equal_to_the_deadlines(spring: Office) -> None:
    counted = counted_from_deadlines()
    assert sum(counted.values()) >= 4  # in time, late, lapsed: every outcome is there
    assert {key[5] for key in counted} == {"in_time", "late", "lapsed"}
    assert roll_up() == counted


def test_rebuilding_gives_the_same_rows(spring: Office) -> None:
    kept = roll_up()
    rebuild(db.session.connection())
    assert roll_up() == kept


@pytest.mark.parametrize(
    ("period", "group_by"),
    [
        ("", ["zaaktype"]),
        ("", ["gemeente", "team"]),
        ("2026-03", ["maand", "domein"]),
        ("2026", ["jaar"]),
        ("2026-04", []),
    ],
)
def test_tijdigheid_from_the_roll_up_equals_counting_the_deadlines(
    spring: Office, monkeypatch: pytest.MonkeyPatch, period: str, group_by: list[str]
) -> None:
    a_filter = report_filter("2026-04-08", period, municipality_ids=(spring.gemeente.id,))
    dims = TIJDIGHEID.dimensions_for(group_by)
    assert closed_days.answers(a_filter, dims)
    from_roll_up = TIJDIGHEID.run(a_filter, group_by)
    monkeypatch.setattr(closed_days, "answers", lambda *_: False)
    from_deadlines = TIJDIGHEID.run(a_filter, group_by)
    assert [(r.keys, r.values) for r in from_roll_up.rows] == [
        (r.keys, r.values) for r in from_deadlines.rows
    ]
    assert from_roll_up.total.values == from_deadlines.total.values
    assert from_roll_up.total.values["afgehandeld_tijdig"] + from_roll_up.total.values[
        "afgehandeld_te_laat"
    ] == (3 if period in ("", "2026") else 2 if period == "2026-04" else 1)


def test_per_handler_it_counts_the_deadlines(spring: Office) -> None:
    a_filter = report_filter("2026-04-08", "", assignee_id=spring.anna.id)
    assert not closed_days.answers(a_filter, ())
    assert not closed_days.answers(
        report_filter("2026-04-08"), TIJDIGHEID.dimensions_for(["consulent"])
    )
    values = TIJDIGHEID.run(a_filter).total.values
    # Decided early in time; decided in April, past its date even with the suspension.
    assert (values["afgehandeld_tijdig"], values["afgehandeld_te_laat"]) == (1, 1)


def test_a_case_that_moves_team_takes_its_stopped_terms_along(
    spring: Office, factory: Factory
) -> None:
    decided = db.session.scalars(
        sa.select(Case).where(Case.result == "afgewezen").order_by(Case.id)
    ).one()
    other = factory.team([spring.gemeente], name="Team Wmo Noord")
    _ = decided.deadlines
    stopped = [d for d in decided.deadlines if d.status == DeadlineStatus.STOPPED]
    decided.team = other
    changes = staged_changes(db.session())
    db.session.rollback()
    old_team = spring.team.id
    assert changes == Counter(
        {
            (d.stopped_on, spring.gemeente.id, team, "wmo_aanvraag", d.kind, d.outcome): n
            for d in stopped
            for team, n in ((old_team, -1), (other.id, 1))
        }
    )
    assert date(2026, 4, 7) in {key[0] for key in changes}
