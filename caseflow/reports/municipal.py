"""The report a municipality receives: the monthly dashboard, the bestuursrapportage of each
four-month period (issued in May, September and January) and the annual account
(jaarverantwoording), set against the service agreement and explained in the team's own words."""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from markupsafe import Markup

from caseflow.models import Municipality
from caseflow.reports.backlog import AGE_BUCKETS
from caseflow.reports.backlog_trend import month_ends
from caseflow.reports.base import ReportResult
from caseflow.reports.catalogue import TARGETS, NormTarget, section_order
from caseflow.reports.charts import Series, bar_chart, line_chart
from caseflow.reports.filters import ReportFilter
from caseflow.reports.norms import Comparison, TrendPoint, compare, trend
from caseflow.reports.periods import Period, year_to_date
from caseflow.reports.registry import indicator
from caseflow.reports.timeliness import HEADLINE

MONTHLY = "maand"
FOUR_MONTHLY = "bestuur"
ANNUAL = "jaar"
KIND_TITLES = {
    MONTHLY: "Maandrapportage",
    FOUR_MONTHLY: "Bestuursrapportage",
    ANNUAL: "Jaarverantwoording",
}
# The free sections for the special assignments of the period: keys "opdracht-1", ...
ASSIGNMENT = "opdracht"
COMPARISON_KEY = "normen"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    result: ReportResult
    chart: Markup | None = None
    note: str = ""


@dataclass(frozen=True)
class Assignment:
    key: str
    title: str
    body: str


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
    # The Toelichting (analysis and advice) per section key, and the special assignments.
    texts: dict[str, str] = field(default_factory=dict)
    assignments: list[Assignment] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{KIND_TITLES[self.kind]} {self.municipality.name}, {self.period.label}"

    @property
    def agreed(self) -> list[Comparison]:
        """The comparisons the municipality has a norm or raming for, by section of the DVO."""
        with_norm = [c for c in self.comparisons if c.norm is not None]
        return sorted(with_norm, key=lambda c: section_order(c.target.section))

    @property
    def without_norm(self) -> list[Comparison]:
        return [c for c in self.comparisons if c.norm is None]


def _bars(result: ReportResult, title: str, measures: Sequence[str]) -> Markup:
    labels = [" / ".join(row.labels) for row in result.rows]
    series = [
        Series(result.indicator.measure(m).label, [row.values[m] for row in result.rows])
        for m in measures
    ]
    return bar_chart(title, labels, series, result.indicator.measure(measures[0]).unit)


def _section(
    key: str,
    title: str,
    code: str,
    report_filter: ReportFilter,
    group_by: Sequence[str],
    chart: Sequence[str] = (),
    note: str = "",
) -> Section:
    result = indicator(code).run(report_filter, group_by)
    picture = _bars(result, title, chart) if chart and result.rows else None
    return Section(key, title, result, picture, note)


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
    return Section("werkvoorraad-verloop", "Verloop van de werkvoorraad", result, chart, note)


def build(
    municipality: Municipality,
    period: Period,
    scoped: ReportFilter,
    kind: str,
    texts: dict[str, str] | None = None,
    assignments: Sequence[Assignment] = (),
) -> MunicipalityReport:
    """All figures for one municipality; `scoped` already holds what the reader may see."""
    f = replace(scoped, municipality_ids=_only(scoped, municipality.id), period=period)
    cumulative = year_to_date(period)
    assert period.end is not None
    comparisons = compare(f.with_period(cumulative), municipality.id, period.end.year, period.code)
    council = kind in (FOUR_MONTHLY, ANNUAL)
    sections = [*_service_sections(f, scoped, council), *_quality_sections(f)]
    trends: list[TrendBlock] = []
    if council:
        if (backlog_trend := _backlog_trend(f)) is not None:
            sections.append(backlog_trend)
        sections += [
            _section("overdrachten", "Overdrachten per team", "overdrachten", f, ["team"]),
            _section("tijd-per-status", "Tijd per status", "tijd_per_status", f, []),
        ]
        # A trend for every figure caseflow computes against an agreed norm, and for hand-entered
        # figures once there is one to draw.
        agreed = (c for c in comparisons if c.norm is not None and c.actual is not None)
        wanted = [TARGETS["tijdigheid"], *(c.target for c in agreed)]
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
        texts=dict(texts or {}),
        assignments=list(assignments),
    )


def _service_sections(f: ReportFilter, scoped: ReportFilter, council: bool) -> list[Section]:
    backlog = indicator("werkvoorraad").run(f, ["team"])
    return [
        _section(
            "tijdigheid-zaaktype",
            "Tijdigheid per zaaktype",
            "tijdigheid",
            f,
            ["zaaktype"],
            [HEADLINE, "percentage_open_te_laat"],
        ),
        _section("tijdigheid-team", "Tijdigheid per team", "tijdigheid", f, ["team"]),
        _section(
            "doorlooptijd",
            "Doorlooptijd per zaaktype",
            "doorlooptijd",
            f,
            ["zaaktype"],
            ["mediaan_bruto", "mediaan_netto"],
        ),
        _section(
            "doorstroom",
            "Instroom en uitstroom",
            "doorstroom",
            f,
            ["maand"] if council else ["zaaktype"],
            ["instroom", "uitstroom"],
        ),
        Section(
            "werkvoorraad",
            "Werkvoorraad per team",
            backlog,
            _age_chart(backlog),
            f"Stand op {scoped.today.strftime('%d-%m-%Y')}, los van de gekozen periode.",
        ),
        _section(
            "toekenningen", "Toekenningen", "toekenning", f, ["zaaktype"], ["percentage_toegekend"]
        ),
        # After the decision: the registers (caseflow.reports.provisions and .benefits).
        _section(
            "voorzieningen",
            "Lopende voorzieningen per soort",
            "voorzieningen",
            f,
            [],
            ["lopend"],
            "Stand op de laatste dag van de periode.",
        ),
        _section(
            "uitkeringen",
            "Uitkeringen",
            "uitkeringen",
            f,
            ["zaaktype"],
            ["lopend"],
            "Stand op de laatste dag.",
        ),
        _section(
            "uitkeringen-verloop",
            "Instroom en uitstroom uitkeringen",
            "uitkeringen_verloop",
            f,
            ["zaaktype"],
        ),
        # Seed 002 compares municipalities of different size per 1,000 inhabitants.
        _section(
            "per-1000-inwoners",
            "Per 1.000 inwoners",
            "per_1000_inwoners",
            f,
            [],
            ["besluiten_per_1000", "uitkeringen_per_1000"],
            "Benchmark 2017, referentieorganisaties: 62 Wmo-besluiten en 17 uitkeringen per "
            "1.000 inwoners.",
        ),
    ]


def _quality_sections(f: ReportFilter) -> list[Section]:
    """The service agreement's quality indicators: bezwaar, klachten and the clients' grade."""
    return [
        _section("bezwaren-tijdig", "Bezwaren op tijd beslist", "bezwaren_tijdig", f, ["zaaktype"]),
        _section("bezwaren", "Bezwaren", "bezwaren_gegrond", f, ["zaaktype"]),
        _section(
            "bezwaren-domein",
            "Gegronde bezwaren per domein van het bestreden besluit",
            "bezwaren_gegrond",
            f,
            ["bestreden_domein"],
            ["percentage_gegrond"],
        ),
        _section(
            "bezwaren-per-besluiten",
            "Bezwaren per 1.000 besluiten",
            "bezwaren_per_besluiten",
            f,
            ["domein"],
        ),
        _section("klachten", "Klachten", "klachten_gegrond", f, ["zaaktype"]),
        _section(
            "klachten-tijdig",
            "Klachten op tijd afgehandeld",
            "klachten_tijdig",
            f,
            ["zaaktype"],
        ),
        _section(
            "clientwaardering",
            "Cliëntwaardering",
            "clientwaardering",
            f,
            ["domein"],
            ["gemiddeld_cijfer"],
            note="De antwoorden zijn anoniem: achter deze cijfers staat geen lijst van zaken.",
        ),
        _section(
            "foutscore", "Foutscore kwaliteitstoetsing", "foutscore", f, ["domein"], ["foutscore"]
        ),
    ]


def _only(report_filter: ReportFilter, municipality_id: int) -> tuple[int, ...]:
    allowed = report_filter.municipality_ids
    return (municipality_id,) if allowed is None or municipality_id in allowed else ()
