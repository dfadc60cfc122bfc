"""The bestuursrapportage as PDF (fpdf2: pure Python, no system libraries)."""

import io
import re
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace

from caseflow.reports.base import ReportResult
from caseflow.reports.formatting import number, signed_percent
from caseflow.reports.municipal import MunicipalityReport, TrendBlock
from caseflow.reports.norms import Comparison

# The built-in PDF fonts know Latin-1 only; these are the few other characters Dutch text uses.
_REPLACEMENTS = {"–": "-", "—": "-", "…": "...", "‘": "'", "’": "'", "“": '"', "”": '"', "€": "EUR"}
_SVG_TEXT_ALTERNATIVES = re.compile(r"<(title|desc)\b[^>]*>.*?</\1>", re.DOTALL)
HEADING = FontFace(emphasis="BOLD", fill_color=(230, 236, 244))
WIDTH_MM = 180


def _text(value: str) -> str:
    for char, plain in _REPLACEMENTS.items():
        value = value.replace(char, plain)
    return value.encode("latin-1", "replace").decode("latin-1")


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report_title = _text(title)
        self.set_title(self.report_title)
        self.set_author("Caseflow")
        self.set_lang("nl-NL")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def header(self) -> None:
        self.set_font("helvetica", size=8)
        self.set_text_color(90)
        self.cell(0, 5, self.report_title, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", size=8)
        self.cell(0, 5, f"Pagina {self.page_no()} van {{nb}}", align="C")

    def heading(self, text: str, size: int = 13) -> None:
        self.ln(3)
        self.set_font("helvetica", style="B", size=size)
        self.multi_cell(0, 7, _text(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font("helvetica", size=9)

    def paragraph(self, text: str) -> None:
        self.set_font("helvetica", size=9)
        self.multi_cell(0, 5, _text(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def grid(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        size = 8 if len(header) <= 7 else 6.5
        self.set_font("helvetica", size=size)
        aligns = ["LEFT"] + ["RIGHT"] * (len(header) - 1)
        with self.table(
            headings_style=HEADING, text_align=tuple(aligns), line_height=size * 0.55
        ) as table:
            for cells in [header, *rows]:
                row = table.row()
                for cell in cells:
                    row.cell(_text(cell))
        self.ln(2)

    def chart(self, svg: str) -> None:
        # The chart's labels are drawn with the same Latin-1 fonts: a shortened label's "…" too.
        plain = _text(_SVG_TEXT_ALTERNATIVES.sub("", svg))
        self.image(io.BytesIO(plain.encode("utf-8")), w=WIDTH_MM * 0.9)
        self.ln(2)


def _result_rows(result: ReportResult) -> tuple[list[str], list[list[str]]]:
    measures = result.indicator.measures
    header = [d.label for d in result.dimensions] + [m.label for m in measures]
    rows = [
        [*row.labels, *(number(row.values[m.key], m.unit) for m in measures)] for row in result.rows
    ]
    if result.dimensions:
        blanks = [""] * (len(result.dimensions) - 1)
        rows.append(
            ["Totaal", *blanks, *(number(result.total.values[m.key], m.unit) for m in measures)]
        )
    else:
        rows.append([number(result.total.values[m.key], m.unit) for m in measures])
    return header, rows


def _comparison_rows(comparisons: Sequence[Comparison], labels: dict[str, str]) -> list[list[str]]:
    return [
        [
            c.target.label,
            labels.get(c.case_type, "Alle zaaktypen"),
            number(c.norm_value, c.target.unit) if c.norm else "–",
            number(c.actual, c.target.unit),
            signed_percent(c.deviation),
            c.legend,
        ]
        for c in comparisons
    ]


def _trend_rows(block: TrendBlock) -> list[list[str]]:
    unit = block.target.unit
    return [[p.label, number(p.actual, unit), number(p.norm, unit)] for p in block.points]


def render(
    report: MunicipalityReport, case_type_labels: dict[str, str], compress: bool = True
) -> bytes:
    pdf = _Document(report.title)
    pdf.set_compression(compress)
    pdf.add_page()
    pdf.heading(report.title, size=16)
    pdf.paragraph(
        f"Periode: {report.period.label}. Cumulatief: {report.cumulative.label}. "
        f"Werkvoorraad per {report.today.strftime('%d-%m-%Y')}. Tijden in Nederlandse tijd."
    )
    pdf.heading("Werkelijk tegenover norm en raming")
    pdf.paragraph(
        "Afwijking = (werkelijk - norm) / norm. 'Voldoet' geldt voor normen waarbij hoger of "
        "lager beter is; bij een raming staat alleen of het werkelijke cijfer erboven of "
        "eronder ligt."
    )
    header = ["Indicator", "Zaaktype", "Norm/raming", "Werkelijk", "Afwijking", "Legenda"]
    pdf.grid(header, _comparison_rows(report.comparisons, case_type_labels))
    for section in report.sections:
        pdf.heading(section.title)
        pdf.paragraph(section.result.indicator.definition)
        if (headline := section.result.indicator.headline) is not None:
            value = number(section.result.total.values[headline.key], headline.unit)
            pdf.paragraph(f"{headline.label}: {value}")
        if section.note:
            pdf.paragraph(section.note)
        pdf.grid(*_result_rows(section.result))
        if section.chart is not None:
            pdf.chart(str(section.chart))
    for block in report.trends:
        pdf.heading(f"Verloop over de jaren: {block.target.label}")
        pdf.chart(str(block.chart))
        pdf.grid(["Jaar", "Werkelijk", "Norm of raming"], _trend_rows(block))
    return bytes(pdf.output())
