"""docs/workflows.md lists exactly the keys the loader accepts, written from the same tables."""

from pathlib import Path

from flask import Flask

from caseflow.workflow.keys import LEVELS
from caseflow.workflow.reference import BEGIN, END, reference_markdown, with_reference

DOCS = Path(__file__).resolve().parents[2] / "docs" / "workflows.md"


def test_the_committed_docs_carry_the_current_key_reference() -> None:
    assert reference_markdown() in DOCS.read_text(encoding="utf-8"), (
        "docs/workflows.md is behind caseflow/workflow/keys.py: "
        "run `flask --app caseflow workflow-reference --write`"
    )


def test_every_key_of_every_level_is_in_the_reference() -> None:
    reference = reference_markdown()
    for level in LEVELS:
        for key in level.keys:
            assert f"| `{key.name}` |" in reference, f"{level.path}.{key.name}"


def test_writing_the_reference_replaces_the_old_one_and_keeps_the_rest() -> None:
    old = f"# Title\n\nProse.\n\n{BEGIN}\n## Key reference\nstale\n{END}\n\nAfter.\n"
    new = with_reference(old)
    assert "stale" not in new
    assert new.startswith("# Title\n\nProse.\n\n" + BEGIN)
    assert new.endswith(END + "\n\nAfter.\n")
    assert with_reference(new) == new


def test_a_document_without_a_reference_gets_one_at_the_end() -> None:
    assert with_reference("# Title\n") == "# Title\n\n" + reference_markdown()


def test_the_command_prints_the_reference(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["workflow-reference"])
    assert result.exit_code == 0, result.output
    assert result.output == reference_markdown()
