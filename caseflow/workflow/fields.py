"""Data that triggers ask for: definitions shared by all workflows and the cleaning of input."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from caseflow import clock
from caseflow.workflow.errors import InvalidData
from caseflow.workflow.schema import FieldDef, StateDef, TransitionDef

FIELD_TYPES = frozenset({"text", "date", "int", "choice", "bool", "rows"})
# A written account (a report, a motivation) is long; megabytes are not an account.
MAX_TEXT = 20_000
# The rows of one field (the products of one decision): a page's worth, never a bulk load.
MAX_ROWS = 20
ROW_TEXT = 200

COMMON_FIELDS = {
    "reden": FieldDef("reden", "Reden", "text"),
    "toelichting": FieldDef("toelichting", "Toelichting", "text"),
    "motivering": FieldDef("motivering", "Motivering", "text"),
    "verslag": FieldDef("verslag", "Verslag", "text"),
    "weken": FieldDef("weken", "Aantal weken", "int", minimum=1, maximum=52),
    "resultaat": FieldDef("resultaat", "Resultaat", "choice"),
}


def field_def(fields: Mapping[str, FieldDef], name: str, dest: StateDef) -> FieldDef:
    """The field as this transition sees it; `resultaat` takes its options from the final state."""
    definition = fields[name]
    if name == "resultaat":
        return FieldDef(name, definition.label, "choice", options=dict(dest.results))
    return definition


def clean_data(
    fields: Mapping[str, FieldDef],
    transition: TransitionDef,
    dest: StateDef,
    raw: Mapping[str, Any],
) -> dict[str, Any]:
    """Check and convert the data for one transition; raise InvalidData naming every bad field."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for name in (*transition.requires, *transition.optional):
        definition = field_def(fields, name, dest)
        value = raw.get(name)
        if _is_empty(value) and definition.default == "today":
            value = clock.today()
        if _is_empty(value):
            if name in transition.requires:
                errors[name] = f"{definition.label} is verplicht."
            continue
        try:
            cleaned[name] = _convert(definition, value)
        except ValueError as exc:
            errors[name] = str(exc)
    result = cleaned.get("resultaat")
    for name in transition.requires_for.get(str(result), ()):
        if name not in cleaned and name not in errors:
            label = fields[name].label
            errors[name] = (
                f"{label} is verplicht bij resultaat {dest.results[str(result)].lower()}."
            )
    if errors:
        raise InvalidData(errors)
    return cleaned


def to_json(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def _is_empty(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return not value
    return value is None or (isinstance(value, str) and not value.strip())


def _rows(label: str, value: Any) -> list[dict[str, str]]:
    """Rows as the page that asks for them sends them: mappings of short texts. What the
    values mean is checked by the effect that writes them (a product in the catalogue)."""
    if not isinstance(value, list | tuple) or not all(isinstance(r, Mapping) for r in value):
        raise ValueError(f"{label}: geef de regels als een lijst.")
    if len(value) > MAX_ROWS:
        raise ValueError(f"{label}: maximaal {MAX_ROWS} regels.")
    rows = []
    for row in value:
        cleaned = {}
        for key, item in row.items():
            text = "" if item is None else str(item).strip()
            if len(text) > ROW_TEXT:
                raise ValueError(f"{label}: maximaal {ROW_TEXT} tekens per vak.")
            cleaned[str(key)] = text
        rows.append(cleaned)
    return rows


def _convert(definition: FieldDef, value: Any) -> Any:
    label = definition.label
    if definition.type == "text":
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            raise ValueError(f"{label}: maximaal {MAX_TEXT:,} tekens.".replace(",", "."))
        return text
    if definition.type == "rows":
        return _rows(label, value)
    if definition.type == "bool":
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("1", "true", "ja", "on", "y")
    if definition.type == "date":
        if isinstance(value, date):
            return value
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"{label}: vul een geldige datum in (jjjj-mm-dd).") from None
        if not 1900 <= day.year <= 2100:
            raise ValueError(f"{label}: vul een datum tussen 1900 en 2100 in.")
        return day
    if definition.type == "int":
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValueError(f"{label}: vul een heel getal in.") from None
        if definition.minimum is not None and number < definition.minimum:
            raise ValueError(f"{label}: minimaal {definition.minimum}.")
        if definition.maximum is not None and number > definition.maximum:
            raise ValueError(f"{label}: maximaal {definition.maximum}.")
        return number
    choice = str(value)
    if choice not in definition.options:
        allowed = ", ".join(definition.options.values())
        raise ValueError(f"{label}: kies een van de mogelijkheden ({allowed}).")
    return choice
