"""Flask commands: init-db, seed-demo, check-workflows, verify-log (and, registered here, the
jobs, report, retention-list and workflow-reference commands)."""

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import with_appcontext
from flask_migrate import upgrade

from caseflow.extensions import db
from caseflow.unit_of_work import unit_of_work
from caseflow.workflow.compatibility import (
    Census,
    census_ready,
    older_versions,
    orphans,
    take_census,
)
from caseflow.workflow.registry import registry


def register_commands(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(seed_demo)
    app.cli.add_command(check_workflows)
    app.cli.add_command(verify_log)
    from caseflow.jobs import run_jobs_command, scheduler_command

    app.cli.add_command(scheduler_command)
    app.cli.add_command(run_jobs_command)
    from caseflow.reports.cli import report_command

    app.cli.add_command(report_command)
    from caseflow.retention import retention_list_command

    app.cli.add_command(retention_list_command)
    from caseflow.rights.cli import rights_review_command

    app.cli.add_command(rights_review_command)
    from caseflow.workflow.reference import workflow_reference_command

    app.cli.add_command(workflow_reference_command)
    from caseflow.permission_reference import permissions_reference_command

    app.cli.add_command(permissions_reference_command)
    from caseflow.registers.stub import registers_stub_command

    app.cli.add_command(registers_stub_command)


KIND_WORDS = {
    "legal": "wettelijk",
    "client": "wettelijk, van de inwoner",
    "service_norm": "servicenorm",
}


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Apply every migration up to the newest (creates the database when it is empty)."""
    upgrade()
    click.echo("Database is bijgewerkt tot de nieuwste migratie.")


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
@click.option("--cases", default=400, show_default=True, help="Roughly how many cases to create.")
def seed_demo(if_empty: bool, cases: int) -> None:
    """Fill the database with a demo service organisation, made through the engine."""
    from caseflow.demo import DEMO_PASSWORD, DEMO_USERS, seed
    from caseflow.models import User

    if if_empty and db.session.scalar(sa.select(sa.func.count(User.id))):
        click.echo("Demodata staat er al.")
    else:
        with unit_of_work(keep_loaded=True):
            summary = seed(case_count=cases)
        click.echo(summary)
    click.echo(f"Demo-accounts (wachtwoord '{DEMO_PASSWORD}'):")
    for username, _name, _roles, label in DEMO_USERS:
        click.echo(f"  {username:<12} {label}")


@click.command("check-workflows")
@with_appcontext
def check_workflows() -> None:
    """Validate every workflow definition and print a summary per workflow; compare them with the
    open cases and exit 1 when a change would strand open cases or running deadlines."""
    reg = registry()
    census = _census()
    for name in reg.names():
        wf = reg.get(name)
        finals = [s for s in wf.states.values() if s.final]
        deadlines = ", ".join(f"{d.code} ({KIND_WORDS[d.kind]})" for d in wf.deadlines.values())
        kept = f"{wf.retention.years} jaar" if wf.retention else "-"
        click.echo(
            f"{name:<22} {wf.label}: versie {wf.version}, {len(wf.states)} statussen "
            f"({len(finals)} eind), {len({t.trigger for t in wf.transitions})} acties, "
            f"termijnen: {deadlines or '-'}, bewaartermijn: {kept}"
        )
        older = older_versions(wf, census) if census else 0
        if older:
            cases = "1 open zaak loopt" if older == 1 else f"{older} open zaken lopen"
            click.echo(f"{'':<22} {cases} onder een oudere versie")
    problems = orphans(reg.workflows, census) if census else []
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo("Geweigerd: open zaken of lopende termijnen zouden vastlopen.", err=True)
        raise SystemExit(1)
    if census is None:
        click.echo("De database heeft nog geen tabellen: niet met open zaken vergeleken.", err=True)
    click.echo(f"{len(reg.names())} workflows geldig.")


def _census() -> Census | None:
    try:
        return take_census() if census_ready() else None
    except sa.exc.OperationalError as exc:
        click.echo(
            f"Database niet bereikbaar, niet met open zaken vergeleken: {exc.orig}", err=True
        )
        raise SystemExit(1) from exc


@click.command("verify-log")
@with_appcontext
def verify_log() -> None:
    """Check the hash chains of the processing log and the rights log; exit 1 naming the first
    altered row."""
    from caseflow import access_log
    from caseflow.rights import log as rights_log

    broken = False
    for name, verify in (("Verwerkingenlog", access_log.verify), ("Rechtenlog", rights_log.verify)):
        result = verify()
        if result.broken_at is not None:
            click.echo(f"{name} is gewijzigd: regel {result.broken_at} klopt niet.")
            broken = True
        else:
            click.echo(f"{name} is intact ({result.rows} regels).")
    if broken:
        raise SystemExit(1)
