"""What a run reports: the summary keys of its result file, and a Markdown table of them."""

import json
from pathlib import Path
from typing import Any

from benchmarks.common import PRESETS, Preset
from benchmarks.rows import API_ROWS, STAND_ROWS
from benchmarks.scenarios.registers import CASE_PAGE_ROWS, REPORT_PAGE_ROWS, REPORT_ROWS

Rows = tuple[tuple[str, str], ...]


def get(d: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def _worst(s: dict[str, Any], *parts: tuple[str, Rows]) -> float | None:
    """The highest p95 of these rows of these scenarios."""
    values = [
        value
        for scenario, rows in parts
        for key, _ in rows
        if (value := get(s, scenario, key, "p95_ms")) is not None
    ]
    return max(values, default=None)


def summary(database: str, preset: Preset, s: dict[str, Any]) -> dict[str, Any]:
    engine_tps = get(s, "engine", "transitions_per_second")
    floor_tps = get(s, "floor", "transitions_per_second")
    spiff_tps = get(s, "spiff", "transitions_per_second")
    pages = [get(s, "worklist", "consultant", "p95_ms"), get(s, "worklist", "team", "p95_ms")]
    known = [p for p in pages if p is not None]
    tijdigheid = [
        get(s, "tijdigheid", "team_manager", "p95_ms"),
        get(s, "tijdigheid", "municipalities", "p95_ms"),
    ]
    return {
        "database": database,
        "scale": preset.name,
        "cases": preset.cases,
        "transitions_per_second": engine_tps,
        "floor_transitions_per_second": floor_tps,
        # Engine time per transition over the floor's: 1.0 is as fast as bare SQL.
        "floor_ratio": round(floor_tps / engine_tps, 2) if engine_tps and floor_tps else None,
        "spiff_transitions_per_second": spiff_tps,
        "engine_vs_spiff": round(engine_tps / spiff_tps, 2) if engine_tps and spiff_tps else None,
        "engine_with_letters_transitions_per_second": get(
            s, "engine_letters", "transitions_per_second"
        ),
        "worklist_p95_ms": max(known) if known else None,
        "worklist_consultant_p95_ms": pages[0],
        "worklist_team_p95_ms": pages[1],
        "worklist_consultant_p50_ms": get(s, "worklist", "consultant", "p50_ms"),
        "worklist_team_p50_ms": get(s, "worklist", "team", "p50_ms"),
        "dashboard_p50_ms": get(s, "dashboard", "p50_ms"),
        "tijdigheid_p50_ms": get(s, "tijdigheid", "municipalities", "p50_ms"),
        "dashboard_p95_ms": get(s, "dashboard", "p95_ms"),
        "tijdigheid_p95_ms": max((t for t in tijdigheid if t is not None), default=None),
        "tijdigheid_all_time_p95_ms": get(s, "tijdigheid", "municipalities_all_time", "p95_ms"),
        "stands_p95_ms": _worst(s, ("stands", STAND_ROWS)),
        "register_reports_p95_ms": _worst(
            s, ("objection_reports", REPORT_ROWS), ("register_pages", REPORT_PAGE_ROWS)
        ),
        "register_pages_p95_ms": _worst(s, ("register_pages", CASE_PAGE_ROWS)),
        "api_list_p95_ms": _worst(s, ("api", API_ROWS)),
        "api_list_p50_ms": get(s, "api", "cases", "p50_ms"),
        "deadline_scan_seconds": get(s, "deadline_scan", "full_seconds"),
        "deadline_scan_next_day_seconds": get(s, "deadline_scan", "next_day_seconds"),
        "deadline_scan_peak_mb": get(s, "deadline_scan", "peak_python_mb"),
        "http_requests_per_second": get(s, "http", "requests_per_second"),
        "http_p95_ms": get(s, "http", "p95_ms"),
    }


TABLE_ROWS = (
    ("cases", "cases"),
    ("transitions_per_second", "engine transitions/s"),
    ("floor_transitions_per_second", "floor transitions/s"),
    ("floor_ratio", "engine time / floor time"),
    ("spiff_transitions_per_second", "SpiffWorkflow transitions/s"),
    ("worklist_consultant_p50_ms", "worklist / p50 ms"),
    ("worklist_consultant_p95_ms", "worklist / p95 ms"),
    ("worklist_team_p50_ms", "worklist /team p50 ms"),
    ("worklist_team_p95_ms", "worklist /team p95 ms"),
    ("dashboard_p50_ms", "dashboard p50 ms"),
    ("dashboard_p95_ms", "dashboard p95 ms"),
    ("tijdigheid_p50_ms", "tijdigheid p50 ms (month, region)"),
    ("tijdigheid_p95_ms", "tijdigheid p95 ms (month)"),
    ("tijdigheid_all_time_p95_ms", "tijdigheid p95 ms (all time)"),
    ("stands_p95_ms", "register stands p95 ms (reference dates)"),
    ("register_reports_p95_ms", "bezwaar and klachten reports p95 ms"),
    ("register_pages_p95_ms", "bezwaar case and letter pages p95 ms"),
    ("api_list_p50_ms", "API GET /zaken p50 ms"),
    ("api_list_p95_ms", "API lists p95 ms"),
    ("deadline_scan_seconds", "deadline scan, full, s"),
    ("deadline_scan_next_day_seconds", "deadline scan, next day, s"),
    ("deadline_scan_peak_mb", "deadline scan peak MB"),
    ("http_requests_per_second", "HTTP req/s (4 connections)"),
    ("http_p95_ms", "HTTP p95 ms"),
)


def markdown_table(files: list[str]) -> str:
    """One column per result file, one row per budget key."""
    documents = []
    for name in files:
        document = json.loads(Path(name).read_text())
        # Keys added to the summary later are derived from the scenarios of older files.
        derived = summary(document["database"], PRESETS[document["scale"]], document["scenarios"])
        documents.append({**derived, **{k: v for k, v in document.items() if v is not None}})
    head = "| | " + " | ".join(f"{d['scale']} {d['database']}" for d in documents) + " |"
    lines = [head, "|---" * (len(documents) + 1) + "|"]
    for key, label in TABLE_ROWS:
        values = [d.get(key) for d in documents]
        lines.append(
            f"| {label} | " + " | ".join("–" if v is None else str(v) for v in values) + " |"
        )
    loads = [d.get("machine", {}).get("load_average", ["?"])[0] for d in documents]
    lines.append("| load average at the end | " + " | ".join(str(x) for x in loads) + " |")
    return "\n".join(lines)
