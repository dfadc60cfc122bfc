"""The key reference in docs/workflows.md, written from the loader's own key tables so the
documentation names exactly the keys the loader accepts, no more and no fewer."""

import click

from caseflow.bundled import PACKAGE_DIR
from caseflow.doc_sections import with_section, write_section
from caseflow.workflow.keys import LEVELS, Level

# Only a checkout has the docs; an installed caseflow can still print the reference.
DOCUMENT = PACKAGE_DIR.parent / "docs" / "workflows.md"
BEGIN = (
    "<!-- key reference: written from caseflow/workflow/keys.py by "
    "`flask --app caseflow workflow-reference --write`; edit the keys there, not here -->"
)
END = "<!-- end of key reference -->"


def reference_markdown() -> str:
    """The key reference, between its markers, one table per level of the file."""
    parts = [BEGIN, "## Key reference", ""]
    parts += [
        "Every key the loader accepts, per place in the file. `<name>` and `<code>` stand for "
        "names the file chooses; `transitions[]` is each item of the list of transitions.",
        "",
    ]
    for level in LEVELS:
        parts += _table(level)
    parts.append(END)
    return "\n".join(parts) + "\n"


def with_reference(document: str) -> str:
    """`document` with its key reference replaced by the current one (appended when absent)."""
    return with_section(document, BEGIN, END, reference_markdown())


def _table(level: Level) -> list[str]:
    title = "The top level" if level.path == "(top)" else f"`{level.path}`"
    rows = [f"| `{k.name}` | {'yes' if k.required else ''} | {k.description} |" for k in level.keys]
    return [f"### {title}", "", "| key | required | meaning |", "|---|---|---|", *rows, ""]


@click.command("workflow-reference")
@click.option("--write", is_flag=True, help="Replace the key reference in docs/workflows.md.")
def workflow_reference_command(write: bool) -> None:
    """Print the key reference of the workflow format, or write it into docs/workflows.md."""
    if not write:
        click.echo(reference_markdown(), nl=False)
        return
    write_section(DOCUMENT, BEGIN, END, reference_markdown())
