"""A municipality's report as a document: the page's body, and the PDF made from that same HTML.

The body is one template (reports/_municipal_body.html) for the page, the PDF and the frozen copy
of an issued report, so the council's PDF can never say something the page does not. The PDF
goes through the document engine (caseflow.pdf: tagged PDF/UA, fonts embedded); charts stay
vector graphics with their tables beside them.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app
from markupsafe import Markup

from caseflow.pdf import render_pdf
from caseflow.reports.municipal import MunicipalityReport

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "report-print.css"


@dataclass(frozen=True)
class IssueMark:
    """What an issued PDF says about itself in its heading."""

    moment: str
    by: str
    version: int


def body(
    report: MunicipalityReport,
    labels: dict[str, str],
    drill: dict[str, str] | None = None,
    may_list: bool = False,
) -> Markup:
    """The report's sections as HTML; without `may_list` no figure links to a list of cases."""
    module: Any = current_app.jinja_env.get_template("reports/_municipal_body.html").module
    return Markup(module.report_body(report, labels, drill or {}, may_list))  # nosec B704


def pdf(report: MunicipalityReport, html_body: Markup, issued: IssueMark | None = None) -> bytes:
    template = current_app.jinja_env.get_template("reports/municipal_document.html")
    document = template.render(
        report=report,
        body=html_body,
        issued=issued,
        organisation=report.municipality.organisation.name,
        # Our own file, never user input.
        stylesheet=Markup(STYLESHEET.read_text(encoding="utf-8")),  # nosec B704
    )
    return render_pdf(document)
