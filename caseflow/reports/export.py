"""A report result as CSV (column codes, for machines) or XLSX (Dutch labels, for people)."""

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from caseflow.reports.base import Number, ReportResult
from caseflow.security.exports import keep_text, neutralise

NUMBER_FORMATS = {"procent": "0.0", "dagen": "0.0", "gemiddelde": "0.00", "aantal": "0"}


def columns(result: ReportResult) -> list[tuple[str, str]]:
    """(code, Dutch label) of every column: one per grouping, then one per measure."""
    groups = [(d.key, d.label) for d in result.dimensions]
    return groups + [(m.key, m.label) for m in result.indicator.measures]


def _cells(result: ReportResult) -> list[list[str | Number]]:
    measures = [m.key for m in result.indicator.measures]
    return [
        [*row.labels, *(row.values.get(key) for key in measures)] for row in result.export_rows()
    ]


def to_csv(result: ReportResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([code for code, _ in columns(result)])
    for cells in _cells(result):
        writer.writerow(["" if value is None else neutralise(value) for value in cells])
    return out.getvalue()


def _append(sheet: Worksheet, values: Sequence[str | Number | None]) -> None:
    """The next row; text goes in as text, so a label like '=1+1' is never a formula."""
    sheet.append(list(values))
    keep_text(sheet[sheet.max_row])


def to_xlsx(result: ReportResult, description: Sequence[tuple[str, str]] = ()) -> bytes:
    """One sheet with the numbers, one with what they mean and which filters were used."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cijfers"
    cols = columns(result)
    _append(sheet, [label for _, label in cols])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    groups = len(result.dimensions)
    units = [m.unit for m in result.indicator.measures]
    for cells in _cells(result):
        _append(sheet, cells)
        for offset, unit in enumerate(units):
            sheet.cell(sheet.max_row, groups + offset + 1).number_format = NUMBER_FORMATS[unit]
    for index, (_, label) in enumerate(cols, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(label) + 2)
    sheet.freeze_panes = "A2"

    notes = book.create_sheet("Toelichting")
    _append(notes, ["Indicator", result.indicator.name])
    _append(notes, ["Definitie", result.indicator.definition])
    for name, value in description:
        _append(notes, [name, value])
    _append(notes, [])
    _append(notes, ["Kolom", "Code"])
    for code, label in cols:
        _append(notes, [label, code])
    notes.column_dimensions["A"].width = 30
    notes.column_dimensions["B"].width = 100

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
