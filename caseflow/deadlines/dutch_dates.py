"""Dates written out in Dutch, independent of the system locale."""

from datetime import date

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def format_date(day: date) -> str:
    """Return e.g. ``donderdag 19 maart 2026``."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def capitalize(text: str) -> str:
    """Upper-case only the first letter, for a date at the start of a sentence."""
    return text[:1].upper() + text[1:]


def plural(count: int, singular: str, plural_form: str) -> str:
    """Return e.g. ``1 week`` or ``2 weken``."""
    return f"{count} {singular if count == 1 else plural_form}"
