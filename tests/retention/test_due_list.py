"""Which cases are due: the period from the workflow, counted from the day the case closed."""

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine
import yaml
from flask import Flask

from caseflow import unit_of_work
from caseflow.extensions import db
from caseflow.models import Case, JobRun
from caseflow.retention import due_counts, is_due, years_before
from caseflow.workflow.engine import assign, fire, start_case
from caseflow.workflow.registry import EXTENSION_KEY, WorkflowRegistry
from tests.offices import MakeOffice, Office
from tests.reports.helpers import at, decide, wmo


def _closed_wmo(office: Office, travel: time_machine.Traveller, closed_at: str) -> Case:
    at(travel, closed_at)
    case = wmo(office)
    decide(case)
    return case


def _bezwaar(office: Office, travel: time_machine.Traveller, closed_at: str) -> Case:
    at(travel, closed_at)
    case = start_case("bezwaar", municipality=office.gemeente, actor=office.anna, team=office.team)
    assign(case, office.anna, office.anna)
    fire(case, "intrekken", office.anna, {"reden": "Ingetrokken."})
    return case


def test_due_only_after_the_full_period_counted_in_dutch_days(
    office: Office, travel: time_machine.Traveller
) -> None:
    # 23:30 in Amsterdam on 5 March 2016 is still the 5th: kept 10 years, due from 6 March 2026.
    case = _closed_wmo(office, travel, "2016-03-05 23:30")
    at(travel, "2026-03-05 23:59")
    assert not is_due(case)
    at(travel, "2026-03-06 00:01")
    assert is_due(case)


def test_the_period_is_the_one_of_the_case_type(
    office: Office, travel: time_machine.Traveller
) -> None:
    wmo_case = _closed_wmo(office, travel, "2018-01-10 10:00")  # kept 10 years
    bezwaar = _bezwaar(office, travel, "2015-01-10 10:00")  # kept 10 years
    at(travel, "2026-03-02 10:00")
    assert (is_due(wmo_case), is_due(bezwaar)) == (False, True)


def test_a_changed_period_in_the_yaml_leaves_closed_files_as_they_were_classified(
    app: Flask,
    office: Office,
    travel: time_machine.Traveller,
    tmp_path: Path,
    workflows_dir: Path,
) -> None:
    """The first day of destruction is stored when a case closes: a later edit of the file
    holds for cases closed after it, and does not silently reclassify the closed ones."""
    case = _closed_wmo(office, travel, "2022-01-10 10:00")
    assert case.destroy_from == date(2032, 1, 11)
    for source in workflows_dir.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "wmo_aanvraag.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec["retention"] = {"years": 3, "basis": "Kortere termijn voor de test"}
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    original = app.extensions[EXTENSION_KEY]
    app.extensions[EXTENSION_KEY] = WorkflowRegistry.from_directory(tmp_path)
    try:
        at(travel, "2026-03-02 10:00")
        assert not is_due(case)
        later = _closed_wmo(office, travel, "2022-06-01 10:00")
        assert later.destroy_from == date(2025, 6, 2)
        at(travel, "2026-03-02 10:00")
        assert is_due(later)
    finally:
        app.extensions[EXTENSION_KEY] = original


def test_a_case_closed_before_the_day_was_stored_follows_its_file(
    app: Flask,
    office: Office,
    travel: time_machine.Traveller,
    tmp_path: Path,
    workflows_dir: Path,
) -> None:
    case = _bezwaar(office, travel, "2022-01-10 10:00")
    db.session.execute(sa.update(Case).where(Case.id == case.id).values(destroy_from=None))
    unit_of_work.commit()
    at(travel, "2026-03-02 10:00")
    assert not is_due(case)
    for source in workflows_dir.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "bezwaar.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec["retention"] = {"years": 3, "basis": "Kortere termijn voor de test"}
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    original = app.extensions[EXTENSION_KEY]
    app.extensions[EXTENSION_KEY] = WorkflowRegistry.from_directory(tmp_path)
    try:
        assert is_due(case)
        spec.pop("retention")
        path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
        app.extensions[EXTENSION_KEY] = WorkflowRegistry.from_directory(tmp_path)
        assert not is_due(case)  # no retention in the file: kept, never listed
    finally:
        app.extensions[EXTENSION_KEY] = original


def test_an_open_case_is_never_due(office: Office, travel: time_machine.Traveller) -> None:
    at(travel, "2010-01-04 10:00")
    still_open = wmo(office)
    at(travel, "2026-03-02 10:00")
    assert not is_due(still_open)


def test_29_february_is_kept_until_the_first_of_march() -> None:
    assert years_before(date(2031, 3, 1), 7) == date(2024, 3, 1)
    assert years_before(date(2028, 2, 29), 7) == date(2021, 3, 1)


def test_counts_per_municipality(make_office: MakeOffice, travel: time_machine.Traveller) -> None:
    maastricht = make_office()
    vaals = make_office("vaals")
    _closed_wmo(maastricht, travel, "2014-05-01 10:00")
    _closed_wmo(maastricht, travel, "2015-05-01 10:00")
    _closed_wmo(vaals, travel, "2015-06-01 10:00")
    _closed_wmo(vaals, travel, "2019-06-01 10:00")
    at(travel, "2026-03-02 10:00")
    assert [(c.municipality.name, c.cases) for c in due_counts()] == [
        ("Maastricht", 2),
        ("Vaals", 1),
    ]
    assert [(c.municipality.name, c.cases) for c in due_counts([vaals.gemeente.id])] == [
        ("Vaals", 1)
    ]


def test_cli_lists_due_cases_without_personal_data(
    app: Flask, make_office: MakeOffice, travel: time_machine.Traveller
) -> None:
    maastricht = make_office()
    vaals = make_office("vaals")
    old = _closed_wmo(maastricht, travel, "2015-05-04 10:00")
    _closed_wmo(vaals, travel, "2015-06-01 10:00")
    at(travel, "2026-03-02 10:00")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["retention-list", "--gemeente", "maastricht"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "1 zaak over de bewaartermijn."
    assert lines[0].startswith(old.reference)
    assert "gesloten 04-05-2015, bewaartermijn 10 jaar, te vernietigen vanaf 05-05-2025" in lines[0]
    assert maastricht.client.family_name not in result.output
    everything = runner.invoke(args=["retention-list"])
    assert everything.output.splitlines()[-1] == "2 zaken over de bewaartermijn."
    unknown = runner.invoke(args=["retention-list", "--gemeente", "atlantis"])
    assert unknown.exit_code != 0 and "Onbekende gemeente 'atlantis'" in unknown.output


def test_the_daily_job_counts_and_keeps_its_summary(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    old = _closed_wmo(office, travel, "2015-05-04 10:00")
    unit_of_work.commit(keep_loaded=True)  # as the request that closed it would have
    at(travel, "2026-03-02 05:30")
    result = app.test_cli_runner().invoke(args=["run-jobs", "--once"])
    assert result.exit_code == 0, result.output
    assert "1 zaak over de bewaartermijn (Maastricht 1)" in result.output.splitlines()
    run = db.session.get_one(JobRun, "retention-list")
    assert run.last_summary == "1 zaak over de bewaartermijn (Maastricht 1)"
    db.session.expire_all()
    assert old.destroyed_at is None and old.person_id is not None  # listing destroys nothing


@pytest.mark.parametrize("years_ago", [0, 1])
def test_a_fresh_closing_is_never_due(
    office: Office, travel: time_machine.Traveller, years_ago: int
) -> None:
    case = _closed_wmo(office, travel, f"{2026 - years_ago}-01-05 10:00")
    at(travel, "2026-03-02 10:00")
    assert not is_due(case)
