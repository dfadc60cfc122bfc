"""Retention: the closed cases whose period, set per case type in its workflow, has passed.

A case is due for destruction when its workflow has a `retention` and the full number of years has
passed since the (Amsterdam) day it closed: closed on 5 March 2019 and kept 7 years, it is due from
6 March 2026. A decision that granted provisions or a benefit is kept from the day the last of them
ends, when that is later: the file is needed while what it granted runs. The engine stores that
first day on the case when it closes (`destroy_from`), and again when the last thing it granted
ends, so a later change of the workflow's period does not reclassify files already closed; cases
closed before that date was stored follow their workflow as it is now. The list is one SQL query;
the daily job only counts it, destruction is a decision of the privacy officer
(caseflow.destruction).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import click
import sqlalchemy as sa
from flask.cli import with_appcontext
from sqlalchemy.sql.elements import ColumnElement

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Benefit, Case, Municipality, Provision
from caseflow.workflow.registry import registry


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier; 29 February falls on 1 March."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 3, 1)


def cutoffs(today: date | None = None) -> dict[str, datetime]:
    """Per case type with a retention: cases closed before this moment are due."""
    today = today or clock.today()
    return {
        name: datetime.combine(years_before(today, wf.retention.years), time(), clock.LOCAL_TZ)
        for name, wf in registry().workflows.items()
        if wf.retention is not None
    }


def anniversary_after(day: date, years: int) -> date:
    """The day after the same calendar day `years` later (29 February: 1 March)."""
    try:
        return day.replace(year=day.year + years) + timedelta(days=1)
    except ValueError:  # 29 February; the anniversary is 28 February
        return date(day.year + years, 3, 1)


def granted_ends(case_id: int) -> list[date | None]:
    """The last days of the provisions and benefits `case` granted (None: still open-ended)."""
    ends = sa.union_all(
        sa.select(Provision.end_date.label("end")).where(Provision.case_id == case_id),
        sa.select(Benefit.end_date.label("end")).where(Benefit.case_id == case_id),
    ).subquery()
    return list(db.session.scalars(sa.select(ends.c.end)))


def destroy_from(case: Case, closed_on: date) -> date | None:
    """The first day the closed `case` may be destroyed: counted from the day it closed, or from
    the end of the last provision or benefit it granted when that is later. None for a type kept
    for ever, and while something it granted runs without an end."""
    workflow = registry().get(case.case_type)
    retention = workflow.retention
    writes = workflow.provisions is not None or workflow.benefit is not None
    # The effects flushed what they granted; flushing the closing case here would write its row
    # twice in one step.
    with db.session.no_autoflush:
        ends = granted_ends(case.id) if writes else []
    if retention is None or any(end is None for end in ends):
        return None
    return anniversary_after(max([closed_on, *(e for e in ends if e is not None)]), retention.years)


def _granted_something() -> ColumnElement[bool]:
    return sa.or_(
        sa.select(Provision.id).where(Provision.case_id == Case.id).exists(),
        sa.select(Benefit.id).where(Benefit.case_id == Case.id).exists(),
    )


def due_clause(today: date | None = None) -> ColumnElement[bool]:
    """A WHERE clause: closed, not yet destroyed, and past its stored first day of destruction,
    or, closed before that day was stored, past the retention of its case type."""
    today = today or clock.today()
    per_type = [
        sa.and_(Case.case_type == name, Case.closed_at < cutoff)
        for name, cutoff in sorted(cutoffs(today).items())
    ]
    stored = sa.and_(Case.destroy_from.is_not(None), Case.destroy_from <= today)
    unstored = sa.and_(Case.destroy_from.is_(None), sa.or_(*per_type), ~_granted_something())
    due = sa.or_(stored, unstored) if per_type else stored
    return sa.and_(Case.destroyed_at.is_(None), Case.closed_at.is_not(None), due)


def is_due(case: Case, today: date | None = None) -> bool:
    return (
        db.session.scalar(sa.select(Case.id).where(Case.id == case.id, due_clause(today)))
        is not None
    )


def due_since(case: Case) -> date | None:
    """The first day `case` could be destroyed, or None when its type is kept for ever or what
    it granted still runs."""
    if case.destroy_from is not None or case.closed_at is None:
        return case.destroy_from
    retention = registry().get(case.case_type).retention
    if retention is None or granted_ends(case.id):
        return None
    return anniversary_after(clock.local_date(case.closed_at), retention.years)


@dataclass(frozen=True)
class DueCount:
    municipality: Municipality
    cases: int


def due_counts(municipality_ids: list[int] | None = None) -> list[DueCount]:
    """Cases due for destruction per municipality (all when `municipality_ids` is None)."""
    query = (
        sa.select(Case.municipality_id, sa.func.count(Case.id))
        .where(due_clause())
        .group_by(Case.municipality_id)
    )
    if municipality_ids is not None:
        query = query.where(Case.municipality_id.in_(municipality_ids))
    counts: dict[int, int] = {mid: n for mid, n in db.session.execute(query)}
    if not counts:
        return []
    municipalities = db.session.scalars(
        sa.select(Municipality).where(Municipality.id.in_(counts)).order_by(Municipality.name)
    )
    return [DueCount(m, counts[m.id]) for m in municipalities]


def summary(counts: list[DueCount]) -> str:
    total = sum(c.cases for c in counts)
    if not total:
        return "geen zaken over de bewaartermijn"
    parts = ", ".join(f"{c.municipality.name} {c.cases}" for c in counts)
    return f"{total} {'zaak' if total == 1 else 'zaken'} over de bewaartermijn ({parts})"


def retention_scan() -> str:
    """The scheduled job: count what is due per municipality; its summary is kept with the run
    (job_runs.last_summary) and shown on the privacy officer's page."""
    return summary(due_counts())


@click.command("retention-list")
@click.option("--gemeente", default=None, help="Only this municipality (its code).")
@with_appcontext
def retention_list_command(gemeente: str | None) -> None:
    """List the closed cases whose retention period has passed (no personal data)."""
    query = sa.select(Case).where(due_clause()).order_by(Case.closed_at, Case.id)
    if gemeente is not None:
        municipality = db.session.scalar(
            sa.select(Municipality).where(Municipality.code == gemeente)
        )
        if municipality is None:
            raise click.UsageError(f"Onbekende gemeente '{gemeente}'.")
        query = query.where(Case.municipality_id == municipality.id)
    count = 0
    for case in db.session.scalars(query.execution_options(yield_per=500)):
        count += 1
        workflow = registry().get(case.case_type)
        assert case.closed_at is not None and workflow.retention is not None
        click.echo(
            f"{case.reference}  {case.municipality.name:<24} {workflow.label:<40} "
            f"gesloten {clock.local_date(case.closed_at):%d-%m-%Y}, "
            f"bewaartermijn {workflow.retention.years} jaar, te vernietigen vanaf "
            f"{due_since(case):%d-%m-%Y}"
        )
    click.echo(f"{count} {'zaak' if count == 1 else 'zaken'} over de bewaartermijn.")
