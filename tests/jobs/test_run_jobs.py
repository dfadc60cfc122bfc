"""run-jobs --once, the scheduler process and the daily worklist snapshot."""

import re
import time
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
import time_machine
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

from caseflow import clock, jobs
from caseflow.demo import seed
from caseflow.extensions import db
from caseflow.jobs import build_scheduler, scheduled_jobs
from caseflow.models import JobRun, Signal, WorklistSnapshot
from caseflow.signals import take_snapshot
from caseflow.unit_of_work import unit_of_work
from caseflow.workflow.engine import fire
from tests.jobs.helpers import go_to, wmo_request
from tests.offices import Office


def test_run_jobs_once_on_fresh_demo_data_creates_signals_and_a_rerun_creates_none(
    app: Flask, travel: time_machine.Traveller
) -> None:
    with unit_of_work(keep_loaded=True):
        seed(case_count=60)
    runner = app.test_cli_runner()

    first = runner.invoke(args=["run-jobs", "--once"])
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert len(lines) == 8  # one summary line per job
    assert re.fullmatch(r"created \d+ plan reminders", lines[1])
    created = re.fullmatch(r"created (\d+) signals", lines[0])
    assert created is not None and int(created.group(1)) > 0
    assert db.session.scalar(sa.select(sa.func.count(Signal.id))) == int(created.group(1))

    second = runner.invoke(args=["run-jobs", "--once"])
    assert second.exit_code == 0, second.output
    assert second.output.splitlines()[0] == "created 0 signals"


def test_run_jobs_without_once_explains_itself(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["run-jobs"])
    assert result.exit_code != 0
    assert "--once" in result.output


def test_each_run_is_recorded_so_a_restarted_scheduler_knows_what_it_missed(
    app: Flask, travel: time_machine.Traveller
) -> None:
    assert app.test_cli_runner().invoke(args=["run-jobs", "--once"]).exit_code == 0
    runs = {r.name: r for r in db.session.scalars(sa.select(JobRun))}
    assert set(runs) == {
        "deadline-scan",
        "plan-reminders",
        "worklist-snapshot",
        "herindicatie-scan",
        "retention-list",
        "safety-flags",
        "survey-invitations",
        "mail",
    }
    assert runs["deadline-scan"].last_finished_at == clock.now()
    assert runs["deadline-scan"].last_summary == "created 0 signals"
    assert all(r.locked_by is None for r in runs.values())


def test_after_downtime_each_missed_job_runs_once_at_start(
    app: Flask, travel: time_machine.Traveller
) -> None:
    now = clock.now()
    db.session.add_all(
        [
            JobRun(name="deadline-scan", last_finished_at=now - timedelta(hours=7)),
            JobRun(name="mail", last_finished_at=now - timedelta(minutes=2)),
        ]
    )
    db.session.commit()
    scheduler = build_scheduler(app, BackgroundScheduler())
    planned = {job.id: job for job in scheduler.get_jobs()}
    assert set(planned) == {
        "deadline-scan",
        "plan-reminders",
        "worklist-snapshot",
        "herindicatie-scan",
        "retention-list",
        "safety-flags",
        "survey-invitations",
        "mail",
    }
    # Seven hours without a scan: one run now, not 28 runs for the missed quarters.
    assert planned["deadline-scan"].next_run_time == now
    assert planned["worklist-snapshot"].next_run_time == now  # never ran
    assert not hasattr(planned["mail"], "next_run_time")  # its trigger decides: in 5 minutes
    for job in planned.values():
        assert job.coalesce is True
        assert job.max_instances == 1


@pytest.mark.parametrize(
    ("finished", "now", "missed"),
    [
        # ran yesterday after 06:00; now 05:40, before today's run: nothing missed
        (datetime(2026, 3, 1, 5, 30, tzinfo=UTC), datetime(2026, 3, 2, 4, 40, tzinfo=UTC), False),
        # ran yesterday after 06:00; now 06:30: today's run was missed
        (datetime(2026, 3, 1, 5, 30, tzinfo=UTC), datetime(2026, 3, 2, 5, 30, tzinfo=UTC), True),
        # last ran the day before yesterday: yesterday's run was missed
        (datetime(2026, 2, 28, 5, 30, tzinfo=UTC), datetime(2026, 3, 2, 4, 40, tzinfo=UTC), True),
    ],
)
def test_the_daily_snapshot_counts_as_missed_only_after_its_time_has_passed(
    app: Flask, finished: datetime, now: datetime, missed: bool
) -> None:
    snapshot = next(j for j in scheduled_jobs(app.config) if j.name == "worklist-snapshot")
    assert snapshot.missed(finished, now) is missed  # 06:00 in Amsterdam is 05:00 UTC in March


def test_a_started_scheduler_coalesces_a_backlog_of_missed_runs_into_one(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    scans: list[datetime] = []

    class CountingScan:
        summary = "created 0 signals"

    def counting_scan() -> CountingScan:
        scans.append(clock.now())
        return CountingScan()

    monkeypatch.setattr(jobs, "scan_deadlines", counting_scan)
    scheduler = build_scheduler(app, BackgroundScheduler())
    scheduler.modify_job("deadline-scan", next_run_time=clock.now() - timedelta(minutes=50))
    scheduler.start()
    try:
        waited = time.monotonic()
        while not scans and time.monotonic() - waited < 10:
            time.sleep(0.05)
        time.sleep(0.5)
    finally:
        scheduler.shutdown(wait=True)
    assert len(scans) == 1  # three missed quarters and the current one: one run


def test_the_snapshot_counts_open_overdue_and_due_soon_cases_once_a_day(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    wmo_request(office)  # due 16 March: overdue on the 18th
    go_to(travel, date(2026, 3, 9))
    wmo_request(office)  # due 23 March: due soon on the 18th
    go_to(travel, date(2026, 3, 17))
    wmo_request(office)  # due 31 March: nothing yet
    closed = wmo_request(office)
    fire(closed, "intrekken", office.consulent, {"reden": "Dubbel ingediend"})
    go_to(travel, date(2026, 3, 18))

    assert take_snapshot() == "werkvoorraad 18-03-2026: 1 regel(s) vastgelegd"
    [row] = db.session.scalars(sa.select(WorklistSnapshot)).all()
    assert (row.team_id, row.municipality_id) == (office.team.id, office.gemeente.id)
    assert (row.open_count, row.overdue_count, row.due_soon_count) == (3, 1, 1)

    assert take_snapshot() == "werkvoorraad 18-03-2026: stond er al"
    go_to(travel, date(2026, 3, 19))
    take_snapshot()
    dates = db.session.scalars(sa.select(WorklistSnapshot.snapshot_date)).all()
    assert sorted(dates) == [date(2026, 3, 18), date(2026, 3, 19)]
