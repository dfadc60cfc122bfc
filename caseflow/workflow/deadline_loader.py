"""The `deadlines:` of a workflow file and a municipality's changes to them, validated.

Kept apart from the rest of the loader because a term carries its own rules: a title that
names its length through {termijn}, a start that may count from the melding, and a legal
term that only a municipality's own regulation may set differently.
"""

import re
from typing import TYPE_CHECKING, Any

from caseflow.workflow.keys import (
    DEADLINE,
    EXTENDABLE,
    LAPSES,
    LENGTH,
    MOMENT,
    MUNICIPAL_DEADLINE,
    STOPS,
)
from caseflow.workflow.schema import TERM_PLACEHOLDER, DeadlineDef, FieldDef, StateDef

if TYPE_CHECKING:
    from caseflow.workflow.loader import _Checker

LENGTH_UNITS = tuple(k.name for k in LENGTH.keys)
# What `starts: {from: ...}` may count from.
START_MOMENTS = ("melding",)


def load_deadlines(
    check: "_Checker",
    raw: Any,
    states: dict[str, StateDef],
    triggers: set[str],
    fields: dict[str, FieldDef],
) -> dict[str, DeadlineDef]:
    result = {}
    for code, spec in check.entries(raw, "deadlines").items():
        key = f"deadlines.{code}"
        spec = check.level(spec, key, DEADLINE)
        if spec["kind"] not in ("legal", "service_norm", "client"):
            raise check.fail(f"{key}.kind", "expected 'legal', 'service_norm' or 'client'")
        if spec["kind"] != "service_norm" and not spec.get("basis"):
            raise check.fail(f"{key}.basis", "a statutory deadline names its legal basis")
        length = load_length(check, spec["length"], f"{key}.length")
        starts = _starts(check, spec["starts"], f"{key}.starts", states, triggers, fields)
        from_field = fields.get(starts.get("from", ""))
        stops = check.level(spec["stops"], f"{key}.stops", STOPS)
        if not stops:
            raise check.fail(f"{key}.stops", "give on_enter and/or on_trigger")
        stop_states = check.names(stops.get("on_enter", []), f"{key}.stops.on_enter")
        check.known(stop_states, states, f"{key}.stops.on_enter", "state")
        stop_triggers = check.names(stops.get("on_trigger", []), f"{key}.stops.on_trigger")
        check.known(stop_triggers, triggers, f"{key}.stops.on_trigger", "trigger")
        lapses = check.level(spec.get("lapses") or {}, f"{key}.lapses", LAPSES)
        lapse_states = check.names(lapses.get("on_enter", []), f"{key}.lapses.on_enter")
        check.known(lapse_states, states, f"{key}.lapses.on_enter", "state")
        extendable = check.level(spec.get("extendable") or {}, f"{key}.extendable", EXTENDABLE)
        regulation = spec.get("municipal_regulation", False)
        if not isinstance(regulation, bool):
            raise check.fail(f"{key}.municipal_regulation", "expected true or false")
        if regulation and spec["kind"] != "legal":
            raise check.fail(
                f"{key}.municipal_regulation", "only a legal term is set by a regulation"
            )
        result[code] = DeadlineDef(
            code=code,
            label=_label(check, spec["label"], f"{key}.label"),
            kind=spec["kind"],
            basis=check.optional_text(spec.get("basis"), f"{key}.basis"),
            weeks=length.get("weeks", 0),
            days=length.get("days", 0),
            working_days=length.get("working_days", 0),
            starts_on_enter=starts.get("on_enter"),
            starts_on_trigger=starts.get("on_trigger"),
            counts_from_melding=starts.get("from") == "melding",
            counts_from_field=from_field.name if from_field else None,
            counts_from_label=from_field.label if from_field else None,
            stops_on_enter=stop_states,
            stops_on_trigger=stop_triggers,
            lapses_on_enter=lapse_states,
            extendable_weeks=check.number(
                extendable.get("max_weeks", 0), f"{key}.extendable.max_weeks"
            ),
            extension_basis=check.optional_text(extendable.get("basis"), f"{key}.extendable.basis"),
            warning_working_days=check.number(
                spec.get("warning_working_days", 5), f"{key}.warning_working_days"
            ),
            municipal_regulation=regulation,
        )
    return result


def _label(check: "_Checker", raw: Any, key: str) -> str:
    """A title that cannot disagree with its length: the length is filled in, never typed."""
    label = check.text(raw, key)
    if label.count(TERM_PLACEHOLDER) > 1:
        raise check.fail(key, f"write {TERM_PLACEHOLDER} once, where the length goes")
    rest = label.replace(TERM_PLACEHOLDER, "")
    if "{" in rest or "}" in rest or re.search(r"\d", rest):
        raise check.fail(
            key, f"no numbers or other braces: {TERM_PLACEHOLDER} says the length, so it agrees"
        )
    return label


def _starts(
    check: "_Checker",
    raw: Any,
    key: str,
    states: dict[str, StateDef],
    triggers: set[str],
    fields: dict[str, FieldDef],
) -> dict[str, Any]:
    starts = check.level(raw, key, MOMENT)
    moments = [name for name in ("on_enter", "on_trigger") if name in starts]
    if len(moments) > 1 or not starts:
        raise check.fail(key, "give one of on_enter or on_trigger, and/or from")
    if "on_enter" in starts:
        check.known((starts["on_enter"],), states, f"{key}.on_enter", "state")
    if "on_trigger" in starts:
        check.known((starts["on_trigger"],), triggers, f"{key}.on_trigger", "trigger")
    dates = sorted(name for name, f in fields.items() if f.type == "date")
    if "from" in starts and starts["from"] not in (*START_MOMENTS, *dates):
        allowed = ", ".join((*START_MOMENTS, *dates))
        raise check.fail(f"{key}.from", f"expected melding or a date field: {allowed}")
    return starts


def load_length(check: "_Checker", raw: Any, key: str) -> dict[str, int]:
    spec = check.level(raw, key, LENGTH)
    length = {unit: check.number(value, f"{key}.{unit}") for unit, value in spec.items()}
    if sum(length.values()) == 0:
        raise check.fail(key, "a deadline needs a length of at least one day")
    return length


def municipal_changes(
    check: "_Checker", raw: Any, key: str, deadlines: dict[str, DeadlineDef]
) -> dict[str, dict[str, Any]]:
    """A municipality's changes per deadline code: a service norm's own length, a window, or
    the length its own regulation sets for a legal term that allows it."""
    changes: dict[str, dict[str, Any]] = {}
    for code, spec in check.mapping(raw, key, set(deadlines), set()).items():
        dl_key = f"{key}.{code}"
        spec = check.level(spec, dl_key, MUNICIPAL_DEADLINE)
        definition = deadlines[code]
        if "basis" in spec and not (definition.statutory and "length" in spec):
            raise check.fail(
                f"{dl_key}.basis", "only the regulation that sets a legal term's length"
            )
        if "length" in spec:
            lengths = {u: 0 for u in LENGTH_UNITS} | load_length(
                check, spec["length"], f"{dl_key}.length"
            )
            changes[code] = lengths | _regulated(check, spec, dl_key, definition)
        if "warning_working_days" in spec:
            changes.setdefault(code, {})["warning_working_days"] = check.number(
                spec["warning_working_days"], f"{dl_key}.warning_working_days"
            )
    return changes


def _regulated(
    check: "_Checker", spec: dict[str, Any], key: str, definition: DeadlineDef
) -> dict[str, Any]:
    """A legal term's own length here comes from a municipal regulation that is named."""
    if not definition.statutory:
        return {}
    if not definition.municipal_regulation:
        raise check.fail(
            f"{key}.length",
            "a legal term is set by law, not per municipality (unless the deadline says "
            "municipal_regulation: true)",
        )
    if not spec.get("basis"):
        raise check.fail(f"{key}.basis", "name the regulation that sets this term")
    return {"basis": check.text(spec["basis"], f"{key}.basis"), "set_by_regulation": True}
