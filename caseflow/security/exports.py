"""Exported text never runs as a formula in the spreadsheet that opens it.

A name, a team or a note that starts with =, +, -, @ (or a tab or carriage return) is read by
Excel and LibreOffice as a formula: `=HYPERLINK(...)` in a user name would become a link that
leaks data when clicked. CSV cells get a leading apostrophe; XLSX cells are stored as text.
"""

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A string that a spreadsheet would read as a formula, prefixed so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def keep_text(cells: Iterable[Cell | MergedCell]) -> None:
    """Store every string of these XLSX cells as a string, never as a formula."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
