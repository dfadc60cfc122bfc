"""The table of named permissions in docs/security.md, written from caseflow/permissions.py so
the documented access model is the one the code enforces."""

import click

from caseflow.bundled import PACKAGE_DIR
from caseflow.doc_sections import write_section
from caseflow.models.organisation import Role
from caseflow.permissions import ALL

DOCUMENT = PACKAGE_DIR.parent / "docs" / "security.md"
BEGIN = (
    "<!-- permissions: written from caseflow/permissions.py by "
    "`flask --app caseflow permissions-reference --write`; edit the permissions there -->"
)
END = "<!-- end of permissions -->"


def permissions_markdown() -> str:
    rows = [
        f"| `{p.name}` | {p.description} | {', '.join(r.value for r in Role if r in p.roles)} |"
        for p in ALL
    ]
    table = ["| permission | what it allows | roles |", "|---|---|---|", *rows]
    return "\n".join([BEGIN, *table, END]) + "\n"


@click.command("permissions-reference")
@click.option("--write", is_flag=True, help="Replace the permissions table in docs/security.md.")
def permissions_reference_command(write: bool) -> None:
    """Print the named permissions and their roles, or write them into docs/security.md."""
    if not write:
        click.echo(permissions_markdown(), nl=False)
        return
    write_section(DOCUMENT, BEGIN, END, permissions_markdown())
