"""The registers a workflow's decisions write (`provisions:`, `benefit:`), and the checks that tie
them to the transitions that write them: a file that names a register without the effect that
writes it, or an effect without the data it reads, is refused at start-up.
"""

import re
from collections.abc import Mapping
from typing import Any, Protocol

from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.keys import BENEFIT, PROVISIONS, Level
from caseflow.workflow.schema import (
    BenefitDef,
    FieldDef,
    ProvisionsDef,
    StateDef,
    TransitionDef,
    Workflow,
)

CREATE_PROVISIONS = "create_provisions"
START_BENEFIT = "start_benefit"
# What the two effects read from their transition's data.
PRODUCTS_FIELD = "producten"
START_FIELD = "ingangsdatum"
SCHEME_CODE = re.compile(r"^[a-z][a-z0-9_]{0,19}$")


class Checker(Protocol):
    """The loader's file checker (caseflow.workflow.loader._Checker)."""

    def fail(self, key: str, message: str) -> Exception: ...

    def level(self, value: Any, key: str, level: Level) -> dict[str, Any]: ...

    def text(self, value: Any, key: str) -> str: ...

    def names(self, value: Any, key: str) -> tuple[str, ...]: ...

    def known(self, names: tuple[str, ...], pool: Any, key: str, what: str) -> None: ...


def load_registers(
    check: Checker,
    doc: Mapping[str, Any],
    states: dict[str, StateDef],
    transitions: list[TransitionDef],
    fields: dict[str, FieldDef],
) -> tuple[ProvisionsDef | None, BenefitDef | None]:
    results = {r for state in states.values() if state.final for r in state.results}
    provisions = _provisions(check, doc.get("provisions"), results)
    benefit = _benefit(check, doc.get("benefit"), results)
    for t in transitions:
        key = f"transitions.{t.trigger}"
        declared = (*t.requires, *t.optional)
        if t.page is None and any(fields[name].type == "rows" for name in declared):
            raise check.fail(key, "a field of rows needs a page of its own (page:)")
        if CREATE_PROVISIONS in t.effects:
            if provisions is None:
                raise check.fail(f"{key}.effects", f"{CREATE_PROVISIONS} needs provisions:")
            _needs(check, key, declared, fields, PRODUCTS_FIELD, "rows")
        if START_BENEFIT in t.effects:
            if benefit is None:
                raise check.fail(f"{key}.effects", f"{START_BENEFIT} needs benefit:")
            _needs(check, key, declared, fields, START_FIELD, "date")
    for name, register, effect in (
        ("provisions", provisions, CREATE_PROVISIONS),
        ("benefit", benefit, START_BENEFIT),
    ):
        if register is not None and not any(effect in t.effects for t in transitions):
            raise check.fail(name, f"no transition writes it (effects: [{effect}])")
    return provisions, benefit


def _needs(
    check: Checker,
    key: str,
    declared: tuple[str, ...],
    fields: dict[str, FieldDef],
    name: str,
    kind: str,
) -> None:
    if name not in declared or fields[name].type != kind:
        raise check.fail(f"{key}.optional", f"the effect reads '{name}', a field of type {kind}")


def _grants(check: Checker, raw: Any, key: str, results: set[str]) -> tuple[str, ...]:
    grants = check.names(raw, key)
    if not grants:
        raise check.fail(key, "name at least one result")
    check.known(grants, results, key, "result")
    return grants


def _provisions(check: Checker, raw: Any, results: set[str]) -> ProvisionsDef | None:
    if raw is None:
        return None
    spec = check.level(raw, "provisions", PROVISIONS)
    herindicatie = spec.get("herindicatie")
    return ProvisionsDef(
        grants=_grants(check, spec["grants"], "provisions.grants", results),
        herindicatie=None
        if herindicatie is None
        else check.text(herindicatie, "provisions.herindicatie"),
    )


def _benefit(check: Checker, raw: Any, results: set[str]) -> BenefitDef | None:
    if raw is None:
        return None
    spec = check.level(raw, "benefit", BENEFIT)
    scheme = check.text(spec["scheme"], "benefit.scheme")
    if not SCHEME_CODE.match(scheme):
        raise check.fail("benefit.scheme", "a short code: lower-case letters, digits and _")
    return BenefitDef(
        scheme=scheme,
        label=check.text(spec["label"], "benefit.label"),
        grants=_grants(check, spec["grants"], "benefit.grants", results),
    )


def check_herindicaties(workflows: Mapping[str, Workflow]) -> None:
    """Every herindicatie opens a workflow the app has: checked over the whole set at start-up,
    as a single file read on its own cannot know the others."""
    for workflow in workflows.values():
        target = workflow.provisions.herindicatie if workflow.provisions else None
        if target is not None and target not in workflows:
            raise WorkflowDefinitionError(
                f"{workflow.source.name}: provisions.herindicatie: unknown workflow '{target}'"
            )
