"""Hand-worked dates that check their own weekday, so a typo in a test cannot go unnoticed."""

from datetime import date

WEEKDAY_ABBREVIATIONS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def on(text: str) -> date:
    """Parse ``"ma 2026-04-06"``: a Dutch weekday abbreviation and an ISO date."""
    weekday, iso = text.split()
    day = date.fromisoformat(iso)
    actual = WEEKDAY_ABBREVIATIONS[day.weekday()]
    assert actual == weekday, f"{iso} is a {actual}, not a {weekday}"
    return day
