"""The four-monthly bestuursrapportage as PDF holds the same figures as the page."""

from datetime import date
from decimal import Decimal

import time_machine

from caseflow.extensions import db
from caseflow.reports import municipal, pdf
from caseflow.reports.filters import ReportFilter
from caseflow.reports.norm_admin import save_norm
from caseflow.reports.periods import Period
from tests.offices import Office
from tests.reports.helpers import at, decide, wmo


def test_pdf_has_the_norm_table_sections_and_trend(
    office: Office, travel: time_machine.Traveller
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
    document = pdf.render(report, {"wmo_aanvraag": "Wmo-aanvraag"}, compress=False)
    assert document.startswith(b"%PDF")
    for text in (
        b"Bestuursrapportage Maastricht, 1e viermaandsperiode 2026",
        b"Werkelijk tegenover norm en raming",
        b"Onder de norm",
        b"-41,2%",
        b"Verloop over de jaren: Tijdigheid",
        # The headline under the definition, parentheses escaped as PDF strings do.
        b"Tijdig, lopende termijnen meegeteld \\(%\\): 50,0%",
    ):
        assert text in document, text
