"""Sections of the docs written from the code's own tables, between two marker comments, so a
document names exactly what the code does; the rest of the document is prose and stays."""

from pathlib import Path

import click


def with_section(document: str, begin: str, end: str, section: str) -> str:
    """`document` with the text from `begin` to `end` replaced by `section` (which carries both
    markers); appended when the document has none yet."""
    start, stop = document.find(begin), document.find(end)
    if start == -1 or stop == -1:
        return document.rstrip("\n") + "\n\n" + section
    rest = document[stop + len(end) :].removeprefix("\n")
    return document[:start] + section + rest


def write_section(document: Path, begin: str, end: str, section: str) -> None:
    """Write `section` into `document` of a checkout (an installed caseflow has no docs)."""
    if not document.is_file():
        raise click.ClickException(f"{document} bestaat niet: --write werkt in een checkout.")
    text = document.read_text(encoding="utf-8")
    document.write_text(with_section(text, begin, end, section), encoding="utf-8")
    click.echo(f"{document} bijgewerkt.")
