"""Recording norms: one at a time, or a whole service agreement (DVO) from a CSV file.

The file's rows are the agreement: per municipality, indicator and year a norm or raming. An
indicator caseflow does not compute is described in the same row (omschrijving, definitie,
onderdeel, eenheid, richting, herkomst "hand") and joins the catalogue; its figure is then
entered by hand per period. The export writes the same columns, so a file round-trips.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import sqlalchemy as sa
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from caseflow.extensions import db
from caseflow.models import (
    ALL_CASE_TYPES,
    DIRECTIONS,
    UNITS,
    DvoIndicator,
    Municipality,
    Norm,
    NormKind,
)
from caseflow.reports.catalogue import HAND, TARGETS, hand_targets
from caseflow.reports.tables import Cell, Table
from caseflow.workflow.registry import registry

COLUMNS = (
    "gemeente",
    "indicator",
    "omschrijving",
    "definitie",
    "onderdeel",
    "eenheid",
    "richting",
    "herkomst",
    "zaaktype",
    "jaar",
    "soort",
    "waarde",
    "bron",
)
REQUIRED = ("gemeente", "indicator", "jaar", "waarde")
EXAMPLE = (
    "gemeente;indicator;zaaktype;jaar;soort;waarde;bron\n"
    "maastricht;tijdigheid;;2026;norm;85;DVO 2026\n"
    "maastricht;bezwaren_gegrond;bezwaar;2026;norm;25;DVO 2026\n"
    "maastricht;instroom;;2026;raming;1200;Begroting 2026\n"
)


class NormError(ValueError):
    """A value that cannot be a norm; the message is Dutch."""


def parse_value(text: str) -> Decimal:
    """85, 85,5 or 85.5; with both signs the point groups thousands: 1.200,5."""
    cleaned = text.strip().replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise NormError(f"'{text}' is geen getal.") from None
    if value < 0 or not value.is_finite():
        raise NormError("Een norm kan niet negatief zijn.")
    return value.quantize(Decimal("0.01"))


def save_norm(
    municipality_id: int,
    target: str,
    case_type: str,
    year: int,
    kind: str,
    value: Decimal,
    source: str | None,
    *,
    user_id: int | None,
) -> tuple[Norm, bool]:
    """Add the norm, or replace the value of the one with the same key; True when new."""
    norm = db.session.scalar(
        sa.select(Norm).where(
            Norm.municipality_id == municipality_id,
            Norm.indicator == target,
            Norm.case_type == case_type,
            Norm.year == year,
        )
    )
    created = norm is None
    if norm is None:
        norm = Norm(
            municipality_id=municipality_id, indicator=target, case_type=case_type, year=year
        )
        db.session.add(norm)
    norm.kind, norm.value, norm.source, norm.updated_by_id = kind, value, source, user_id
    return norm, created


class HandIndicator(NamedTuple):
    code: str
    label: str
    definition: str
    section: str
    unit: str
    better: str | None


def save_indicator(row: HandIndicator) -> None:
    """Add the hand-entered indicator to the catalogue, or update its description."""
    found = db.session.get(DvoIndicator, row.code)
    if found is None:
        found = DvoIndicator(code=row.code)
        db.session.add(found)
    found.label, found.definition, found.section = row.label, row.definition, row.section
    found.unit, found.better = row.unit, row.better


def _hand_indicator(raw: dict[str, str], code: str) -> HandIndicator:
    label = (raw.get("omschrijving") or "").strip()
    if not label:
        raise NormError(f"indicator '{code}' heeft geen omschrijving.")
    if len(code) > 40 or not code.replace("_", "").isalnum() or not code.isascii():
        raise NormError(f"code '{code}': kleine letters, cijfers en _, hoogstens 40 tekens.")
    unit = (raw.get("eenheid") or "").strip().lower()
    if unit not in UNITS:
        raise NormError(f"eenheid '{unit}' moet een van {', '.join(UNITS)} zijn.")
    better = (raw.get("richting") or "").strip().lower() or None
    if better is not None and better not in DIRECTIONS:
        raise NormError(f"richting '{better}' moet 'hoger', 'lager' of leeg zijn.")
    return HandIndicator(
        code.lower(),
        label[:200],
        (raw.get("definitie") or "").strip(),
        (raw.get("onderdeel") or "").strip()[:60],
        unit,
        better,
    )


class NormRow(NamedTuple):
    municipality_id: int
    target: str
    case_type: str
    year: int
    kind: str
    value: Decimal
    source: str | None


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)
    indicators: int = 0


def _row(
    raw: dict[str, str], municipalities: dict[str, Municipality], known: set[str]
) -> tuple[NormRow, HandIndicator | None]:
    for name in REQUIRED:
        if not raw.get(name, "").strip():
            raise NormError(f"kolom '{name}' is leeg.")
    municipality = municipalities.get(raw["gemeente"].strip().lower())
    if municipality is None:
        raise NormError(f"gemeente '{raw['gemeente']}' is onbekend of niet van u.")
    target = raw["indicator"].strip()
    hand = None
    if (raw.get("herkomst") or "").strip().lower() == HAND:
        if target in TARGETS:
            raise NormError(f"indicator '{target}' berekent caseflow zelf: herkomst 'caseflow'.")
        hand = _hand_indicator(raw, target)
    elif target not in TARGETS and target not in known:
        raise NormError(f"indicator '{target}' bestaat niet (kies uit {', '.join(TARGETS)}).")
    case_type = (raw.get("zaaktype") or "").strip()
    if case_type and case_type not in registry().workflows:
        raise NormError(f"zaaktype '{case_type}' bestaat niet.")
    year_text = raw["jaar"].strip()
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        raise NormError(f"jaar '{year_text}' klopt niet.")
    kind = (raw.get("soort") or NormKind.NORM).strip().lower()
    if kind not in {k.value for k in NormKind}:
        raise NormError(f"soort '{kind}' moet 'norm' of 'raming' zijn.")
    value = parse_value(raw["waarde"])
    source = (raw.get("bron") or "").strip() or None
    row = NormRow(
        municipality.id, target, case_type or ALL_CASE_TYPES, int(year_text), kind, value, source
    )
    return row, hand


class UnreadableFile(NormError):
    """Not a CSV or XLSX file caseflow can read."""


def xlsx_as_csv(data: bytes) -> str:
    """The first sheet of a workbook as the semicolon text `import_csv` reads."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, zipfile.BadZipFile):
        raise UnreadableFile("Het Excel-bestand kan niet worden gelezen.") from None
    sheet = book.worksheets[0]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    for row in sheet.iter_rows(values_only=True):
        writer.writerow(["" if cell is None else _cell_text(cell) for cell in row])
    return out.getvalue()


def _cell_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def import_csv(text: str, municipalities: list[Municipality], user_id: int | None) -> ImportResult:
    """All rows or none: with any error nothing is saved and every error is named by line."""
    known = {m.code.lower(): m for m in municipalities} | {
        m.name.lower(): m for m in municipalities
    }
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    result = ImportResult()
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        result.errors.append(f"De kopregel mist de kolom(men): {', '.join(missing)}.")
        return result
    rows: list[NormRow] = []
    indicators: dict[str, HandIndicator] = {}
    seen: dict[tuple[object, ...], int] = {}
    in_catalogue = set(hand_targets())
    for line, raw in enumerate(reader, start=2):
        try:
            row, hand = _row({k: v or "" for k, v in raw.items() if k}, known, in_catalogue)
            if hand is not None and indicators.setdefault(hand.code, hand) != hand:
                raise NormError(f"indicator '{hand.code}' staat eerder anders omschreven.")
        except NormError as exc:
            result.errors.append(f"Regel {line}: {exc}")
            continue
        key = row[:4]
        if key in seen:
            result.errors.append(f"Regel {line}: staat al op regel {seen[key]}.")
        seen[key] = line
        rows.append(row)
    if not rows and not result.errors:
        result.errors.append("Het bestand bevat geen normen.")
    if result.errors:
        return result
    for hand in indicators.values():
        save_indicator(hand)
    result.indicators = len(indicators)
    db.session.flush()
    for row in rows:
        _, created = save_norm(*row, user_id=user_id)
        result.added += created
        result.updated += not created
    return result


def agreement_table(municipalities: list[Municipality], year: int | None) -> Table:
    """The agreements of these municipalities (one year, or every year) in the import's columns."""
    names = {m.id: m.code for m in municipalities}
    query = sa.select(Norm).where(Norm.municipality_id.in_(list(names)))
    if year is not None:
        query = query.where(Norm.year == year)
    hand = hand_targets()
    rows: list[list[Cell]] = []
    for norm in db.session.scalars(query.order_by(Norm.indicator, Norm.municipality_id, Norm.year)):
        target = hand.get(norm.indicator) or TARGETS.get(norm.indicator)
        # Only a hand-entered indicator is described in the file; caseflow knows its own.
        about = target if target is not None and target.hand else None
        rows.append(
            [
                names[norm.municipality_id],
                norm.indicator,
                about.label if about else "",
                about.definition if about else "",
                target.section if target else "",
                about.unit if about else "",
                (about.better or "") if about else "",
                target.source if target else "",
                norm.case_type,
                norm.year,
                norm.kind,
                plain_number(norm.value),
                norm.source or "",
            ]
        )
    title = f"DVO {year}" if year is not None else "DVO"
    return Table(title, COLUMNS, rows)


def plain_number(value: Decimal) -> str:
    """85 rather than 85.00, 7.5 rather than 7.50: as the file was written."""
    return format(value.normalize(), "f") if value % 1 else str(int(value))
