"""A day as people type it (16-03-2026) or a date field sends it (2026-03-16), read once for
every register form, with the Dutch message beside the field when it cannot be read."""

from datetime import date, datetime

FIRST_YEAR, LAST_YEAR = 1900, 2100


def read_day(
    raw: str | None, said: str, key: str, errors: dict[str, str], optional: bool = False
) -> date | None:
    """The day in `raw`, or None with a message under `key` (none when optional and empty).
    `said` names the field in the message, e.g. "Product 1: de ingangsdatum"."""
    text = (raw or "").strip()
    if not text:
        if not optional:
            errors[key] = f"{said}: vul een datum in."
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if FIRST_YEAR <= day.year <= LAST_YEAR:
            return day
    errors[key] = f"{said}: vul een geldige datum in, bijvoorbeeld 16-03-2026."
    return None
