"""The council's PDFs as the document engine writes them: the bestuursrapportage of every tertial
and the jaarverantwoording of every year, for each demo municipality over the last two years,
open without error, read back with the Dutch characters, the euro sign and the shortened chart
labels' "…", and carry every font they use, so they look and read the same on any machine.

A PDF takes seconds to write: the demo is seeded once for the module and each document is
written once, before the checks per document run.
"""

import functools
import io
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from werkzeug.security import generate_password_hash

from caseflow import clock
from caseflow.demo import seed
from caseflow.demo.organisation import MUNICIPALITIES
from caseflow.extensions import db
from caseflow.models import Municipality, Role
from caseflow.reports import document, municipal
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period
from caseflow.web.reports.municipal import labels
from tests.factories import Factory
from tests.offices import Office
from tests.reports.helpers import at, decide, wmo

pytestmark = pytest.mark.documents

# The demo's "today", as the `travel` fixture sets it: Monday 2 March 2026, 10:00 in Amsterdam.
DEMO_MOMENT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
YEARS = (2025, 2026)
DOCUMENTS = [
    (code, kind, period)
    for code, *_ in MUNICIPALITIES
    for year in YEARS
    for kind, period in [
        *((municipal.FOUR_MONTHLY, f"{year}-T{n}") for n in (1, 2, 3)),
        (municipal.ANNUAL, f"{year}"),
    ]
]
# "ë" from Cliëntwaardering, "€" from the agreement's fraud recoveries, "…" from a chart label.
CHARACTERS = {"…", "ë", "€"}
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
# 60 characters with an en dash: longer than a chart label may be.
LONG_TEAM = "Gebiedsteam Maastricht Noordwest en Noordoost – Heer en Hoge"


def _pdf(municipality: Municipality, kind: str, period: str) -> bytes:
    report = municipal.build(
        municipality, Period.parse(period), ReportFilter(today=clock.today()), kind
    )
    return document.pdf(report, document.body(report, labels()))


@pytest.fixture(scope="module")
def documents(app: Flask) -> Iterator[dict[tuple[str, str], bytes | str]]:
    """Each document's PDF, or the traceback of why it could not be written."""
    written: dict[tuple[str, str], bytes | str] = {}
    cheap = functools.partial(generate_password_hash, method="scrypt:1024:8:1")
    with (
        time_machine.travel(DEMO_MOMENT, tick=False),
        pytest.MonkeyPatch.context() as patch,
        app.test_request_context(),
    ):
        # As tests/conftest.py does for every seeding test: passwords play no part here.
        patch.setattr("caseflow.demo.organisation.generate_password_hash", cheap)
        seed()
        db.session.commit()
        by_code = {m.code: m for m in db.session.scalars(sa.select(Municipality))}
        for code, kind, period in DOCUMENTS:
            try:
                written[code, period] = _pdf(by_code[code], kind, period)
            except Exception:
                written[code, period] = traceback.format_exc()
    yield written


def _missing(pdf: PdfReader, wanted: set[str]) -> set[str]:
    """The characters of `wanted` that the PDF's text does not hold; reads only as far as needed."""
    missing = set(wanted)
    for page in pdf.pages:
        missing -= set(page.extract_text())
        if not missing:
            break
    return missing


def _fonts(pdf: PdfReader) -> list[DictionaryObject]:
    """Every font the pages draw with, the fonts inside the charts (form XObjects) too."""
    fonts: dict[int, DictionaryObject] = {}
    seen: set[int] = set()
    pending = [page.get("/Resources") for page in pdf.pages]
    while pending:
        resources = pending.pop()
        if resources is None:
            continue
        resources = resources.get_object()
        for font in _entries(resources, "/Font"):
            fonts[_key(font)] = font.get_object()
        for form in _entries(resources, "/XObject"):
            if _key(form) not in seen:
                seen.add(_key(form))
                pending.append(form.get_object().get("/Resources"))
    return list(fonts.values())


def _entries(resources: DictionaryObject, kind: str) -> list[Any]:
    """The values of a resource dictionary's /Font or /XObject, as written (maybe references)."""
    found = resources.get(kind)
    return list(found.get_object().values()) if found is not None else []


def _key(item: Any) -> int:
    return item.idnum if isinstance(item, IndirectObject) else id(item)


def _not_embedded(pdf: PdfReader) -> list[str]:
    """The fonts without their font program in the file: a composite font's descendants count."""
    fonts = _fonts(pdf)
    assert fonts, "the PDF uses no font at all"
    missing = []
    for font in fonts:
        parts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
        for part in parts:
            descriptor = part.get("/FontDescriptor")
            if descriptor is None or not any(f in descriptor.get_object() for f in FONT_FILES):
                missing.append(str(part.get("/BaseFont")))
    return missing


@pytest.mark.parametrize(
    ("code", "kind", "period"), DOCUMENTS, ids=[f"{c}-{p}" for c, _, p in DOCUMENTS]
)
def test_every_council_report_of_the_last_two_years_is_a_complete_pdf(
    documents: dict[tuple[str, str], bytes | str], code: str, kind: str, period: str
) -> None:
    written = documents[code, period]
    if isinstance(written, str):
        pytest.fail(f"{municipal.KIND_TITLES[kind]} {code} {period} is not written:\n{written}")
    pdf = PdfReader(io.BytesIO(written))
    assert _missing(pdf, CHARACTERS) == set()
    assert _not_embedded(pdf) == []


def test_a_team_with_a_sixty_character_name_is_printed_in_full(
    app: Flask, factory: Factory, office: Office, travel: time_machine.Traveller
) -> None:
    assert len(LONG_TEAM) == 60
    team = factory.team([office.gemeente], name=LONG_TEAM)
    consultant = factory.user(Role.CONSULENT, municipalities=[office.gemeente], teams=[team])
    at(travel, "2026-03-02 10:00")
    decided, _still_open = wmo(office, consultant, team), wmo(office, consultant, team)
    at(travel, "2026-03-16 10:00")
    decide(decided)
    db.session.commit()
    at(travel, "2026-05-04 10:00")
    with app.test_request_context():
        written = _pdf(office.gemeente, municipal.FOUR_MONTHLY, "2026-T1")
    pdf = PdfReader(io.BytesIO(written))
    text = "".join("".join(page.extract_text().split()) for page in pdf.pages)
    name = "".join(LONG_TEAM.split())
    # In the tables per team (tijdigheid, werkvoorraad), wrapped but never cut short.
    assert text.count(name) >= 2
    assert text.count(name[:30]) == text.count(name)
    assert _not_embedded(pdf) == []
