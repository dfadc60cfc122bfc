"""`flask --app caseflow report INDICATOR`: an indicator as CSV or XLSX, for all municipalities."""

import sys
from datetime import datetime
from pathlib import Path

import click
from flask.cli import with_appcontext

from caseflow import clock
from caseflow.models import DeadlineKind
from caseflow.reports.dimensions import DIMENSIONS
from caseflow.reports.export import to_csv, to_xlsx
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period, ReportError
from caseflow.reports.registry import INDICATORS, indicator

DATE = click.DateTime(["%Y-%m-%d"])


@click.command("report")
@click.argument("code", type=click.Choice(sorted(INDICATORS)), metavar="INDICATOR")
@click.option(
    "--by", "group_by", multiple=True, type=click.Choice(list(DIMENSIONS)), help="Groeperen op."
)
@click.option("--from", "start", type=DATE, help="Eerste dag (JJJJ-MM-DD), Nederlandse tijd.")
@click.option("--to", "end", type=DATE, help="Laatste dag (JJJJ-MM-DD), die telt mee.")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in DeadlineKind]),
    default=DeadlineKind.LEGAL.value,
    show_default=True,
    help="Welke termijnen tellen: wettelijke of servicenormen.",
)
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), required=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Bestand.")
@with_appcontext
def report_command(
    code: str,
    group_by: tuple[str, ...],
    start: datetime | None,
    end: datetime | None,
    kind: str,
    fmt: str,
    output: Path | None,
) -> None:
    """Print an indicator per grouping; without --by one total row."""
    try:
        period = Period.custom(start.date() if start else None, end.date() if end else None)
        report_filter = ReportFilter(today=clock.today(), period=period, deadline_kinds=(kind,))
        result = indicator(code).run(report_filter, group_by)
    except ReportError as exc:
        raise click.UsageError(str(exc)) from None
    if fmt == "csv":
        text = to_csv(result)
        if output is None:
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
        return
    data = to_xlsx(result, [("Periode", period.label)])
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
