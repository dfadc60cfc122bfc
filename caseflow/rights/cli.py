"""`flask --app caseflow rights-review --jaar 2026 [--gemeente CODE]`: the yearly review as CSV."""

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Municipality
from caseflow.rights.review import review_rows, to_csv


@click.command("rights-review")
@click.option("--jaar", "year", type=int, help="Het jaar van de herziening (standaard: dit jaar).")
@click.option("--gemeente", "code", help="Code van één gemeente, bijvoorbeeld maastricht.")
@with_appcontext
def rights_review_command(year: int | None, code: str | None) -> None:
    """Print every active account per municipality with roles, scope, last login, last rights
    change, the review of the year and attention flags."""
    query = sa.select(Municipality).order_by(Municipality.name)
    if code:
        query = query.where(Municipality.code == code)
    municipalities = list(db.session.scalars(query))
    if not municipalities:
        raise click.UsageError(f"Onbekende gemeente: {code}.")
    chosen = year or clock.today().year
    click.echo(to_csv([(m, review_rows(m, chosen)) for m in municipalities]), nl=False)
