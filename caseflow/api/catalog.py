"""The case types of the workflow YAML as a ZGW catalogue: a zaaktype per workflow, a statustype
per state, a resultaattype per result of a final state, and two roltypen (applicant, handler).

Each gets a uuid derived from its names (uuid5), so its URL stays the same as long as the YAML
keeps those names, on every server, without storing anything.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from flask import current_app

from caseflow.workflow.registry import registry
from caseflow.workflow.schema import Workflow

NAMESPACE = uuid.UUID("5b0f1c2e-8a47-4f61-9a3e-4c1d7e2f9b60")

# (omschrijving, omschrijvingGeneriek): the roles a case has in ZGW terms.
ROLE_TYPES = {
    "initiator": ("Aanvrager", "initiator"),
    "behandelaar": ("Behandelaar", "behandelaar"),
}


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


@dataclass(frozen=True)
class StatusType:
    uuid: str
    case_type: str
    state: str
    label: str
    number: int
    final: bool


@dataclass(frozen=True)
class ResultType:
    uuid: str
    case_type: str
    state: str
    result: str
    label: str


@dataclass(frozen=True)
class RoleType:
    uuid: str
    case_type: str
    kind: str


@dataclass(frozen=True)
class CaseType:
    uuid: str
    workflow: Workflow
    status_types: tuple[StatusType, ...]
    result_types: tuple[ResultType, ...]
    role_types: tuple[RoleType, ...]

    @property
    def name(self) -> str:
        return self.workflow.name

    def status_type(self, state: str) -> StatusType | None:
        return next((s for s in self.status_types if s.state == state), None)

    def result_type(self, state: str, result: str | None) -> ResultType | None:
        return next((r for r in self.result_types if r.state == state and r.result == result), None)

    def role_type(self, kind: str) -> RoleType:
        return next(r for r in self.role_types if r.kind == kind)


def _case_type(workflow: Workflow) -> CaseType:
    name = workflow.name
    statuses = tuple(
        StatusType(_uuid("statustype", name, state), name, state, d.label, number, d.final)
        for number, (state, d) in enumerate(workflow.states.items(), start=1)
    )
    results = []
    for state, d in workflow.states.items():
        if not d.final:
            continue
        # A final state without results is its own result (the engine records the state).
        for result, label in (d.results or {state: d.label}).items():
            results.append(
                ResultType(_uuid("resultaattype", name, state, result), name, state, result, label)
            )
    roles = tuple(RoleType(_uuid("roltype", name, kind), name, kind) for kind in ROLE_TYPES)
    return CaseType(_uuid("zaaktype", name), workflow, statuses, tuple(results), roles)


@dataclass(frozen=True)
class Catalog:
    case_types: dict[str, CaseType]  # by workflow name
    by_uuid: dict[str, Any]

    def case_type(self, name: str) -> CaseType | None:
        return self.case_types.get(name)


def catalog() -> Catalog:
    """Built once per app from its workflows (they do not change while it runs)."""
    found: Catalog | None = current_app.extensions.get("caseflow.catalog")
    if found is None:
        types = {name: _case_type(wf) for name, wf in sorted(registry().workflows.items())}
        by_uuid: dict[str, Any] = {}
        for case_type in types.values():
            by_uuid[case_type.uuid] = case_type
            items: list[StatusType | ResultType | RoleType] = [
                *case_type.status_types,
                *case_type.result_types,
                *case_type.role_types,
            ]
            for item in items:
                by_uuid[item.uuid] = item
        found = Catalog(types, by_uuid)
        current_app.extensions["caseflow.catalog"] = found
    return found
