"""A date asked as three boxes, dag, maand and jaar (the GOV.UK and NL Design System pattern).

A browser's date picker shows the date in the browser's own order (mm/dd/jjjj in one, dd-mm-jjjj
in another) while the hint speaks of another, and a birth date typed in the wrong order was
stored with day and month swapped. Three labelled boxes leave no doubt which number is the day.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from wtforms import Field
from wtforms.utils import unset_value

PARTS = ("dag", "maand", "jaar")
PART_LABELS = {"dag": "Dag", "maand": "Maand", "jaar": "Jaar"}
FIRST_YEAR, LAST_YEAR = 1900, 2100


class DatePartsField(Field):
    """`data` is a date or None; `parts` holds what was typed, to show it again after an error.
    The boxes are posted as <name>-dag, <name>-maand and <name>-jaar."""

    widget_type = "date_parts"

    def process(
        self,
        formdata: Any,
        data: Any = unset_value,
        extra_filters: Sequence[Any] | None = None,
    ) -> None:
        self.process_errors: list[Any] = []
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = data
        self.data = data if isinstance(data, date) else None
        self.parts = _parts_of(self.data)
        self.raw_data: list[str] | None = None
        if formdata is None or not any(self.part_name(p) in formdata for p in PARTS):
            return
        self.parts = {p: (formdata.get(self.part_name(p)) or "").strip() for p in PARTS}
        self.raw_data = list(self.parts.values())
        try:
            self.data = parse_parts(self.parts)
        except ValueError as exc:
            self.data = None
            self.process_errors.append(str(exc))

    def part_name(self, part: str) -> str:
        return f"{self.name}-{part}"

    def part_id(self, part: str) -> str:
        """The day box carries the field's own id, so a link to the field lands in it."""
        return self.id if part == "dag" else f"{self.id}-{part}"

    def _value(self) -> str:
        return "-".join(self.parts[p] for p in PARTS)


def _parts_of(day: date | None) -> dict[str, str]:
    if day is None:
        return dict.fromkeys(PARTS, "")
    return {"dag": str(day.day), "maand": str(day.month), "jaar": str(day.year)}


def parse_parts(parts: dict[str, str]) -> date | None:
    """The date the three boxes say, None when all are empty; a Dutch ValueError otherwise."""
    if not any(parts.values()):
        return None
    missing = [PART_LABELS[p].lower() for p in PARTS if not parts[p]]
    if missing:
        raise ValueError(f"Vul ook de {' en de '.join(missing)} in.")
    if not all(parts[p].isdigit() for p in PARTS):
        raise ValueError("Vul dag, maand en jaar in met cijfers, bijvoorbeeld 17 5 1980.")
    if len(parts["jaar"]) != 4:
        raise ValueError("Vul het jaar in met vier cijfers, bijvoorbeeld 1980.")
    year, month, day = int(parts["jaar"]), int(parts["maand"]), int(parts["dag"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"Vul een jaar tussen {FIRST_YEAR} en {LAST_YEAR} in.")
    if not 1 <= month <= 12:
        raise ValueError("De maand is een getal van 1 tot en met 12.")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("Deze datum bestaat niet. Controleer de dag.") from None
