"""A report's numbers and texts as plain data: what an issued report keeps, and what changed.

The snapshot is stored with the issued report (JSON), so its XLSX and the differences with a
later correction are made from what the council received, never recomputed.
"""

from typing import Any

from caseflow.reports.base import Number, ReportResult
from caseflow.reports.municipal import MunicipalityReport
from caseflow.reports.tables import Table

TOTAL = "Totaal"


def _section(key: str, title: str, result: ReportResult) -> dict[str, Any]:
    measures = result.indicator.measures
    rows = [[" / ".join(row.labels), *(row.values[m.key] for m in measures)] for row in result.rows]
    rows.append([TOTAL, *(result.total.values[m.key] for m in measures)])
    return {
        "key": key,
        "title": title,
        "group": " / ".join(d.label for d in result.dimensions) or "",
        "columns": [m.label for m in measures],
        "units": [m.unit for m in measures],
        "rows": rows,
    }


def snapshot(report: MunicipalityReport, labels: dict[str, str]) -> dict[str, Any]:
    return {
        "title": report.title,
        "municipality": report.municipality.name,
        "kind": report.kind,
        "period": report.period.code,
        "period_label": report.period.label,
        "cumulative": report.cumulative.label,
        "today": report.today.isoformat(),
        "comparisons": [
            {
                "code": c.target.code,
                "label": c.target.label,
                "section": c.target.section,
                "case_type": labels.get(c.case_type, c.case_type),
                "unit": c.target.unit,
                "kind": c.norm.kind if c.norm is not None else "",
                "norm": c.norm_value,
                "actual": c.actual,
                "deviation": c.deviation,
                "legend": c.legend,
            }
            for c in report.agreed
        ],
        "sections": [_section(s.key, s.title, s.result) for s in report.sections],
        "trends": [
            {
                "label": t.target.label,
                "points": [[p.label, p.actual, p.norm] for p in t.points],
            }
            for t in report.trends
        ],
        "texts": dict(report.texts),
        "assignments": [{"title": a.title, "body": a.body} for a in report.assignments],
    }


def _figures(content: dict[str, Any]) -> dict[tuple[str, str, str], tuple[Number, str]]:
    """Every number of a snapshot, with its unit, by (where, row, column)."""
    found: dict[tuple[str, str, str], tuple[Number, str]] = {}
    where = "Werkelijk tegenover norm en raming"
    for c in content.get("comparisons", []):
        row = c["label"] + (f" ({c['case_type']})" if c["case_type"] else "")
        found[(where, row, "Werkelijk")] = (c["actual"], c["unit"])
        found[(where, row, "Norm of raming")] = (c["norm"], c["unit"])
    for s in content.get("sections", []):
        for cells in s["rows"]:
            for column, unit, value in zip(s["columns"], s["units"], cells[1:], strict=True):
                found[(s["title"], cells[0], column)] = (value, unit)
    return found


def _texts(content: dict[str, Any]) -> dict[str, str]:
    texts = {f"Toelichting {key}": body for key, body in content.get("texts", {}).items()}
    for a in content.get("assignments", []):
        texts[f"Speciale opdracht: {a['title']}"] = a["body"]
    return texts


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """What a new version says differently: numbers that changed, appeared or went, and texts."""
    old, new = _figures(before), _figures(after)
    changes: list[dict[str, Any]] = []
    for key in sorted(old.keys() | new.keys()):
        was, unit = old.get(key, (None, ""))
        now, unit = new.get(key, (None, unit))
        if was != now:
            where, row, column = key
            change = {"where": where, "row": row, "column": column, "before": was, "after": now}
            changes.append(change | {"unit": unit})
    old_texts, new_texts = _texts(before), _texts(after)
    for name in sorted(old_texts.keys() | new_texts.keys()):
        if old_texts.get(name) != new_texts.get(name):
            change = {"where": name, "row": "", "column": "tekst", "before": None, "after": None}
            changes.append(change | {"unit": ""})
    return changes


def workbook_tables(content: dict[str, Any]) -> list[Table]:
    """The issued report as sheets: the agreement's table, one per section, then the texts."""
    tables = [
        Table(
            "Norm en raming",
            [
                "Indicator",
                "Onderdeel",
                "Zaaktype",
                "Soort",
                "Norm of raming",
                "Werkelijk",
                "Afwijking (%)",
                "Legenda",
            ],
            [
                [
                    c["label"],
                    c["section"],
                    c["case_type"],
                    c["kind"],
                    c["norm"],
                    c["actual"],
                    c["deviation"],
                    c["legend"],
                ]
                for c in content["comparisons"]
            ],
        )
    ]
    for s in content["sections"]:
        tables.append(Table(s["title"], [s["group"] or "", *s["columns"]], s["rows"]))
    texts = [[name, body] for name, body in _texts(content).items()]
    if texts:
        tables.append(Table("Toelichting", ["Onderdeel", "Tekst"], texts))
    return tables
