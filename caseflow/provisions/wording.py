"""Provisions and benefits in words: amounts in Dutch notation, periods as people say them.

The decision text, the timeline, the dossier and the lists read the same descriptions, so a grant
reads the same everywhere it is shown.
"""

from datetime import date
from decimal import Decimal

from caseflow.deadlines.dutch_dates import MONTHS


def long_date(day: date) -> str:
    """16 maart 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def amount_text(amount: Decimal) -> str:
    """3, 2,5 or 1.250,50: no decimals when whole, a decimal comma, a thousands dot."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}".replace(",", ".")
    whole, _, fraction = f"{amount:,.2f}".partition(".")
    return f"{whole.replace(',', '.')},{fraction.rstrip('0')}"


def period_text(start: date, end: date | None) -> str:
    if end is None:
        return f"vanaf {long_date(start)}, zonder einddatum"
    return f"van {long_date(start)} tot en met {long_date(end)}"


def grant_text(
    label: str, form: str, provider: str | None, amount: Decimal, unit: str, period: str
) -> str:
    """Hulp bij het huishouden, zorg in natura door Thuiszorg Heuvelland, 3 uur per week, van
    16 maart 2026 tot en met 15 maart 2027."""
    by = f" door {provider}" if provider else ""
    return f"{label}, {form.lower()}{by}, {amount_text(amount)} {unit}, {period}"
