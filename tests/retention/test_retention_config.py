"""The retention period of a case type comes from its workflow file, checked like every key."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask

from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.loader import load_directory


def _write(tmp_path: Path, workflows_dir: Path, retention: Any) -> Path:
    doc = yaml.safe_load((workflows_dir / "wmo_aanvraag.yaml").read_text(encoding="utf-8"))
    if retention is None:
        doc.pop("retention")
    else:
        doc["retention"] = retention
    (tmp_path / "wmo_aanvraag.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return tmp_path


def test_every_shipped_workflow_says_how_long_its_cases_are_kept(workflows_dir: Path) -> None:
    workflows = load_directory(workflows_dir)
    kept = {name: wf.retention.years for name, wf in workflows.items() if wf.retention}
    assert kept == {
        "vraagverheldering": 2,
        "gebiedsteam": 7,
        "gezinsplan": 7,
        "wmo_melding": 7,
        "wmo_aanvraag": 10,
        "pw_aanvraag": 10,
        "bijzondere_bijstand": 7,
        "jeugd": 20,
        "schuldhulp": 7,
        "bezwaar": 10,
        "ioaw": 10,
        "ioaz": 10,
        "bbz": 10,
        "klacht": 5,
        "beroep": 10,
    }
    assert all(wf.retention and wf.retention.basis for wf in workflows.values())


def test_the_period_is_read_from_the_file(tmp_path: Path, workflows_dir: Path) -> None:
    directory = _write(tmp_path, workflows_dir, {"years": 12, "basis": "Eigen archiefbeleid"})
    retention = load_directory(directory)["wmo_aanvraag"].retention
    assert retention is not None
    assert (retention.years, retention.basis) == (12, "Eigen archiefbeleid")


def test_a_workflow_without_retention_loads_and_is_never_due(
    tmp_path: Path, workflows_dir: Path
) -> None:
    assert load_directory(_write(tmp_path, workflows_dir, None))["wmo_aanvraag"].retention is None


@pytest.mark.parametrize(
    ("retention", "message"),
    [
        (
            {"years": 0, "basis": "x"},
            "wmo_aanvraag.yaml: retention.years: expected a whole number >= 1",
        ),
        (
            {"years": "7", "basis": "x"},
            "wmo_aanvraag.yaml: retention.years: expected a whole number",
        ),
        ({"years": 7}, "wmo_aanvraag.yaml: retention.basis: missing required key"),
        (
            {"years": 7, "basis": ""},
            "wmo_aanvraag.yaml: retention.basis: expected a non-empty string",
        ),
        (
            {"years": 7, "basis": "x", "from": "opened"},
            "wmo_aanvraag.yaml: retention.from: unknown key",
        ),
        (7, "wmo_aanvraag.yaml: retention: expected a mapping"),
    ],
)
def test_a_broken_retention_names_file_and_key(
    tmp_path: Path, workflows_dir: Path, retention: Any, message: str
) -> None:
    with pytest.raises(WorkflowDefinitionError) as info:
        load_directory(_write(tmp_path, workflows_dir, retention))
    assert message in str(info.value)


def test_check_workflows_shows_the_retention(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["check-workflows"])
    assert result.exit_code == 0, result.output
    line = next(row for row in result.output.splitlines() if row.startswith("jeugd "))
    assert line.endswith("bewaartermijn: 20 jaar")
