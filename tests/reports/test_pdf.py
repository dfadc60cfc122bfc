"""The four-monthly bestuursrapportage as PDF holds the same figures as the page."""

import io
from datetime import date
from decimal import Decimal

import pypdf
import time_machine
from flask import Flask

from caseflow.extensions import db
from caseflow.reports import document, municipal
from caseflow.reports.filters import ReportFilter
from caseflow.reports.norm_admin import save_norm
from caseflow.reports.periods import Period
from tests.offices import Office
from tests.reports.helpers import at, decide, wmo


def test_pdf_has_the_norm_table_sections_and_trend(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-03-02 10:00")
    in_time, late = wmo(office), wmo(office)
    decide(in_time)
    at(travel, "2026-03-20 10:00")
    decide(late)
    save_norm(office.gemeente.id, "tijdigheid", "", 2026, "norm", Decimal(85), None, user_id=None)
    db.session.commit()
    report = municipal.build(
        office.gemeente,
        Period.tertial(2026, 1),
        ReportFilter(today=date(2026, 5, 4)),
        municipal.FOUR_MONTHLY,
    )
    assert [s.title for s in report.sections][:3] == [
        "Tijdigheid per zaaktype",
        "Tijdigheid per team",
        "Doorlooptijd per zaaktype",
    ]
    tijdigheid = next(c for c in report.comparisons if c.target.code == "tijdigheid")
    assert (tijdigheid.actual, tijdigheid.deviation) == (50.0, -41.2)
    with app.test_request_context():
        labels = {"wmo_aanvraag": "Wmo-aanvraag"}
        pdf = document.pdf(report, document.body(report, labels))
    assert pdf.startswith(b"%PDF")
    text = " ".join(
        " ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
    )
    for wanted in (
        "Bestuursrapportage Maastricht, 1e viermaandsperiode 2026",
        "Werkelijk tegenover norm en raming",
        "Onder de norm",
        "-41,2%",
        "Verloop over de jaren: Tijdigheid",
        "Tijdig, lopende termijnen meegeteld (%): 50,0%",
    ):
        assert wanted in text, wanted
