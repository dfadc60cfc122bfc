"""Scheduled jobs: thin wrappers around caseflow.signals, each run by one runner at a time.

`flask scheduler` runs them continuously; `flask run-jobs --once` runs each once (cron, tests).
Every job is idempotent, so a second scheduler, a rerun or a run after a crash doubles nothing.
"""

import logging
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, cast

import click
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from apscheduler.util import undefined
from flask import Flask, current_app
from flask.cli import with_appcontext

from caseflow import clock, unit_of_work
from caseflow.provisions.herindicatie import herindicatie_scan
from caseflow.retention import retention_scan
from caseflow.safety import expire_flags
from caseflow.signals import scan_deadlines, scan_plan_reminders, send_pending_mail, take_snapshot
from caseflow.signals.joblock import last_finished, mark_finished, mark_started, single_runner
from caseflow.survey.invitations import invite_closed_cases

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    work: Callable[[], str]
    every: timedelta | None = None
    daily_at: time | None = None

    def trigger(self) -> IntervalTrigger | CronTrigger:
        if self.every is not None:
            return IntervalTrigger(seconds=int(self.every.total_seconds()), timezone=clock.LOCAL_TZ)
        at = self.daily_at or time(6, 0)
        return CronTrigger(hour=at.hour, minute=at.minute, timezone=clock.LOCAL_TZ)

    def missed(self, finished: datetime | None, now: datetime) -> bool:
        """Whether a run fell due while no scheduler ran: it then runs once, right at start."""
        if finished is None:
            return True
        if self.every is not None:
            return finished <= now - self.every
        local_now = clock.to_local(now)
        last_due = datetime.combine(local_now.date(), self.daily_at or time(6, 0), clock.LOCAL_TZ)
        if local_now < last_due:
            last_due -= timedelta(days=1)
        return finished < last_due


def deadline_scan() -> str:
    return scan_deadlines().summary


def survey_invitations() -> str:
    """Cases closed in the last week: a rerun or a missed day invites nobody twice."""
    now = clock.now()
    with unit_of_work.unit_of_work():
        made = invite_closed_cases(now - timedelta(days=7), now)
    return f"{made} uitnodiging(en) voor de cliëntwaardering"


def plan_reminder_scan() -> str:
    return f"created {scan_plan_reminders()} plan reminders"


def scheduled_jobs(config: Mapping[str, Any]) -> tuple[Job, ...]:
    """The jobs in the order run-jobs runs them: the scan first, so its mail goes out at once."""
    return (
        Job(
            "deadline-scan",
            "Termijnen bewaken en signalen maken",
            deadline_scan,
            every=timedelta(minutes=int(config.get("SIGNAL_SCAN_MINUTES", 15))),
        ),
        Job(
            "plan-reminders",
            "Evaluaties en acties van gezinsplannen bewaken",
            plan_reminder_scan,
            every=timedelta(minutes=int(config.get("PLAN_REMINDER_MINUTES", 60))),
        ),
        Job(
            "worklist-snapshot",
            "Werkvoorraad per team en gemeente vastleggen",
            take_snapshot,
            daily_at=time.fromisoformat(str(config.get("SNAPSHOT_AT", "06:00"))),
        ),
        Job(
            "herindicatie-scan",
            "Voorzieningen die binnenkort eindigen signaleren voor herindicatie",
            herindicatie_scan,
            daily_at=time.fromisoformat(str(config.get("HERINDICATIE_SCAN_AT", "06:15"))),
        ),
        Job(
            "retention-list",
            "Zaken over de bewaartermijn tellen voor de privacyfunctionaris",
            retention_scan,
            daily_at=time.fromisoformat(str(config.get("RETENTION_LIST_AT", "05:30"))),
        ),
        Job(
            "safety-flags",
            "Veiligheidsmarkeringen na hun herziendatum beëindigen",
            expire_flags,
            daily_at=time.fromisoformat(str(config.get("SAFETY_FLAGS_AT", "05:45"))),
        ),
        Job(
            "survey-invitations",
            "Cliënten na een besluit of gezinsplan uitnodigen voor de cliëntwaardering",
            survey_invitations,
            daily_at=time.fromisoformat(str(config.get("SURVEY_INVITATIONS_AT", "07:00"))),
        ),
        Job(
            "mail",
            "Mail uit de outbox versturen",
            send_pending_mail,
            every=timedelta(minutes=int(config.get("MAIL_SEND_MINUTES", 5))),
        ),
    )


def run_job(job: Job) -> str:
    """Run `job` now unless another runner is at it; return its summary line."""
    with single_runner(job.name) as mine:
        if not mine:
            return f"{job.name}: overgeslagen, een andere runner is ermee bezig"
        mark_started(job.name)
        summary = job.work()
        mark_finished(job.name, summary)
        return summary


def _scheduled(app: Flask, job: Job) -> None:
    with app.app_context():
        try:
            log.info("%s: %s", job.name, run_job(job))
        except Exception:
            log.exception("%s is mislukt; de volgende run probeert het opnieuw", job.name)


def build_scheduler(app: Flask, scheduler: BaseScheduler | None = None) -> BaseScheduler:
    """A scheduler with every job: missed runs coalesce into one, and a job that fell due while
    no scheduler ran (the last run is in the database) runs once right at start."""
    scheduler = scheduler if scheduler is not None else BlockingScheduler()
    scheduler.configure(timezone=clock.LOCAL_TZ)
    grace = int(app.config.get("JOB_MISFIRE_GRACE_SECONDS", 3600))
    with app.app_context():
        finished = last_finished()
    now = clock.now()
    for job in scheduled_jobs(app.config):
        scheduler.add_job(
            _scheduled,
            job.trigger(),
            args=(app, job),
            id=job.name,
            name=job.description,
            next_run_time=now if job.missed(finished.get(job.name), now) else undefined,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=grace,
            replace_existing=True,
        )
    return scheduler


@click.command("run-jobs")
@click.option("--once", is_flag=True, help="Run every job once now (for cron and tests).")
@with_appcontext
def run_jobs_command(once: bool) -> None:
    """Run every scheduled job once and print one summary line per job."""
    if not once:
        raise click.UsageError(
            "Gebruik --once om elke taak één keer te draaien; "
            "'flask --app caseflow scheduler' plant ze doorlopend."
        )
    failed = False
    for job in scheduled_jobs(current_app.config):
        try:
            click.echo(run_job(job))
        except Exception as exc:
            unit_of_work.rollback()
            failed = True
            click.echo(f"{job.name} is mislukt: {exc}", err=True)
    if failed:
        raise SystemExit(1)


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Run the scheduled jobs continuously until stopped (Ctrl+C or SIGTERM)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    app = cast(Any, current_app)._get_current_object()
    scheduler = build_scheduler(app)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    click.echo(
        "Planner gestart (termijnen, gezinsplannen, werkvoorraad, herindicaties, "
        "bewaartermijnen, mail); "
        "stoppen met Ctrl+C."
    )
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        if scheduler.running:
            scheduler.shutdown(wait=False)
    click.echo("Planner gestopt.")
