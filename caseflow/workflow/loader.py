"""Read workflows/*.yaml and validate them; every error names the file and the key."""

import hashlib
import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import yaml

import caseflow.objections.hooks  # noqa: F401  (registers the guards and effects it names)
from caseflow.domains import DOMAINS
from caseflow.models.organisation import Role
from caseflow.workflow.deadline_loader import load_deadlines, municipal_changes
from caseflow.workflow.effects import EFFECTS
from caseflow.workflow.errors import WorkflowDefinitionError
from caseflow.workflow.fields import COMMON_FIELDS, FIELD_TYPES
from caseflow.workflow.guards import GUARDS
from caseflow.workflow.keys import (
    CHECKLIST_ITEM,
    DECISION,
    FIELD,
    FOLLOW_UP,
    MUNICIPALITY,
    RETENTION,
    STATE,
    TOP,
    TRANSITION,
    Level,
)
from caseflow.workflow.letter_loader import letter_choice, suspends_when_sent
from caseflow.workflow.register_loader import load_registers
from caseflow.workflow.schema import (
    ChecklistItem,
    DeadlineDef,
    FieldDef,
    FollowUp,
    MunicipalityOverride,
    RetentionDef,
    StateDef,
    TransitionDef,
    Workflow,
)

SYSTEM_ROLE = "systeem"
KNOWN_ROLES = frozenset(r.value for r in Role) | {SYSTEM_ROLE}
# What `default:` may say for a date field.
FIELD_DEFAULTS = ("today",)


class _Checker:
    """Walks one parsed file and raises with `file: key.path: message` on the first problem."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, message: str) -> WorkflowDefinitionError:
        return WorkflowDefinitionError(f"{self.path.name}: {key}: {message}")

    def mapping(
        self, value: Any, key: str, allowed: set[str], required: set[str]
    ) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(key, "expected a mapping")
        for name in value:
            if name not in allowed:
                raise self.fail(
                    f"{key}.{name}", f"unknown key (allowed: {', '.join(sorted(allowed))})"
                )
        for name in required - set(value):
            raise self.fail(f"{key}.{name}", "missing required key")
        return dict(value)

    def level(self, value: Any, key: str, level: Level) -> dict[str, Any]:
        return self.mapping(value, key, level.allowed, level.required)

    def text(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "expected a non-empty string")
        return value

    def names(self, value: Any, key: str) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise self.fail(key, "expected a name or a list of names")
        return tuple(items)

    def number(self, value: Any, key: str, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(key, f"expected a whole number >= {minimum}")
        return value

    def known(self, names: tuple[str, ...], pool: Collection[str], key: str, what: str) -> None:
        for name in names:
            if not isinstance(name, str):
                raise self.fail(key, f"expected the name of a {what}")
            if name not in pool:
                raise self.fail(key, f"unknown {what} '{name}'")

    def entries(self, value: Any, key: str) -> dict[str, Any]:
        """A mapping keyed by names the file chooses itself (states, fields, deadlines, ...)."""
        if not isinstance(value, Mapping):
            raise self.fail(key, "expected a mapping")
        for name in value:
            if not isinstance(name, str) or not name.strip():
                raise self.fail(f"{key}.{name}", "expected a name as key")
        return dict(value)

    def labels(self, value: Any, key: str) -> dict[str, str]:
        """Codes with the label users see, e.g. a choice field's options."""
        if not isinstance(value, Mapping):
            raise self.fail(key, "expected a mapping of code to label")
        return {str(code): self.text(label, f"{key}.{code}") for code, label in value.items()}

    def optional_text(self, value: Any, key: str) -> str | None:
        return None if value is None else self.text(value, key)


def load_workflow(path: Path) -> Workflow:
    check = _Checker(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise WorkflowDefinitionError(f"{path.name}: not valid YAML: {exc}") from exc
    doc = check.level(raw, "(top)", TOP)
    start_roles = check.names(doc["start_roles"], "start_roles")
    check.known(start_roles, KNOWN_ROLES, "start_roles", "role")
    name = check.text(doc["name"], "name")
    if name != path.stem:
        raise check.fail("name", f"must equal the file name '{path.stem}'")
    check.known((doc["domain"],), DOMAINS, "domain", "domain")
    fields = {**COMMON_FIELDS, **_fields(check, doc.get("fields") or {})}
    states = _states(check, doc["states"])
    check.known((doc["initial"],), states, "initial", "state")
    transitions = _transitions(check, doc["transitions"], states, fields)
    triggers = {t.trigger for t in transitions}
    deadlines = load_deadlines(check, doc.get("deadlines") or {}, states, triggers, fields)
    for state in states.values():
        check.known(state.suspends, deadlines, f"states.{state.name}.suspends", "deadline")
    for t in transitions:
        if t.extends is not None:
            check.known((t.extends,), deadlines, f"transitions.{t.trigger}.extends", "deadline")
            if deadlines[t.extends].extendable_weeks == 0:
                raise check.fail(
                    f"transitions.{t.trigger}.extends", "that deadline is not extendable"
                )
    overrides = _overrides(check, doc.get("municipalities") or {}, deadlines, triggers)
    _check_reachability(check, doc["initial"], states, transitions)
    _check_dead_ends(check, states, transitions, overrides)
    provisions, benefit = load_registers(check, doc, states, transitions, fields)
    return Workflow(
        name=name,
        label=check.text(doc["label"], "label"),
        domain=doc["domain"],
        initial=doc["initial"],
        states=states,
        transitions=tuple(transitions),
        deadlines=deadlines,
        fields=fields,
        overrides=overrides,
        source=path,
        start_roles=frozenset(start_roles),
        sensitive=_flag(check, doc.get("sensitive", False), "sensitive"),
        description=check.optional_text(doc.get("description"), "description") or "",
        retention=_retention(check, doc.get("retention")),
        document_types=check.labels(doc.get("documents") or {}, "documents"),
        version=definition_version(doc),
        provisions=provisions,
        benefit=benefit,
        checklist=_checklist(check, doc.get("checklist")),
    )


def _checklist(check: _Checker, raw: Any) -> tuple[ChecklistItem, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        raise check.fail("checklist", "expected a non-empty list")
    items: list[ChecklistItem] = []
    for index, spec in enumerate(raw):
        key = f"checklist[{index}]"
        spec = check.level(spec, key, CHECKLIST_ITEM)
        code = check.text(spec["code"], f"{key}.code")
        if any(item.code == code for item in items):
            raise check.fail(f"{key}.code", f"'{code}' is in the list twice")
        items.append(
            ChecklistItem(
                code=code,
                label=check.text(spec["label"], f"{key}.label"),
                basis=check.text(spec["basis"], f"{key}.basis"),
                weight=check.number(spec.get("weight", 1), f"{key}.weight", minimum=1),
            )
        )
    return tuple(items)


def _retention(check: _Checker, raw: Any) -> RetentionDef | None:
    if raw is None:
        return None
    spec = check.level(raw, "retention", RETENTION)
    return RetentionDef(
        years=check.number(spec["years"], "retention.years", minimum=1),
        basis=check.text(spec["basis"], "retention.basis"),
    )


def _flag(check: _Checker, value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise check.fail(key, "expected true or false")
    return value


def _bound(check: _Checker, value: Any, key: str) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise check.fail(key, "expected a whole number")
    return value


def _fields(check: _Checker, raw: Any) -> dict[str, FieldDef]:
    result = {}
    for name, spec in check.entries(raw, "fields").items():
        key = f"fields.{name}"
        spec = check.level(spec, key, FIELD)
        check.known((spec["type"],), FIELD_TYPES, f"{key}.type", "type")
        options = check.labels(spec.get("options") or {}, f"{key}.options")
        if spec["type"] == "choice" and not options:
            raise check.fail(f"{key}.options", "a choice field needs options")
        default = spec.get("default")
        if default is not None and (spec["type"] != "date" or default not in FIELD_DEFAULTS):
            raise check.fail(f"{key}.default", "only a date field has a default: today")
        result[name] = FieldDef(
            name=name,
            label=check.text(spec["label"], f"{key}.label"),
            type=spec["type"],
            options=options,
            minimum=_bound(check, spec.get("min"), f"{key}.min"),
            maximum=_bound(check, spec.get("max"), f"{key}.max"),
            default=default,
        )
    return result


def _states(check: _Checker, raw: Any) -> dict[str, StateDef]:
    states = {}
    for name, spec in check.entries(raw, "states").items():
        key = f"states.{name}"
        spec = check.level(spec, key, STATE)
        results = check.labels(spec.get("results") or {}, f"{key}.results")
        final = _flag(check, spec.get("final", False), f"{key}.final")
        if results and not final:
            raise check.fail(f"{key}.results", "only a final state has results")
        states[name] = StateDef(
            name=name,
            label=check.text(spec["label"], f"{key}.label"),
            final=final,
            results=results,
            suspends=check.names(spec.get("suspends", []), f"{key}.suspends"),
            tags=check.names(spec.get("tags", []), f"{key}.tags"),
        )
    if not states:
        raise check.fail("states", "a workflow needs at least one state")
    return states


def _transitions(
    check: _Checker, raw: Any, states: dict[str, StateDef], fields: dict[str, FieldDef]
) -> list[TransitionDef]:
    if not isinstance(raw, list) or not raw:
        raise check.fail("transitions", "expected a non-empty list")
    result: list[TransitionDef] = []
    seen: set[tuple[str, str]] = set()
    for index, spec in enumerate(raw):
        trigger = spec.get("trigger", f"#{index}") if isinstance(spec, Mapping) else f"#{index}"
        key = f"transitions.{trigger}"
        check.text(trigger, f"{key}.trigger")
        spec = check.level(spec, key, TRANSITION)
        sources = (
            tuple(states) if spec["source"] == "*" else check.names(spec["source"], f"{key}.source")
        )
        check.known(sources, states, f"{key}.source", "state")
        dest = check.text(spec["dest"], f"{key}.dest")
        check.known((dest,), states, f"{key}.dest", "state")
        for source in sources:
            if states[source].final:
                raise check.fail(f"{key}.source", f"'{source}' is final; nothing leaves it")
            if (trigger, source) in seen:
                raise check.fail(key, f"defined twice from state '{source}'")
            seen.add((trigger, source))
        roles = check.names(spec["roles"], f"{key}.roles")
        if not roles:
            raise check.fail(f"{key}.roles", "name at least one role (deny by default)")
        check.known(roles, KNOWN_ROLES, f"{key}.roles", "role")
        requires = check.names(spec.get("requires", []), f"{key}.requires")
        optional = check.names(spec.get("optional", []), f"{key}.optional")
        check.known(requires, fields, f"{key}.requires", "field")
        check.known(optional, fields, f"{key}.optional", "field")
        requires_for = _requires_for(check, spec.get("requires_for"), key, states[dest], optional)
        guards = check.names(spec.get("guards", []), f"{key}.guards")
        check.known(guards, GUARDS, f"{key}.guards", "guard")
        effects = check.names(spec.get("effects", []), f"{key}.effects")
        check.known(effects, EFFECTS, f"{key}.effects", "effect")
        page = None if spec.get("page") is None else check.text(spec["page"], f"{key}.page")
        if states[dest].results and "resultaat" not in requires:
            requires = (*requires, "resultaat")
        extends = check.optional_text(spec.get("extends"), f"{key}.extends")
        if extends is not None and "weken" not in requires:
            requires = (*requires, "weken")
        result.append(
            TransitionDef(
                trigger=check.text(trigger, f"{key}.trigger"),
                label=check.text(spec["label"], f"{key}.label"),
                sources=sources,
                dest=dest,
                roles=frozenset(roles),
                requires=requires,
                optional=optional,
                requires_for=requires_for,
                guards=guards,
                extends=extends,
                creates=_follow_up(
                    check,
                    spec.get("creates"),
                    f"{key}.creates",
                    fields,
                    states[dest],
                    requires + optional,
                ),
                effects=effects,
                page=page,
                decision_basis=(basis := _decision(check, spec.get("decision"), f"{key}.decision")),
                letter=(
                    letter := letter_choice(
                        check, spec.get("letter"), key, states[dest], fields, basis
                    )
                ),
                letter_suspends=suspends_when_sent(letter),
            )
        )
    return result


def _decision(check: _Checker, raw: Any, key: str) -> str | None:
    if raw is None:
        return None
    spec = check.level(raw, key, DECISION)
    return check.text(spec["basis"], f"{key}.basis")


def _requires_for(
    check: _Checker, raw: Any, key: str, dest: StateDef, optional: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    if raw is None:
        return {}
    where = f"{key}.requires_for"
    if not dest.results:
        raise check.fail(where, f"'{dest.name}' records no result to require fields for")
    needed = check.entries(raw, where)
    check.known(tuple(needed), dest.results, where, "result")
    result: dict[str, tuple[str, ...]] = {}
    for code, names in needed.items():
        fields = check.names(names, f"{where}.{code}")
        check.known(fields, optional, f"{where}.{code}", "optional field of this transition")
        result[str(code)] = fields
    return result


def _follow_up(
    check: _Checker,
    raw: Any,
    key: str,
    fields: dict[str, FieldDef],
    dest: StateDef,
    names: tuple[str, ...],
) -> FollowUp | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        return FollowUp(case_type=check.text(raw, key))
    spec = check.level(raw, key, FOLLOW_UP)
    if spec["field"] not in names:
        raise check.fail(f"{key}.field", f"'{spec['field']}' is not data of this transition")
    options = dest.results if spec["field"] == "resultaat" else fields[spec["field"]].options
    cases = check.mapping(spec["cases"], f"{key}.cases", set(options), set())
    by_value = {str(k): check.text(v, f"{key}.cases.{k}") for k, v in cases.items()}
    return FollowUp(by_field=spec["field"], by_value=by_value)


def _overrides(
    check: _Checker, raw: Any, deadlines: dict[str, DeadlineDef], triggers: set[str]
) -> dict[str, MunicipalityOverride]:
    result = {}
    for code, spec in check.entries(raw, "municipalities").items():
        key = f"municipalities.{code}"
        spec = check.level(spec, key, MUNICIPALITY)
        changes = municipal_changes(
            check, spec.get("deadlines") or {}, f"{key}.deadlines", deadlines
        )
        disabled = check.names(spec.get("disabled_triggers", []), f"{key}.disabled_triggers")
        check.known(disabled, frozenset(triggers), f"{key}.disabled_triggers", "trigger")
        result[code] = MunicipalityOverride(
            deadlines=changes, disabled_triggers=frozenset(disabled)
        )
    return result


def _check_reachability(
    check: _Checker, initial: str, states: dict[str, StateDef], transitions: list[TransitionDef]
) -> None:
    reached, frontier = {initial}, [initial]
    while frontier:
        state = frontier.pop()
        for t in transitions:
            if state in t.sources and t.dest not in reached:
                reached.add(t.dest)
                frontier.append(t.dest)
    for name in states:
        if name not in reached:
            raise check.fail(f"states.{name}", "cannot be reached from the initial state")
    if not any(s.final for s in states.values()):
        raise check.fail("states", "a workflow needs at least one final state")


def _check_dead_ends(
    check: _Checker,
    states: dict[str, StateDef],
    transitions: list[TransitionDef],
    overrides: dict[str, MunicipalityOverride],
) -> None:
    """A case in a state that is not final and that nothing leaves would stay open for ever."""
    for name in (n for n, state in states.items() if not state.final):
        exits = {t.trigger for t in transitions if name in t.sources}
        if not exits:
            raise check.fail(f"states.{name}", "not final, but no transition leaves it")
        for code, override in overrides.items():
            if exits <= override.disabled_triggers:
                raise check.fail(
                    f"municipalities.{code}.disabled_triggers",
                    f"leaves no way out of state '{name}'",
                )


def load_directory(directory: Path) -> dict[str, Workflow]:
    if not directory.is_dir():
        raise WorkflowDefinitionError(f"{directory}: workflow directory not found")
    workflows = {wf.name: wf for wf in map(load_workflow, sorted(directory.glob("*.yaml")))}
    for workflow in workflows.values():
        for t in workflow.transitions:
            for case_type in sorted(t.creates.case_types() if t.creates else ()):
                if case_type not in workflows:
                    raise WorkflowDefinitionError(
                        f"{workflow.source.name}: transitions.{t.trigger}.creates: "
                        f"unknown workflow '{case_type}'"
                    )
    return workflows


def definition_version(document: Any) -> str:
    """Twelve hex digits of the parsed content, so comments and layout leave the version alone."""
    canonical = json.dumps(_plain(document), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _plain(value: Any) -> Any:
    # YAML allows keys of mixed types (1 and "1"), which json cannot sort.
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
