"""Numbers written the Dutch way: decimal comma, percent sign, a dash for 'no figure'."""

from caseflow.reports.base import Number

DECIMALS = {"procent": 1, "dagen": 1, "gemiddelde": 2, "euro": 0}


def number(value: Number, unit: str = "aantal") -> str:
    if value is None:
        return "–"
    text = f"{float(value):,.{DECIMALS[unit]}f}" if unit in DECIMALS else f"{value:,}"
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    if unit == "euro":
        return "€ " + text
    return text + ("%" if unit == "procent" else "")


def signed_percent(value: float | None) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + number(value, "procent")
