"""The keys of the melding, titles, regulated terms, decisions and date defaults, validated at
load with the file and the key named."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.loader import load_workflow

Change = Callable[[dict[str, Any]], None]


def _load(tmp_path: Path, workflows_dir: Path, name: str, change: Change) -> None:
    doc = yaml.safe_load((workflows_dir / f"{name}.yaml").read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    load_workflow(path)


def _regulate(doc: dict[str, Any], **override: Any) -> None:
    doc["municipalities"]["eijsden-margraten"]["deadlines"]["toelating"] = override


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "wmo_aanvraag",
            lambda d: d["deadlines"]["eerste_contact"].update(
                label="Eerste contact binnen 5 werkdagen"
            ),
            "wmo_aanvraag.yaml: deadlines.eerste_contact.label: no numbers or other braces",
        ),
        (
            "wmo_aanvraag",
            lambda d: d["deadlines"]["eerste_contact"].update(label="{termijn}, {termijn}"),
            "deadlines.eerste_contact.label: write {termijn} once, where the length goes",
        ),
        (
            "wmo_melding",
            lambda d: d["deadlines"]["onderzoek"].update(starts={"from": "aanvraag"}),
            "wmo_melding.yaml: deadlines.onderzoek.starts.from: expected melding or a date field: "
            "melding, gesprek_op",
        ),
        (
            "wmo_melding",
            lambda d: d["deadlines"]["onderzoek"].update(
                starts={"on_enter": "onderzoek", "on_trigger": "spoed_melden"}
            ),
            "deadlines.onderzoek.starts: give one of on_enter or on_trigger, and/or from",
        ),
        (
            "schuldhulp",
            lambda d: _regulate(d, length={"weeks": 4}),
            "municipalities.eijsden-margraten.deadlines.toelating.basis: name the regulation",
        ),
        (
            "schuldhulp",
            lambda d: _regulate(d, basis="Verordening", warning_working_days=2),
            "deadlines.toelating.basis: only the regulation that sets a legal term's length",
        ),
        (
            "schuldhulp",
            lambda d: d["deadlines"]["toelating"].update(municipal_regulation=False),
            "deadlines.toelating.length: a legal term is set by law, not per municipality",
        ),
        (
            "schuldhulp",
            lambda d: d["deadlines"]["eerste_gesprek"].update(
                kind="service_norm", municipal_regulation=True
            ),
            "deadlines.eerste_gesprek.municipal_regulation: only a legal term is set by a "
            "regulation",
        ),
        (
            "schuldhulp",
            lambda d: d["transitions"][2].update(decision={}),
            "schuldhulp.yaml: transitions.toelaten.decision.basis: missing required key",
        ),
        (
            "schuldhulp",
            lambda d: d["transitions"][2].update(decision={"basis": ["Wgs"]}),
            "transitions.toelaten.decision.basis: expected a non-empty string",
        ),
        (
            "wmo_melding",
            lambda d: d["fields"]["ontvangst_bevestigd_op"].update(default="gisteren"),
            "fields.ontvangst_bevestigd_op.default: only a date field has a default: today",
        ),
        (
            "wmo_melding",
            lambda d: d["fields"]["gespreksvorm"].update(default="today"),
            "fields.gespreksvorm.default: only a date field has a default: today",
        ),
    ],
)
def test_a_wrong_key_names_its_file_and_place(
    tmp_path: Path, workflows_dir: Path, name: str, change: Change, message: str
) -> None:
    with pytest.raises(WorkflowDefinitionError) as info:
        _load(tmp_path, workflows_dir, name, change)
    assert message in str(info.value)


def test_a_label_without_its_length_gets_the_length_after_it(
    tmp_path: Path, workflows_dir: Path
) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["deadlines"]["eerste_contact"]["label"] = "Eerste contact"

    _load(tmp_path, workflows_dir, "wmo_aanvraag", change)
    workflow = load_workflow(tmp_path / "wmo_aanvraag.yaml")
    valkenburg = workflow.for_municipality("valkenburg-aan-de-geul")
    assert workflow.deadlines["eerste_contact"].title == "Eerste contact (5 werkdagen)"
    assert valkenburg.deadlines["eerste_contact"].title == "Eerste contact (3 werkdagen)"


def test_a_regulated_term_takes_length_and_basis_and_leaves_the_atw(workflows_dir: Path) -> None:
    workflow = load_workflow(workflows_dir / "schuldhulp.yaml")
    default = workflow.deadlines["toelating"]
    local = workflow.for_municipality("eijsden-margraten").deadlines["toelating"]
    assert (default.weeks, default.basis, default.set_by_regulation) == (8, "Awb 4:13 lid 2", False)
    assert (local.weeks, local.set_by_regulation, local.kind) == (4, True, "legal")
    assert local.basis == "Verordening schuldhulpverlening Eijsden-Margraten (beslistermijn)"
