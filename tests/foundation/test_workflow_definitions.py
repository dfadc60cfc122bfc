"""Workflow files are validated at start-up; a broken one names its file and key."""

from pathlib import Path

import pytest
import yaml
from flask import Flask

from caseflow import create_app
from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.loader import load_directory

SHIPPED_WORKFLOWS = {
    "vraagverheldering",
    "gebiedsteam",
    "gezinsplan",
    "wmo_melding",
    "wmo_aanvraag",
    "pw_aanvraag",
    "bijzondere_bijstand",
    "jeugd",
    "schuldhulp",
    "bezwaar",
    "ioaw",
    "ioaz",
    "bbz",
    "klacht",
    "beroep",
}


def test_check_workflows_lists_the_shipped_workflows(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["check-workflows"])
    assert result.exit_code == 0, result.output
    listed = {line.split()[0] for line in result.output.splitlines()[:-1]}
    assert listed == SHIPPED_WORKFLOWS
    assert result.output.splitlines()[-1] == f"{len(SHIPPED_WORKFLOWS)} workflows geldig."


def test_every_workflow_has_dutch_labels_and_a_legal_basis_for_legal_terms(
    workflows_dir: Path,
) -> None:
    for workflow in load_directory(workflows_dir).values():
        assert all(state.label for state in workflow.states.values())
        for deadline in workflow.deadlines.values():
            if deadline.statutory:
                assert deadline.basis, f"{workflow.name}.{deadline.code}"


def _broken(tmp_path: Path, workflows_dir: Path, change) -> Path:  # type: ignore[no-untyped-def]
    doc = yaml.safe_load((workflows_dir / "wmo_aanvraag.yaml").read_text(encoding="utf-8"))
    change(doc)
    (tmp_path / "wmo_aanvraag.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["transitions"][0].update(dest="nergens"),
            "wmo_aanvraag.yaml: transitions.oppakken.dest: unknown state 'nergens'",
        ),
        (
            lambda d: d["transitions"][0].update(roles=["tovenaar"]),
            "wmo_aanvraag.yaml: transitions.oppakken.roles: unknown role 'tovenaar'",
        ),
        (
            lambda d: d["transitions"][0].update(guards=["bestaat_niet"]),
            "wmo_aanvraag.yaml: transitions.oppakken.guards: unknown guard 'bestaat_niet'",
        ),
        (
            lambda d: d["transitions"][0].update(roles=[]),
            "wmo_aanvraag.yaml: transitions.oppakken.roles: name at least one role",
        ),
        (
            lambda d: d["deadlines"]["beschikking"].update(starts={"on_trigger": "toveren"}),
            "wmo_aanvraag.yaml: deadlines.beschikking.starts.on_trigger: unknown trigger 'toveren'",
        ),
        (
            lambda d: d["deadlines"]["beschikking"].update(lenght={"weeks": 2}),
            "wmo_aanvraag.yaml: deadlines.beschikking.lenght: unknown key",
        ),
        (
            lambda d: d["states"]["aanvulling_gevraagd"].update(suspends=["beslissing"]),
            "wmo_aanvraag.yaml: states.aanvulling_gevraagd.suspends: unknown deadline 'beslissing'",
        ),
        (
            lambda d: d["municipalities"]["valkenburg-aan-de-geul"].update(
                deadlines={"beschikking": {"length": {"weeks": 4}}}
            ),
            "deadlines.beschikking.length: a legal term is set by law, not per municipality",
        ),
        (lambda d: d.update(initial="begin"), "wmo_aanvraag.yaml: initial: unknown state 'begin'"),
        (
            lambda d: d["states"].update(vergeten={"label": "Vergeten"}),
            "wmo_aanvraag.yaml: states.vergeten: cannot be reached from the initial state",
        ),
        (
            lambda d: d.update(name="wmo"),
            "wmo_aanvraag.yaml: name: must equal the file name 'wmo_aanvraag'",
        ),
    ],
)
def test_broken_definition_names_file_and_key(
    tmp_path: Path,
    workflows_dir: Path,
    change,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    directory = _broken(tmp_path, workflows_dir, change)
    with pytest.raises(WorkflowDefinitionError) as info:
        load_directory(directory)
    assert message in str(info.value)


VALKENBURG = "valkenburg-aan-de-geul"


def _dead_end(doc: dict) -> None:  # type: ignore[type-arg]
    doc["states"]["wachten"] = {"label": "Wachten"}
    doc["transitions"].append(
        {
            "trigger": "laten_wachten",
            "label": "Laten wachten",
            "source": "in_behandeling",
            "dest": "wachten",
            "roles": ["consulent"],
        }
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["transitions"][0].update(dest=["in_behandeling"]),
            "transitions.oppakken.dest: expected a non-empty string",
        ),
        (
            lambda d: d["transitions"][3].update(optional=["bestaat_niet"]),
            "transitions.aanvulling_ontvangen.optional: unknown field 'bestaat_niet'",
        ),
        (_dead_end, "states.wachten: not final, but no transition leaves it"),
        (
            lambda d: d["municipalities"][VALKENBURG].update(
                disabled_triggers=["aanvulling_ontvangen", "intrekken"]
            ),
            f"municipalities.{VALKENBURG}.disabled_triggers: "
            "leaves no way out of state 'aanvulling_gevraagd'",
        ),
        (
            lambda d: d["transitions"][0].update(source=5),
            "transitions.oppakken.source: expected a name or a list of names",
        ),
        (
            lambda d: d["states"]["besloten"].update(results=["toegekend"]),
            "states.besloten.results: expected a mapping of code to label",
        ),
        (
            lambda d: d["states"]["besloten"].update(final="ja"),
            "states.besloten.final: expected true or false",
        ),
        (
            lambda d: d["deadlines"]["beschikking"].update(length="2 weken"),
            "deadlines.beschikking.length: expected a mapping",
        ),
        (
            lambda d: d["deadlines"]["beschikking"].update(starts={"on_enter": ["ontvangen"]}),
            "deadlines.beschikking.starts.on_enter: expected the name of a state",
        ),
        (
            lambda d: d["municipalities"][VALKENBURG].update(
                deadlines={"bestaat_niet": {"warning_working_days": 2}}
            ),
            f"municipalities.{VALKENBURG}.deadlines.bestaat_niet: unknown key",
        ),
        (lambda d: d.update(states=["ontvangen"]), "wmo_aanvraag.yaml: states: expected a mapping"),
        (lambda d: d.update(domain=["wmo"]), "domain: expected the name of a domain"),
        (
            lambda d: d["transitions"][0].update(trigger=["oppakken"]),
            "trigger: expected a non-empty string",
        ),
        (
            lambda d: d["transitions"][4].update(extends=["beschikking"]),
            "transitions.verdagen.extends: expected a non-empty string",
        ),
        (
            lambda d: d["fields"]["hersteltermijn_tot"].update(min="morgen"),
            "fields.hersteltermijn_tot.min: expected a whole number",
        ),
        (
            lambda d: d["transitions"][0].update(page=["oppakken"]),
            "transitions.oppakken.page: expected a non-empty string",
        ),
        (
            lambda d: d["states"]["ontvangen"].update(tags={"triage": True}),
            "states.ontvangen.tags: expected a name or a list of names",
        ),
        (
            lambda d: d["deadlines"]["beschikking"]["extendable"].update(basis=["Awb"]),
            "deadlines.beschikking.extendable.basis: expected a non-empty string",
        ),
    ],
)
def test_a_wrong_shape_is_a_definition_error_never_a_crash(
    tmp_path: Path,
    workflows_dir: Path,
    change,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    directory = _broken(tmp_path, workflows_dir, change)
    with pytest.raises(WorkflowDefinitionError) as info:
        load_directory(directory)
    assert str(info.value).startswith("wmo_aanvraag.yaml: ")
    assert message in str(info.value)


def test_effects_page_and_tags_are_stored_for_the_engine_and_services(
    tmp_path: Path, workflows_dir: Path
) -> None:
    def change(doc: dict) -> None:  # type: ignore[type-arg]
        doc["states"]["ontvangen"]["tags"] = ["triage", "editable"]
        doc["transitions"][0].update(effects=["move_to_area_team"], page="oppakken")

    workflow = load_directory(_broken(tmp_path, workflows_dir, change))["wmo_aanvraag"]
    assert workflow.states["ontvangen"].tags == ("triage", "editable")
    oppakken = workflow.transitions[0]
    assert (oppakken.effects, oppakken.page) == (("move_to_area_team",), "oppakken")
    assert (workflow.transitions[1].effects, workflow.transitions[1].page) == ((), None)
    assert workflow.states["in_behandeling"].tags == ()


def test_app_refuses_to_start_with_a_broken_workflow(tmp_path: Path, workflows_dir: Path) -> None:
    directory = _broken(tmp_path, workflows_dir, lambda d: d["transitions"][1].pop("dest"))
    with pytest.raises(WorkflowDefinitionError, match=r"transitions\.verslag_vastleggen\.dest"):
        create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": "sqlite://",
                "WORKFLOWS_DIR": str(directory),
            }
        )
