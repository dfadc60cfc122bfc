"""Deadlines that stop on a trigger, lapse without a decision, and start again in a new cycle."""

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from flask import Flask

from caseflow.models import Role
from caseflow.workflow.engine import fire, start_case
from caseflow.workflow.registry import EXTENSION_KEY, WorkflowRegistry
from tests.factories import Factory

PROEF = """
name: proef
label: Proefzaak
domain: wmo
initial: open
start_roles: [consulent]
states:
  open: {label: Open}
  wacht: {label: Wacht}
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
    stops: {on_enter: [wacht, klaar]}
    lapses: {on_enter: [vervallen]}
  contact:
    label: Contact
    kind: service_norm
    length: {days: 3}
    starts: {on_enter: open}
    stops: {on_trigger: [bellen]}
"""


@pytest.fixture
def proef(app: Flask, tmp_path: Path) -> Iterator[None]:
    (tmp_path / "proef.yaml").write_text(PROEF, encoding="utf-8")
    original = app.extensions[EXTENSION_KEY]
    app.extensions[EXTENSION_KEY] = WorkflowRegistry.from_directory(tmp_path)
    yield
    app.extensions[EXTENSION_KEY] = original


def _rows(case):  # type: ignore[no-untyped-def]
    return sorted((d.code, d.cycle, d.start_date, d.status, d.outcome) for d in case.deadlines)


def test_a_deadline_stops_on_a_trigger_that_keeps_the_state(
    proef: None, factory: Factory, travel: time_machine.Traveller
) -> None:
    gemeente = factory.municipality()
    consulent = factory.user(Role.CONSULENT, municipalities=[gemeente])
    case = start_case("proef", municipality=gemeente, actor=consulent)
    travel.shift(timedelta(days=1))
    fire(case, "bellen", consulent)
    assert case.state == "open"
    contact = next(d for d in case.deadlines if d.code == "contact")
    assert (contact.status, contact.outcome, contact.stopped_on) == (
        "stopped",
        "in_time",
        date(2026, 3, 3),
    )


def test_a_deadline_starts_again_in_a_new_cycle_and_lapses_without_a_decision(
    proef: None, factory: Factory, travel: time_machine.Traveller
) -> None:
    gemeente = factory.municipality()
    consulent = factory.user(Role.CONSULENT, municipalities=[gemeente])
    case = start_case("proef", municipality=gemeente, actor=consulent)
    fire(case, "bellen", consulent)
    travel.shift(timedelta(days=12))
    fire(case, "wachten", consulent)
    travel.shift(timedelta(days=2))
    fire(case, "verder", consulent)
    travel.shift(timedelta(days=1))
    fire(case, "laten_vervallen", consulent)
    assert _rows(case) == [
        ("contact", 1, date(2026, 3, 2), "stopped", "in_time"),
        ("contact", 2, date(2026, 3, 16), "stopped", "lapsed"),
        ("ronde", 1, date(2026, 3, 2), "stopped", "late"),
        ("ronde", 2, date(2026, 3, 16), "stopped", "lapsed"),
    ]
