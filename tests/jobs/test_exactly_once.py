"""Every signal and its mail exist exactly once: after a crash, a kill, or two runners at once."""

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask

from caseflow import clock
from caseflow.extensions import db
from caseflow.jobs import Job, run_job
from caseflow.models import JobRun, Signal, SignalKind
from caseflow.signals import scan, scan_deadlines
from caseflow.signals.joblock import _lock_row, holder_id, single_runner
from tests.jobs.helpers import all_signals, go_to, outbox, wmo_request
from tests.offices import Office

REPO_ROOT = Path(__file__).resolve().parents[2]

EXPECTED_KINDS = {"due_soon": 4, "overdue": 4, "escalation": 4}


@dataclass(frozen=True)
class Expected:
    signals: int = sum(EXPECTED_KINDS.values())
    mails: int = sum(EXPECTED_KINDS.values())  # consultant, consultant, team manager


def busy_office(office: Office, travel: time_machine.Traveller) -> Expected:
    """On Wednesday 18 March: four decisions overdue, four due next Monday."""
    for _ in range(4):
        wmo_request(office)  # received 2 March, due 16 March
    go_to(travel, date(2026, 3, 9))
    for _ in range(4):
        wmo_request(office)  # received 9 March, due 23 March
    go_to(travel, date(2026, 3, 18))
    db.session.close()
    return Expected()


def assert_each_once(expected: Expected) -> None:
    signals = all_signals()
    assert Counter(s.kind for s in signals) == EXPECTED_KINDS
    assert len({(s.deadline_id, s.kind, s.due_date) for s in signals}) == expected.signals
    mails = outbox()
    assert len(mails) == expected.mails
    assert len({(m.signal_id, m.user_id) for m in mails}) == expected.mails


def test_a_scan_that_crashes_between_steps_is_completed_by_the_next_run(
    app: Flask, office: Office, travel: time_machine.Traveller, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = busy_office(office, travel)
    original = scan._run_step

    def crash_before_escalating(kind: SignalKind, *args: Any) -> int:
        if kind == SignalKind.ESCALATION:
            raise ConnectionError("verbinding met de database verbroken")
        return original(kind, *args)

    monkeypatch.setattr(scan, "_run_step", crash_before_escalating)
    with pytest.raises(ConnectionError):
        scan_deadlines()
    assert Counter(s.kind for s in all_signals()) == {"due_soon": 4, "overdue": 4}

    monkeypatch.undo()
    result = scan_deadlines()
    assert result.created == {
        SignalKind.DUE_SOON: 0,
        SignalKind.OVERDUE: 0,
        SignalKind.ESCALATION: 4,
    }
    assert_each_once(expected)


def test_a_signal_is_never_kept_without_its_mail(
    app: Flask, office: Office, travel: time_machine.Traveller, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = busy_office(office, travel)
    original = scan.enqueue_mail

    def crash_after_inserting_overdue(signal_ids: list[int]) -> int:
        written = original(signal_ids)
        if db.session.scalar(sa.select(Signal.kind).where(Signal.id.in_(signal_ids))) == "overdue":
            raise MemoryError("proces afgebroken")
        return written

    monkeypatch.setattr(scan, "enqueue_mail", crash_after_inserting_overdue)
    with pytest.raises(MemoryError):
        scan_deadlines()
    assert Counter(s.kind for s in all_signals()) == {"due_soon": 4}
    assert len(outbox()) == 4

    monkeypatch.undo()
    assert scan_deadlines().total == 8
    assert_each_once(expected)


def _runner(database_url: str, go_file: Path, mode: str = "") -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.jobs.runner",
            database_url,
            clock.now().isoformat(),
            str(go_file),
            mode,
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


class Output:
    """A runner's output lines as they come, so a silent runner fails the test, not hangs it."""

    def __init__(self, runner: subprocess.Popen[str]) -> None:
        assert runner.stdout is not None
        self._stdout = runner.stdout
        self._lines: queue.Queue[str] = queue.Queue()
        self._seen: list[str] = []
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        for line in self._stdout:
            self._seen.append(line.strip())
            self._lines.put(line.strip())

    def next_line(self) -> str:
        return self._lines.get(timeout=60)

    def everything(self) -> str:
        self._thread.join(timeout=30)
        return "\n".join(self._seen)


def _created(output: str) -> int:
    return sum(int(n) for n in re.findall(r"^created (\d+) signals$", output, re.MULTILINE))


def test_a_scheduler_killed_in_the_middle_of_a_scan_loses_and_doubles_nothing(
    app: Flask, office: Office, travel: time_machine.Traveller, tmp_path: Path
) -> None:
    expected = busy_office(office, travel)
    go_file = tmp_path / "go"
    go_file.touch()
    runner = _runner(
        database_url=str(db.engine.url.render_as_string(False)), go_file=go_file, mode="stall"
    )
    output = Output(runner)
    try:
        assert output.next_line() == "ready"
        assert output.next_line() == "committed due_soon 4"
    finally:
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=30)
    assert Counter(s.kind for s in all_signals()) == {"due_soon": 4}
    db.session.close()

    rerun = app.test_cli_runner().invoke(args=["run-jobs", "--once"])
    assert rerun.exit_code == 0, rerun.output
    assert "created 8 signals" in rerun.output.splitlines()
    assert_each_once(expected)


@pytest.mark.postgres
def test_two_scheduler_processes_started_at_once_create_each_signal_once(
    app: Flask, office: Office, travel: time_machine.Traveller, tmp_path: Path
) -> None:
    expected = busy_office(office, travel)
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
    assert sum(_created(out) for out in outputs) == expected.signals
    assert_each_once(expected)


def _in_threads(app: Flask, work: Any, count: int = 2) -> list[Any]:
    start = threading.Barrier(count)
    results: list[Any] = []

    def run() -> None:
        with app.app_context():
            start.wait(timeout=10)
            try:
                results.append(work())
            except Exception as exc:
                results.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.postgres
def test_two_scans_at_the_same_moment_without_any_lock_still_create_each_signal_once(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    expected = busy_office(office, travel)
    for _ in range(3):
        results = _in_threads(app, scan_deadlines, count=3)
        assert all(not isinstance(r, Exception) for r in results), results
    assert_each_once(expected)


@pytest.mark.postgres
def test_a_second_runner_skips_a_job_while_the_first_holds_the_advisory_lock(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    expected = busy_office(office, travel)
    job = Job("deadline-scan", "Termijnen bewaken", lambda: scan_deadlines().summary)
    with single_runner("deadline-scan") as first:
        assert first
        [second] = _in_threads(app, lambda: run_job(job), count=1)
        assert second == "deadline-scan: overgeslagen, een andere runner is ermee bezig"
        assert all_signals() == []
    assert run_job(job) == "created 12 signals"
    assert_each_once(expected)


def _try_lock(name: str) -> bool:
    with _lock_row(db.engine, name) as acquired:
        return acquired


def test_the_lock_row_admits_one_runner_until_released_or_its_lease_runs_out(
    app: Flask, travel: time_machine.Traveller
) -> None:
    with _lock_row(db.engine, "mail") as first:
        assert first
        assert _in_threads(app, lambda: _try_lock("mail"), count=1) == [False]
    assert _try_lock("mail")

    with _lock_row(db.engine, "mail") as held:
        assert held
        travel.shift(timedelta(minutes=31))  # the holder hangs: its lease of 30 minutes is over
        assert _in_threads(app, lambda: _try_lock("mail"), count=1) == [True]


def test_the_lock_row_of_a_killed_process_on_this_machine_is_taken_over_at_once(
    app: Flask, travel: time_machine.Traveller
) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    host = holder_id().split(":")[0]
    db.session.add(
        JobRun(
            name="deadline-scan",
            locked_by=f"{host}:{gone.stdout.strip()}:1",
            locked_until=clock.now() + timedelta(minutes=20),
        )
    )
    db.session.commit()
    assert _try_lock("deadline-scan")
