"""Recording norms: one at a time, or a whole service agreement from a CSV file."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import ALL_CASE_TYPES, Municipality, Norm, NormKind
from caseflow.reports.norms import TARGETS
from caseflow.workflow.registry import registry

COLUMNS = ("gemeente", "indicator", "zaaktype", "jaar", "soort", "waarde", "bron")
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


def _row(raw: dict[str, str], municipalities: dict[str, Municipality]) -> NormRow:
    for name in REQUIRED:
        if not raw.get(name, "").strip():
            raise NormError(f"kolom '{name}' is leeg.")
    municipality = municipalities.get(raw["gemeente"].strip().lower())
    if municipality is None:
        raise NormError(f"gemeente '{raw['gemeente']}' is onbekend of niet van u.")
    target = raw["indicator"].strip()
    if target not in TARGETS:
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
    return NormRow(
        municipality.id, target, case_type or ALL_CASE_TYPES, int(year_text), kind, value, source
    )


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
    seen: dict[tuple[object, ...], int] = {}
    for line, raw in enumerate(reader, start=2):
        try:
            row = _row({k: v or "" for k, v in raw.items() if k}, known)
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
    for row in rows:
        _, created = save_norm(*row, user_id=user_id)
        result.added += created
        result.updated += not created
    return result
