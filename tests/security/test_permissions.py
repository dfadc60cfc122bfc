"""Rights are named permissions in one table, and docs/security.md shows that table."""

from pathlib import Path

from flask import Flask

from caseflow.models import Role
from caseflow.permission_reference import permissions_markdown
from caseflow.permissions import ALL, permissions_of

DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def test_the_committed_docs_carry_the_current_permissions() -> None:
    assert permissions_markdown() in DOCS.read_text(encoding="utf-8"), (
        "docs/security.md is behind caseflow/permissions.py: "
        "run `flask --app caseflow permissions-reference --write`"
    )


def test_every_permission_has_a_unique_name_and_some_role() -> None:
    assert len({p.name for p in ALL}) == len(ALL)
    assert all(p.roles and p.description for p in ALL)


def test_the_municipality_reader_only_reads_reports() -> None:
    names = {p.name for p in permissions_of(frozenset({Role.GEMEENTE}))}
    assert names == {"rapportages_lezen", "gemeente_rapportages_lezen"}


def test_the_command_prints_the_table(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["permissions-reference"])
    assert result.exit_code == 0, result.output
    assert result.output == permissions_markdown()
