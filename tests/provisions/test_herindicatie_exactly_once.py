"""Two scheduler processes at once on PostgreSQL: each provision's herindicatie exists once."""

import re
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask

from caseflow.extensions import db
from caseflow.models import Herindicatie
from caseflow.provisions.herindicatie import scan_herindicaties
from tests.jobs.test_exactly_once import Output, _in_threads, _runner
from tests.offices import Office
from tests.provisions.helpers import Catalogue, decide, provisions, ready_to_decide, row

ENDING = 6  # provisions that end within the lead time


def _signals_created(output: str) -> int:
    found = re.findall(r"^created (\d+) herindicatie signals$", output, re.MULTILINE)
    return sum(int(n) for n in found)


def _busy(office: Office, catalogue: Catalogue) -> None:
    """Three decisions of two products each ending in April, and one running a year."""
    for number in range(3):
        case = ready_to_decide(office)
        decide(
            case,
            [
                row(catalogue.household, "3", "2026-03-02", f"2026-04-{10 + number}"),
                row(catalogue.guidance, "2", "2026-03-02", f"2026-04-{20 + number}"),
            ],
        )
    decide(ready_to_decide(office), [row(catalogue.household, "4", "2026-03-02", "2027-03-01")])
    db.session.close()


def _each_once() -> None:
    db.session.expire_all()
    rows = list(db.session.scalars(sa.select(Herindicatie)))
    assert len(rows) == ENDING
    assert Counter((h.provision_id, h.due_on) for h in rows).most_common(1)[0][1] == 1
    assert {h.provision_id for h in rows} == {
        p.id for p in provisions() if p.end_date and p.end_date.year == 2026
    }


@pytest.mark.postgres
def test_two_scheduler_processes_started_at_once_signal_each_provision_once(
    app: Flask,
    office: Office,
    catalogue: Catalogue,
    travel: time_machine.Traveller,
    tmp_path: Path,
) -> None:
    _busy(office, catalogue)
    go_file = tmp_path / "go"
    url = db.engine.url.render_as_string(False)
    runners = [_runner(url, go_file), _runner(url, go_file)]
    outputs = []
    try:
        streams = [Output(runner) for runner in runners]
        for stream in streams:
            assert stream.next_line() == "ready"
        go_file.touch()
        for runner, stream in zip(runners, streams, strict=True):
            assert runner.wait(timeout=60) == 0
            outputs.append(stream.everything())
    finally:
        for runner in runners:
            if runner.poll() is None:
                runner.kill()
    assert sum(_signals_created(out) for out in outputs) == ENDING
    _each_once()


@pytest.mark.postgres
def test_three_scans_at_the_same_moment_without_any_lock_still_signal_each_once(
    app: Flask, office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    _busy(office, catalogue)
    for _ in range(3):
        results = _in_threads(app, scan_herindicaties, count=3)
        assert all(not isinstance(r, Exception) for r in results), results
    _each_once()


def test_a_scan_on_sqlite_or_postgresql_reruns_without_doubling(
    office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    _busy(office, catalogue)
    assert scan_herindicaties() == ENDING
    assert scan_herindicaties() == 0
    _each_once()
