"""A changed definition is compared with the open cases: what would strand them is refused."""

import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from click.testing import Result
from flask import Flask
from flask_migrate import upgrade

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import Case, Role
from caseflow.models.deadlines import Deadline
from caseflow.workflow.compatibility import Census, check_at_start, orphans, take_census
from caseflow.workflow.engine import start_case
from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.loader import load_directory
from tests.factories import Factory
from tests.foundation.test_migrations import empty_database_url  # noqa: F401  (a fixture)

BEFORE_VERSIONS = "3d26682d1b8c"  # the migration before cases.definition_version

Change = Callable[[dict[str, Any]], None]


@pytest.fixture
def copied(tmp_path: Path, workflows_dir: Path) -> Path:
    return Path(shutil.copytree(workflows_dir, tmp_path / "workflows"))


@pytest.fixture
def app_on(database_url: str) -> Iterator[Callable[..., Flask]]:
    """A second app on the test database that reads its workflows from another directory."""
    made: list[Flask] = []

    def make(directory: Path, **config: Any) -> Flask:
        settings = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url}
        made.append(create_app(settings | {"WORKFLOWS_DIR": str(directory)} | config))
        return made[-1]

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


def _edit(directory: Path, name: str, change: Change) -> None:
    path = directory / f"{name}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


def _check_workflows(app: Flask) -> Result:
    # Inside its own context: the test's app context would otherwise serve the command.
    with app.app_context():
        return app.test_cli_runner().invoke(args=["check-workflows"])


def _without_ontvangen(doc: dict[str, Any]) -> None:
    """wmo_aanvraag starting in in_behandeling: the state 'ontvangen' is gone."""
    del doc["states"]["ontvangen"]
    doc["initial"] = "in_behandeling"
    doc["transitions"] = [t for t in doc["transitions"] if t["source"] != "ontvangen"]
    for transition in doc["transitions"]:
        if isinstance(transition["source"], list):
            transition["source"].remove("ontvangen")
    for deadline in doc["deadlines"].values():
        deadline["starts"] = {"on_enter": "in_behandeling"}
    doc["deadlines"]["eerste_contact"]["stops"] = {"on_trigger": "verslag_vastleggen"}


def _without_eerste_contact(doc: dict[str, Any]) -> None:
    del doc["deadlines"]["eerste_contact"]
    del doc["municipalities"]


def _three_received_requests(factory: Factory) -> list[Case]:
    municipality = factory.municipality()
    cases = [start_case("wmo_aanvraag", municipality=municipality, actor=None) for _ in range(3)]
    db.session.commit()  # the engine never commits; the second app reads what is committed
    return cases


def test_removing_a_state_open_cases_are_in_is_refused(
    factory: Factory, copied: Path, app_on: Callable[..., Flask]
) -> None:
    _three_received_requests(factory)
    _edit(copied, "wmo_aanvraag", _without_ontvangen)

    result = _check_workflows(app_on(copied))

    assert result.exit_code != 0, result.output
    assert "wmo_aanvraag.yaml: states.ontvangen: removed, but 3 open cases are in it" in (
        result.output
    )


def test_removing_a_deadline_that_still_runs_is_refused(
    factory: Factory, copied: Path, app_on: Callable[..., Flask]
) -> None:
    _three_received_requests(factory)
    _edit(copied, "wmo_aanvraag", _without_eerste_contact)

    result = _check_workflows(app_on(copied))

    assert result.exit_code != 0
    message = "wmo_aanvraag.yaml: deadlines.eerste_contact: removed, but 3 open cases have it"
    assert message in result.output


def test_removing_a_workflow_with_open_cases_is_refused(
    factory: Factory, copied: Path, app_on: Callable[..., Flask]
) -> None:
    municipality = factory.municipality()
    toegang = factory.user(Role.TOEGANG, municipalities=[municipality])
    start_case("bezwaar", municipality=municipality, actor=toegang)
    db.session.commit()
    (copied / "bezwaar.yaml").unlink()

    result = _check_workflows(app_on(copied))

    assert result.exit_code != 0
    assert "bezwaar.yaml: removed, but 1 open case is of this type" in result.output


def test_a_new_label_passes_and_the_cases_are_counted_as_on_an_older_version(
    factory: Factory, copied: Path, app_on: Callable[..., Flask]
) -> None:
    _three_received_requests(factory)
    _edit(copied, "wmo_aanvraag", lambda d: d["states"]["ontvangen"].update(label="Binnen"))

    result = _check_workflows(app_on(copied))

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    below = lines[next(i for i, line in enumerate(lines) if line.startswith("wmo_aanvraag ")) + 1]
    assert below.strip() == "3 open zaken lopen onder een oudere versie"
    assert lines[-1] == f"{len(list(copied.glob('*.yaml')))} workflows geldig."


def test_the_app_refuses_to_start_when_asked_to_check(
    factory: Factory, copied: Path, app_on: Callable[..., Flask]
) -> None:
    _three_received_requests(factory)
    _edit(copied, "wmo_aanvraag", _without_ontvangen)

    app_on(copied)  # under TESTING the start-up check is off unless asked for
    with pytest.raises(WorkflowDefinitionError, match=r"states\.ontvangen: removed, but 3 open"):
        app_on(copied, CHECK_WORKFLOWS_AT_START=True)


def test_start_up_skips_the_check_while_the_database_has_no_tables(
    tmp_path: Path, copied: Path
) -> None:
    _edit(copied, "wmo_aanvraag", _without_ontvangen)
    url = "sqlite:///" + str(tmp_path / "empty.sqlite")
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "WORKFLOWS_DIR": str(copied),
            "CHECK_WORKFLOWS_AT_START": True,
        }
    )
    with app.app_context():
        db.engine.dispose()


def test_the_census_counts_open_cases_and_only_deadlines_that_still_run(factory: Factory) -> None:
    cases = _three_received_requests(factory)
    # As a first contact would: the service norm of one case has stopped.
    db.session.execute(
        sa.update(Deadline)
        .where(Deadline.case_id == cases[0].id, Deadline.code == "eerste_contact")
        .values(status="stopped", stopped_on=cases[0].opened_at.date(), outcome="in_time")
    )
    db.session.commit()

    census = take_census()

    assert census.states == Counter({("wmo_aanvraag", "ontvangen"): 3})
    assert census.deadlines == Counter(
        {("wmo_aanvraag", "beschikking"): 3, ("wmo_aanvraag", "eerste_contact"): 2}
    )
    assert sum(census.versions.values()) == 3


def test_a_state_that_became_final_under_open_cases_is_refused(workflows_dir: Path) -> None:
    census = Census(
        states=Counter({("wmo_aanvraag", "besloten"): 2, ("wmo_aanvraag", "ontvangen"): 1}),
        versions=Counter(),
        deadlines=Counter(),
    )
    assert orphans(load_directory(workflows_dir), census) == [
        "wmo_aanvraag.yaml: states.besloten: now final, but 2 open cases are in it "
        "and would never close"
    ]


CASE_COLUMNS_THEN = (
    "case_type",
    "state",
    "municipality_id",
    "opened_at",
    "state_entered_at",
    "last_event_at",
    "version",
)


def test_a_database_one_migration_behind_is_still_checked(
    empty_database_url: str,  # noqa: F811  (the fixture imported above)
    copied: Path,
) -> None:
    _edit(copied, "wmo_aanvraag", _without_ontvangen)
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": empty_database_url,
            "WORKFLOWS_DIR": str(copied),
        }
    )
    with app.app_context():
        upgrade(revision=BEFORE_VERSIONS)
        # The tables as they were then: today's models have columns that came later.
        organisation = Factory().organisation()
        municipalities = sa.table(
            "municipalities",
            *map(sa.column, ("id", "code", "name", "inhabitants", "organisation_id")),
        )
        db.session.execute(
            sa.insert(municipalities).values(
                code="maastricht", name="Maastricht", inhabitants=1, organisation_id=organisation.id
            )
        )
        cases = sa.table("cases", *map(sa.column, CASE_COLUMNS_THEN))
        now = sa.func.now()
        db.session.execute(
            sa.insert(cases).values(
                case_type="wmo_aanvraag",
                state="ontvangen",
                municipality_id=sa.select(municipalities.c.id).scalar_subquery(),
                opened_at=now,
                state_entered_at=now,
                last_event_at=now,
                version=1,
            )
        )
        db.session.commit()
        census = take_census()
        db.session.remove()
    assert census.versions == Counter({("wmo_aanvraag", None): 1})
    app.config["CHECK_WORKFLOWS_AT_START"] = True
    with pytest.raises(WorkflowDefinitionError, match=r"states\.ontvangen: removed, but 1 open"):
        check_at_start(app)
    with app.app_context():
        db.engine.dispose()
