"""The deadline rules decided from a definition alone, without a case or a database."""

from datetime import date
from pathlib import Path

import pytest

from caseflow.models import Outcome
from caseflow.workflow.deadline_rules import (
    DeadlineMoves,
    counted_suspensions,
    deadline_moves,
    first_suspended_day,
    stop_outcome,
)
from caseflow.workflow.loader import load_workflow
from caseflow.workflow.schema import Workflow

PROEF = """
name: proef
label: Proefzaak
domain: wmo
initial: open
start_roles: [consulent]
states:
  open: {label: Open}
  wacht: {label: Wacht, suspends: [ronde]}
  klaar: {label: Klaar, final: true}
  vervallen: {label: Vervallen, final: true}
transitions:
  - {trigger: wachten, label: Wachten, source: open, dest: wacht, roles: [consulent]}
  - {trigger: verder, label: Verder, source: wacht, dest: open, roles: [consulent]}
  - {trigger: bellen, label: Bellen, source: open, dest: open, roles: [consulent]}
  - {trigger: afronden, label: Afronden, source: open, dest: klaar, roles: [consulent]}
  - {trigger: laten_vervallen, label: Vervallen, source: [open, wacht], dest: vervallen,
     roles: [consulent]}
deadlines:
  ronde:
    label: Ronde
    kind: service_norm
    length: {days: 10}
    starts: {on_enter: open}
    stops: {on_enter: [klaar, vervallen]}
    lapses: {on_enter: [vervallen]}
  contact:
    label: Contact
    kind: service_norm
    length: {days: 3}
    starts: {on_trigger: wachten}
    stops: {on_trigger: [bellen]}
"""


@pytest.fixture
def proef(tmp_path: Path) -> Workflow:
    path = tmp_path / "proef.yaml"
    path.write_text(PROEF, encoding="utf-8")
    return load_workflow(path)


def test_opening_a_case_starts_the_terms_of_its_first_state(proef: Workflow) -> None:
    assert deadline_moves(proef, None, "open", None) == DeadlineMoves(starts=("ronde",))


def test_a_suspending_state_suspends_on_entry_and_resumes_on_exit(proef: Workflow) -> None:
    into = deadline_moves(proef, "open", "wacht", "wachten")
    assert into == DeadlineMoves(starts=("contact",), suspends=("ronde",))
    out = deadline_moves(proef, "wacht", "open", "verder")
    # "ronde" is also asked to start: the engine starts a term only when none is running.
    assert out == DeadlineMoves(resumes=("ronde",), starts=("ronde",))


def test_a_self_loop_fires_trigger_rules_only(proef: Workflow) -> None:
    assert deadline_moves(proef, "open", "open", "bellen") == DeadlineMoves(
        stops=frozenset({"contact"})
    )


def test_lapsing_wins_over_stopping_in_the_same_state(proef: Workflow) -> None:
    moves = deadline_moves(proef, "wacht", "vervallen", "laten_vervallen")
    assert moves.lapses == {"ronde"}
    assert moves.stops == frozenset()
    assert moves.resumes == ("ronde",)
    assert moves.closes


def test_a_final_state_closes_and_stops(proef: Workflow) -> None:
    moves = deadline_moves(proef, "open", "klaar", "afronden")
    assert moves == DeadlineMoves(stops=frozenset({"ronde"}), closes=True)


def test_the_date_rules() -> None:
    today = date(2026, 3, 9)
    tomorrow = first_suspended_day(today)
    assert tomorrow == date(2026, 3, 10)
    # An open suspension counts until today; one that begins tomorrow counts no days yet.
    assert counted_suspensions([(date(2026, 3, 2), None), (tomorrow, None)], today) == (
        (date(2026, 3, 2), today),
        (tomorrow, tomorrow),
    )
    assert stop_outcome(today, today, lapsed=False) == Outcome.IN_TIME
    assert stop_outcome(today, date(2026, 3, 6), lapsed=False) == Outcome.LATE
    assert stop_outcome(today, date(2026, 3, 6), lapsed=True) == Outcome.LAPSED
