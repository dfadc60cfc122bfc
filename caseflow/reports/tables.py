"""Plain tables as CSV (semicolons, for Dutch spreadsheets and BI tools) or XLSX (a sheet each).

Used where the rows are not one indicator's result: the service agreement, the long-format
indicator data and an issued report. Text never runs as a formula (caseflow.security.exports).
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from caseflow.security.exports import keep_text, neutralise

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow(["" if value is None else neutralise(value) for value in row])
    return out.getvalue()


def _sheet_title(title: str, taken: set[str]) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name, each name once."""
    clean = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()[:31] or "Blad"
    name, number = clean, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = clean[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def to_xlsx(tables: Sequence[Table]) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, taken))
        sheet.append(list(table.header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(list(row))
            keep_text(sheet[sheet.max_row])
        for index, label in enumerate(table.header, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, len(label) + 2)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
