"""A definition's version is a checksum of its content; each case keeps the one it began under."""

from pathlib import Path

import yaml
from flask import Flask

from caseflow.workflow.engine import start_case
from caseflow.workflow.loader import load_workflow
from caseflow.workflow.registry import registry
from tests.factories import Factory


def test_a_case_remembers_the_version_it_started_under(app: Flask, factory: Factory) -> None:
    case = start_case("wmo_aanvraag", municipality=factory.municipality(), actor=None)
    assert case.definition_version == registry().get("wmo_aanvraag").version
    assert len(case.definition_version or "") == 12


def test_comments_and_layout_keep_the_version_and_content_changes_it(
    tmp_path: Path, workflows_dir: Path
) -> None:
    original = workflows_dir / "wmo_aanvraag.yaml"
    doc = yaml.safe_load(original.read_text(encoding="utf-8"))
    copy = tmp_path / "wmo_aanvraag.yaml"
    copy.write_text("# reformatted\n" + yaml.safe_dump(doc, width=200), encoding="utf-8")
    assert load_workflow(copy).version == load_workflow(original).version

    doc["states"]["ontvangen"]["label"] = "Aanvraag binnen"
    copy.write_text(yaml.safe_dump(doc), encoding="utf-8")
    assert load_workflow(copy).version != load_workflow(original).version
