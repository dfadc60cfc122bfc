"""The report a municipality receives: monthly, or four-monthly as bestuursrapportage."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from markupsafe import Markup

from caseflow.models import Municipality
from caseflow.reports.backlog import AGE_BUCKETS
from caseflow.reports.backlog_trend import month_ends
from caseflow.reports.base import ReportResult
from caseflow.reports.charts import Series, bar_chart, line_chart
from caseflow.reports.filters import ReportFilter
from caseflow.reports.norms import TARGETS, Comparison, NormTarget, TrendPoint, compare, trend
from caseflow.reports.periods import Period, year_to_date
from caseflow.reports.registry import indicator
from caseflow.reports.timeliness import HEADLINE

MONTHLY = "maand"
FOUR_MONTHLY = "bestuur"


@dataclass(frozen=True)
class Section:
    title: str
    result: ReportResult
    chart: Markup | None = None
    note: str = ""


@dataclass(frozen=True)
class TrendBlock:
    target: NormTarget
    points: list[TrendPoint]
    chart: Markup


@dataclass(frozen=True)
class MunicipalityReport:
    municipality: Municipality
    kind: str
    period: Period
    cumulative: Period
    today: date
    comparisons: list[Comparison]
    sections: list[Section]
    trends: list[TrendBlock]
    teams_only: bool = False

    @property
    def title(self) -> str:
        what = "Bestuursrapportage" if self.kind == FOUR_MONTHLY else "Maandrapportage"
        return f"{what} {self.municipality.name}, {self.period.label}"


def _bars(result: ReportResult, title: str, measures: Sequence[str]) -> Markup:
    labels = [" / ".join(row.labels) for row in result.rows]
    series = [
        Series(result.indicator.measure(m).label, [row.values[m] for row in result.rows])
        for m in measures
    ]
    return bar_chart(title, labels, series, result.indicator.measure(measures[0]).unit)


def _section(
    title: str,
    code: str,
    report_filter: ReportFilter,
    group_by: Sequence[str],
    chart: Sequence[str] = (),
    note: str = "",
) -> Section:
    result = indicator(code).run(report_filter, group_by)
    picture = _bars(result, title, chart) if chart and result.rows else None
    return Section(title, result, picture, note)


def _age_chart(result: ReportResult) -> Markup:
    values = [result.total.values[key] for key, _, _, _ in AGE_BUCKETS]
    labels = [label for _, label, _, _ in AGE_BUCKETS]
    return bar_chart("Open zaken naar leeftijd", labels, [Series("Open zaken", values)], "aantal")


def _trend(report_filter: ReportFilter, municipality_id: int, target: NormTarget) -> TrendBlock:
    until = report_filter.period.end or report_filter.today
    points = trend(report_filter, municipality_id, target, until)
    series = [Series("Werkelijk", [p.actual for p in points])]
    if any(p.norm is not None for p in points):
        series.append(Series("Norm of raming", [p.norm for p in points], dashed=True))
    chart = line_chart(f"{target.label} per jaar", [p.label for p in points], series, target.unit)
    return TrendBlock(target, points, chart)


def _backlog_trend(report_filter: ReportFilter) -> Section | None:
    days = indicator("werkvoorraad_verloop").run(report_filter)
    if not days.rows:
        return None
    result = replace(days, rows=month_ends(days.rows))
    labels = [row.labels[0] for row in result.rows]
    series = [
        Series(m.label, [row.values[m.key] for row in result.rows]) for m in days.indicator.measures
    ]
    chart = line_chart("Verloop van de werkvoorraad", labels, series, "aantal")
    note = "Stand op de laatste vastgelegde dag van elke maand; het totaal is de laatste stand."
    return Section("Verloop van de werkvoorraad", result, chart, note)


def build(
    municipality: Municipality, period: Period, scoped: ReportFilter, kind: str
) -> MunicipalityReport:
    """All figures for one municipality; `scoped` already holds what the reader may see."""
    f = replace(scoped, municipality_ids=_only(scoped, municipality.id), period=period)
    cumulative = year_to_date(period)
    assert period.end is not None
    comparisons = compare(f.with_period(cumulative), municipality.id, period.end.year)
    four_monthly = kind == FOUR_MONTHLY
    backlog = indicator("werkvoorraad").run(f, ["team"])
    sections = [
        _section(
            "Tijdigheid per zaaktype",
            "tijdigheid",
            f,
            ["zaaktype"],
            [HEADLINE, "percentage_open_te_laat"],
        ),
        _section("Tijdigheid per team", "tijdigheid", f, ["team"]),
        _section(
            "Doorlooptijd per zaaktype",
            "doorlooptijd",
            f,
            ["zaaktype"],
            ["mediaan_bruto", "mediaan_netto"],
        ),
        _section(
            "Instroom en uitstroom",
            "doorstroom",
            f,
            ["maand"] if four_monthly else ["zaaktype"],
            ["instroom", "uitstroom"],
        ),
        Section(
            "Werkvoorraad per team",
            backlog,
            _age_chart(backlog),
            f"Stand op {scoped.today.strftime('%d-%m-%Y')}, los van de gekozen periode.",
        ),
        _section("Toekenningen", "toekenning", f, ["zaaktype"], ["percentage_toegekend"]),
        _section("Bezwaren", "bezwaren_gegrond", f, ["zaaktype"]),
        # After the decision: the registers (caseflow.reports.provisions and .benefits).
        _section(
            "Lopende voorzieningen per soort",
            "voorzieningen",
            f,
            [],
            ["lopend"],
            "Stand op de laatste dag van de periode.",
        ),
        _section("Uitkeringen", "uitkeringen", f, ["zaaktype"], note="Stand op de laatste dag."),
        _section("Instroom en uitstroom uitkeringen", "uitkeringen_verloop", f, ["zaaktype"]),
        *_quality_sections(f),
    ]
    trends: list[TrendBlock] = []
    if four_monthly:
        if (backlog_trend := _backlog_trend(f)) is not None:
            sections.append(backlog_trend)
        sections += [
            _section("Overdrachten per team", "overdrachten", f, ["team"]),
            _section("Tijd per status", "tijd_per_status", f, []),
        ]
        wanted = [TARGETS["tijdigheid"], *(c.target for c in comparisons if c.norm is not None)]
        trends = [_trend(f, municipality.id, t) for t in dict.fromkeys(wanted)]
    return MunicipalityReport(
        municipality,
        kind,
        period,
        cumulative,
        scoped.today,
        comparisons,
        sections,
        trends,
        teams_only=scoped.team_ids is not None,
    )


def _quality_sections(f: ReportFilter) -> list[Section]:
    """The service agreement's quality indicators: bezwaar, klachten and the clients' grade."""
    return [
        _section("Bezwaren op tijd beslist", "bezwaren_tijdig", f, ["zaaktype"]),
        _section(
            "Gegronde bezwaren per domein van het bestreden besluit",
            "bezwaren_gegrond",
            f,
            ["bestreden_domein"],
            ["percentage_gegrond"],
        ),
        _section("Bezwaren per 1.000 besluiten", "bezwaren_per_besluiten", f, ["domein"]),
        _section("Klachten", "klachten_gegrond", f, ["zaaktype"]),
        _section("Klachten op tijd afgehandeld", "klachten_tijdig", f, ["zaaktype"]),
        _section(
            "Cliëntwaardering",
            "clientwaardering",
            f,
            ["domein"],
            ["gemiddeld_cijfer"],
            note="De antwoorden zijn anoniem: achter deze cijfers staat geen lijst van zaken.",
        ),
        _section("Foutscore kwaliteitstoetsing", "foutscore", f, ["domein"], ["foutscore"]),
    ]


def _only(report_filter: ReportFilter, municipality_id: int) -> tuple[int, ...]:
    allowed = report_filter.municipality_ids
    return (municipality_id,) if allowed is None or municipality_id in allowed else ()
