"""Every letter kind ships a usable B1 text with its legal basis; a beschikking says how to
object; a workflow that names a letter has the fields its sending records."""

from pathlib import Path

import pytest
import yaml

from caseflow.letters.kinds import KINDS
from caseflow.letters.render import template_problem
from caseflow.letters.texts import shipped
from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.loader import load_workflow


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_ships_a_text_that_fills_in_and_names_its_basis(kind: str) -> None:
    text = shipped(kind)
    assert text.title and text.basis
    assert template_problem(text.body) is None
    assert template_problem(text.basis) is None  # a shared text names the decision's basis
    assert text.body.startswith("Beste {{ inwoner.naam }},")


@pytest.mark.parametrize("kind", sorted(k for k, v in KINDS.items() if v.decision))
def test_a_beschikking_says_until_when_and_how_to_object(kind: str) -> None:
    body = shipped(kind).body
    assert "uiterlijk op {{ bezwaar.uiterlijk }}" in body
    # After a decision on bezwaar the next step is the court, else the objection itself.
    next_step = "in beroep gaan" if kind == "beslissing_op_bezwaar" else "bezwaar maken"
    assert next_step in body


def _load(tmp_path: Path, workflows_dir: Path, name: str, drop_field: str) -> None:
    doc = yaml.safe_load((workflows_dir / f"{name}.yaml").read_text(encoding="utf-8"))
    del doc["fields"][drop_field]
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    load_workflow(path)


def test_a_letter_that_records_a_duty_needs_its_field_in_the_workflow(
    tmp_path: Path, workflows_dir: Path
) -> None:
    with pytest.raises(WorkflowDefinitionError) as refused:
        _load(tmp_path, workflows_dir, "wmo_melding", "verslag_verstrekt_op")
    assert str(refused.value) == (
        "wmo_melding.yaml: transitions.verslag_verstrekken.letter: letter "
        "'verslag_onderzoek' records 'verslag_verstrekt_op' when sent: add it as a date field"
    )
