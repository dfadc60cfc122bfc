"""The report command: CSV with exactly the agreed columns, XLSX for people."""

import csv
import io
from pathlib import Path

import pytest
import time_machine
from flask import Flask
from openpyxl import load_workbook

from tests.offices import MakeOffice
from tests.reports.helpers import at, decide, wmo

MEASURES = [
    "afgehandeld_tijdig",
    "afgehandeld_te_laat",
    "open_tijdig",
    "open_te_laat",
    "percentage_tijdig",
    "percentage_open_te_laat",
    "percentage_tijdig_met_lopend",
]


@pytest.fixture
def two_municipalities(make_office: MakeOffice, travel: time_machine.Traveller) -> None:
    maastricht, vaals = make_office("maastricht"), make_office("vaals")
    at(travel, "2026-03-02 10:00")
    late, in_time, still_open = wmo(maastricht), wmo(maastricht), wmo(vaals)
    at(travel, "2026-03-10 10:00")
    decide(in_time)
    at(travel, "2026-04-01 10:00")
    decide(late)
    assert still_open.closed_at is None


def _csv(app: Flask, *args: str) -> list[dict[str, str]]:
    result = app.test_cli_runner().invoke(args=["report", "tijdigheid", *args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.output))
    rows = list(reader)
    return [{"_columns": ",".join(reader.fieldnames or [])}, *rows]


def test_csv_by_municipality_has_exactly_the_named_columns(
    app: Flask, two_municipalities: None
) -> None:
    header, *rows = _csv(app, "--by", "gemeente")
    assert header["_columns"].split(",") == ["gemeente", *MEASURES]
    assert rows == [
        {
            "gemeente": "Maastricht",
            "afgehandeld_tijdig": "1",
            "afgehandeld_te_laat": "1",
            "open_tijdig": "0",
            "open_te_laat": "0",
            "percentage_tijdig": "50.0",
            "percentage_open_te_laat": "",
            "percentage_tijdig_met_lopend": "50.0",
        },
        {
            "gemeente": "Vaals",
            "afgehandeld_tijdig": "0",
            "afgehandeld_te_laat": "0",
            "open_tijdig": "0",
            "open_te_laat": "1",
            "percentage_tijdig": "",
            "percentage_open_te_laat": "100.0",
            "percentage_tijdig_met_lopend": "0.0",
        },
    ]


def test_csv_without_grouping_is_one_total_row(app: Flask, two_municipalities: None) -> None:
    header, *rows = _csv(app)
    assert header["_columns"].split(",") == MEASURES
    assert [r["afgehandeld_tijdig"] + "/" + r["open_te_laat"] for r in rows] == ["1/1"]


def test_csv_period_counts_only_deadlines_stopped_in_it(
    app: Flask, two_municipalities: None
) -> None:
    _, *rows = _csv(app, "--by", "zaaktype", "--from", "2026-03-01", "--to", "2026-03-31")
    assert [(r["afgehandeld_tijdig"], r["afgehandeld_te_laat"]) for r in rows] == [("1", "0")]


def test_xlsx_to_a_file_has_dutch_headers_and_numbers(
    app: Flask, two_municipalities: None, tmp_path: Path
) -> None:
    target = tmp_path / "tijdigheid.xlsx"
    args = ["report", "tijdigheid", "--by", "team", "--format", "xlsx", "--output", str(target)]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target)["Cijfers"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == [
        "Team",
        "Afgehandeld tijdig",
        "Afgehandeld te laat",
        "Open, op tijd",
        "Open, al te laat",
        "Afgehandeld tijdig (%)",
        "Open, al te laat (%)",
        "Tijdig, lopende termijnen meegeteld (%)",
    ]
    assert values[1:] == [
        ["Wmo Maastricht", 1, 1, 0, 0, 50.0, None, 50.0],
        ["Wmo Vaals", 0, 0, 0, 1, None, 100.0, 0.0],
    ]


def test_month_grouping_needs_a_period(app: Flask, two_municipalities: None) -> None:
    result = app.test_cli_runner().invoke(
        args=["report", "doorstroom", "--by", "maand", "--format", "csv"]
    )
    assert result.exit_code != 0
    assert "Kies een begin- en einddatum" in result.output
