"""Compare the workflow files with the cases in the database before a change takes effect.

A definition that drops a state, a deadline or a whole workflow while open cases still need it
strands those cases: the engine can no longer move them, and a deadline the file no longer
defines never stops, so it runs late for ever in worklists and reports. check-workflows and the
app's start-up refuse such a definition, naming the file, the key and how many open cases it would
strand. The database is asked one grouped count per
table, never case by case, so the check stays cheap at a million cases.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import click
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import InstrumentedAttribute

from caseflow.extensions import db
from caseflow.models.cases import Case
from caseflow.models.deadlines import Deadline, DeadlineStatus
from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.registry import registry
from caseflow.workflow.schema import Workflow


@dataclass(frozen=True)
class Census:
    """What the open cases need from the definitions, counted per group."""

    # (case type, state) -> open cases
    states: Counter[tuple[str, str]]
    # (case type, definition version or None when unknown) -> open cases
    versions: Counter[tuple[str, str | None]]
    # (case type, deadline code) -> open cases with that deadline running or suspended
    deadlines: Counter[tuple[str, str]]


def census_ready() -> bool:
    """Whether the database has the tables to count (not before init-db)."""
    inspector = sa.inspect(db.engine)
    return inspector.has_table(Case.__tablename__) and inspector.has_table(Deadline.__tablename__)


def take_census() -> Census:
    states: Counter[tuple[str, str]] = Counter()
    versions: Counter[tuple[str, str | None]] = Counter()
    groups: list[InstrumentedAttribute[Any]] = [Case.case_type, Case.state]
    # A database not yet migrated to the version column still gets its orphans checked.
    columns = {c["name"] for c in sa.inspect(db.engine).get_columns(Case.__tablename__)}
    if "definition_version" in columns:
        groups.append(Case.definition_version)
    rows = db.session.execute(
        sa.select(*groups, sa.func.count()).where(Case.closed_at.is_(None)).group_by(*groups)
    )
    for case_type, state, *version, count in rows:
        states[case_type, state] += count
        versions[case_type, version[0] if version else None] += count
    running = db.session.execute(
        sa.select(Case.case_type, Deadline.code, sa.func.count(sa.distinct(Deadline.case_id)))
        .join(Case, Case.id == Deadline.case_id)
        .where(Deadline.status.in_((DeadlineStatus.RUNNING, DeadlineStatus.SUSPENDED)))
        .group_by(Case.case_type, Deadline.code)
    )
    return Census(states, versions, Counter({(t, c): n for t, c, n in running}))


def orphans(workflows: Mapping[str, Workflow], census: Census) -> list[str]:
    """One English line per file and key that open cases or running deadlines still need."""
    problems = []
    case_types = Counter[str]()
    for (case_type, _state), count in census.states.items():
        case_types[case_type] += count
    for case_type, count in sorted(case_types.items()):
        if case_type not in workflows:
            problems.append(f"{case_type}.yaml: removed, but {_cases(count)} of this type")
    for (case_type, state), count in sorted(census.states.items()):
        workflow = workflows.get(case_type)
        if workflow is None:
            continue
        where = f"{workflow.source.name}: states.{state}"
        if state not in workflow.states:
            problems.append(f"{where}: removed, but {_cases(count)} in it")
        elif workflow.states[state].final:
            problems.append(f"{where}: now final, but {_cases(count)} in it and would never close")
    for (case_type, code), count in sorted(census.deadlines.items()):
        workflow = workflows.get(case_type)
        if workflow is not None and code not in workflow.deadlines:
            problems.append(
                f"{workflow.source.name}: deadlines.{code}: removed, but "
                f"{_cases(count, 'has', 'have')} it running"
            )
    return problems


def older_versions(workflow: Workflow, census: Census) -> int:
    """Open cases of `workflow` that started under another (or an unknown) version."""
    return sum(
        count
        for (case_type, version), count in census.versions.items()
        if case_type == workflow.name and version != workflow.version
    )


def check_at_start(app: Flask) -> None:
    """Refuse to start on definitions that strand open cases (after the files loaded)."""
    if not _wanted(app):
        return
    with app.app_context():
        try:
            if not census_ready():
                return
            problems = orphans(registry().workflows, take_census())
        except sa.exc.OperationalError:
            return  # no database yet: init-db creates it, and then there is nothing to strand
    if problems:
        raise WorkflowDefinitionError("\n".join(problems))


def _wanted(app: Flask) -> bool:
    setting = app.config.get("CHECK_WORKFLOWS_AT_START")
    if setting is not None:
        return bool(setting)
    if app.testing:
        return False
    # A flask command other than `run` loads the app too; init-db, db upgrade and
    # check-workflows itself must work while a definition is refused.
    command = click.get_current_context(silent=True)
    return command is None or command.command.name == "run"


def _cases(count: int, one: str = "is", many: str = "are") -> str:
    return f"1 open case {one}" if count == 1 else f"{count} open cases {many}"
