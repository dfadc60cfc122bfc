"""Run every scenario against one database, print a table row each, save the whole as JSON."""

import json
import os
import platform
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask

from benchmarks.common import (
    PRESETS,
    RESULTS_DIR,
    Preset,
    dialect_of,
    make_app,
    migrate_schema,
)
from benchmarks.generate import GENERATOR_VERSION, generate, read_meta
from benchmarks.scenarios import http, reads, scan, transitions
from benchmarks.verify import verify_database

BUDGETS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "transitions_per_second": ("engine >= 1000/s with commit", lambda v: v >= 1000),
    "floor_ratio": ("engine time <= 2x floor", lambda v: v <= 2.0),
    "engine_vs_spiff": ("engine ahead of SpiffWorkflow", lambda v: v >= 1.0),
    "worklist_p95_ms": ("p95 < 50 ms", lambda v: v < 50),
    "dashboard_p95_ms": ("p95 < 500 ms", lambda v: v < 500),
    "tijdigheid_p95_ms": ("p95 < 500 ms", lambda v: v < 500),
    "stands_p95_ms": ("p95 < 500 ms", lambda v: v < 500),
    "deadline_scan_seconds": ("full scan < 10 s", lambda v: v < 10),
    "deadline_scan_peak_mb": ("peak < 300 MB", lambda v: v < 300),
}


@dataclass(frozen=True)
class Limits:
    transitions_cases: int
    transitions_seconds: float
    page_count: int
    page_seconds: float
    report_count: int
    report_seconds: float
    http_seconds: float

    @classmethod
    def for_run(cls, quick: bool) -> "Limits":
        if quick:
            return cls(300, 2.0, 200, 1.5, 50, 1.5, 4.0)
        return cls(2000, 20.0, 300, 15.0, 50, 30.0, 10.0)


class Table:
    """Rows printed as they are measured."""

    def __init__(self) -> None:
        print(f"{'scenario':<34} {'result':<58} {'budget':<30} verdict", flush=True)
        print("-" * 132, flush=True)

    def row(self, scenario: str, result: str, budget: str = "", verdict: str = "") -> None:
        print(f"{scenario:<34} {result:<58} {budget:<30} {verdict}", flush=True)


def _verdict(key: str, value: float | None) -> tuple[str, str]:
    if key not in BUDGETS or value is None:
        return "", ""
    text, check = BUDGETS[key]
    return text, "met" if check(value) else "MISSED"


def _working_copy(url: str, scale: str) -> str:
    """On SQLite every run works on a copy, so the generated file stays as generated."""
    if dialect_of(url) != "sqlite":
        return url
    source = Path(sa.engine.make_url(url).database or "")
    target = source.with_name(f"{source.stem}-run.sqlite")
    shutil.copyfile(source, target)
    return "sqlite:///" + str(target)


def _guard(name: str, work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return work()
    except Exception as exc:  # a broken scenario is reported, the others still run
        return {"failed": f"{type(exc).__name__}: {exc}"[:500]}


def run_all(
    url: str,
    preset: Preset,
    *,
    seed: int,
    reuse: bool,
    quick: bool,
    only: list[str] | None,
    out: str | None,
) -> int:
    started = time.perf_counter()
    database = dialect_of(url)
    limits = Limits.for_run(quick)
    meta = read_meta(url) if reuse else {}
    # Data is generated relative to its day; a later day would see every case a day older.
    fresh = not (
        meta.get("preset") == preset.name
        and meta.get("seed") == str(seed)
        and meta.get("generator_version") == str(GENERATOR_VERSION)
        and meta.get("generated_at", "")[:10] == datetime.now(UTC).date().isoformat()
    )
    print(f"caseflow benchmark: scale {preset.name} on {database}", flush=True)
    generated: dict[str, Any]
    if fresh:
        result = generate(url, preset, seed=seed, quiet=True)
        generated = asdict(result)
    else:
        generated = {"reused": True, **meta, "counts": json.loads(meta["counts"])}
    work_url = _working_copy(url, preset.name)
    app = make_app(work_url)
    if not fresh:
        # Data generated earlier in the day gains the migrations written since.
        generated["tables_added_on_reuse"] = migrate_schema(app)
    table = Table()
    counts = generated["counts"]
    table.row(
        "generate",
        f"{counts['cases']} cases, {counts['case_events']} events, "
        f"{counts['deadlines']} deadlines in {generated.get('seconds', 0)} s"
        + (" (reused)" if not fresh else ""),
    )
    check = verify_database(work_url, sample=100 if quick else 500)
    table.row(
        "verify (sample)", check.summary().splitlines()[0][:58], "", "ok" if check.ok else "FAILED"
    )

    wanted = set(only) if only else None
    scenarios: dict[str, Any] = {}

    def want(name: str) -> bool:
        return wanted is None or name in wanted

    who = reads.pick_users(app)
    if want("worklist"):
        scenarios["worklist"] = _guard(
            "worklist",
            lambda: reads.worklist_pages(app, who, limits.page_count, limits.page_seconds),
        )
        scenarios["worklist_queries"] = _guard(
            "worklist_queries",
            lambda: reads.worklist_queries(app, who, limits.page_count, limits.page_seconds),
        )
        _worklist_rows(table, scenarios)
    if want("reports"):
        scenarios["dashboard"] = _guard(
            "dashboard",
            lambda: reads.dashboard_page(app, who, limits.report_count, limits.report_seconds),
        )
        scenarios["tijdigheid"] = _guard(
            "tijdigheid",
            lambda: reads.tijdigheid(app, who, limits.report_count, limits.report_seconds),
        )
        _report_rows(table, scenarios)
    if want("reports") or want("registers"):
        scenarios["stands"] = _guard(
            "stands",
            lambda: reads.register_stands(app, who, limits.report_count, limits.report_seconds),
        )
        _stand_rows(table, scenarios)
    if want("scan"):
        scenarios["deadline_scan"] = _guard("scan", lambda: scan.deadline_scan(app))
        _scan_rows(table, scenarios["deadline_scan"])
    if want("http"):
        scenarios["http"] = _guard(
            "http", lambda: http.http_load(app, work_url, who.consultant_id, limits.http_seconds, 4)
        )
        h = scenarios["http"]
        table.row(
            "http GET / (gunicorn -w 2)",
            _describe(
                h, "{requests_per_second} req/s, p50 {p50_ms} ms, p95 {p95_ms} ms, {errors} errors"
            ),
        )

    # Writing scenarios last: their new cases would otherwise change the worklists above.
    bounds = transitions.Bounds(limits.transitions_cases, limits.transitions_seconds)
    if want("transitions"):
        with app.app_context():
            scenarios["engine"] = _guard("engine", lambda: transitions.engine_transitions(bounds))
            scenarios["floor"] = _guard("floor", lambda: transitions.floor_transitions(bounds))
            scenarios["spiff"] = _guard("spiff", lambda: transitions.spiff_transitions(bounds))
        _transition_rows(table, scenarios)
    summary = _summary(database, preset, scenarios)
    for key in (
        "transitions_per_second",
        "floor_ratio",
        "engine_vs_spiff",
        "worklist_p95_ms",
        "dashboard_p95_ms",
        "tijdigheid_p95_ms",
        "stands_p95_ms",
        "deadline_scan_seconds",
        "deadline_scan_peak_mb",
    ):
        budget, verdict = _verdict(key, summary.get(key))
        if summary.get(key) is not None:
            table.row(f"budget: {key}", str(summary[key]), budget, verdict)
    document = {
        **summary,
        "quick": quick,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "total_seconds": round(time.perf_counter() - started, 1),
        "machine": _machine(),
        "generated": generated,
        "verify": {"ok": check.ok, "summary": check.summary()},
        "scenarios": scenarios,
    }
    _save(document, database, preset.name, out)
    _dispose(app)
    return 0 if check.ok else 1


def _describe(result: dict[str, Any], template: str) -> str:
    if "skipped" in result:
        return f"skipped: {result['skipped']}"[:58]
    if "failed" in result:
        return f"failed: {result['failed']}"[:58]
    try:
        return template.format(**result)
    except (KeyError, ValueError):
        return json.dumps(result)[:58]


def _transition_rows(table: Table, s: dict[str, Any]) -> None:
    pattern = "{transitions_per_second}/s ({transitions} in {seconds} s)"
    table.row("transitions: engine fire()", _describe(s["engine"], pattern))
    table.row("transitions: floor (Core loop)", _describe(s["floor"], pattern))
    table.row("transitions: SpiffWorkflow", _describe(s["spiff"], pattern))


def _worklist_rows(table: Table, s: dict[str, Any]) -> None:
    w = s["worklist"]
    if "consultant" not in w:
        table.row("worklist pages", _describe(w, ""))
        return
    page = "p50 {p50_ms} ms, p95 {p95_ms} ms ({open_cases} open, n={n})"
    table.row("worklist page / (consultant)", _describe(w["consultant"], page))
    table.row("worklist page /team", _describe(w["team"], page))
    q = s["worklist_queries"]
    if "my_worklist" in q:
        query = "p50 {p50_ms} ms, p95 {p95_ms} ms (n={n})"
        table.row("  query my_worklist()", _describe(q["my_worklist"], query))
        table.row("  query team_worklist()", _describe(q["team_worklist"], query))


def _report_rows(table: Table, s: dict[str, Any]) -> None:
    table.row(
        "dashboard /rapportages/",
        _describe(s["dashboard"], "p50 {p50_ms} ms, p95 {p95_ms} ms (n={n})"),
    )
    t = s["tijdigheid"]
    if "team_manager" in t:
        pattern = "p50 {p50_ms} ms, p95 {p95_ms} ms ({deadlines_counted} deadlines)"
        table.row("tijdigheid (team manager)", _describe(t["team_manager"], pattern))
        table.row("tijdigheid (municipalities)", _describe(t["municipalities"], pattern))
        table.row("  tijdigheid (all time)", _describe(t["municipalities_all_time"], pattern))
    else:
        table.row("tijdigheid", _describe(t, ""))


def _stand_rows(table: Table, s: dict[str, Any]) -> None:
    stands = s["stands"]
    if "provisions_per_kind" not in stands:
        table.row("registers", _describe(stands, ""))
        return
    pattern = "p50 {p50_ms} ms, p95 {p95_ms} ms ({counted} {counted_measure})"
    for key, label in STAND_ROWS:
        if key in stands:
            table.row(label, _describe(stands[key], pattern))


STAND_ROWS = (
    ("provisions_per_kind", "stand: provisions per kind"),
    ("benefits_per_scheme", "stand: benefits per scheme"),
    ("household_help_per_year", "stand: hbh on 31-12, 4 years"),
    ("provisions_per_kind_everywhere", "  stand: provisions, all places"),
    ("provision_flow", "register: provisions new/ended"),
    ("benefit_flow", "register: benefits in/out"),
    ("per_1000_inhabitants", "register: per 1,000 inhabitants"),
    ("preventiequote", "register: preventiequote"),
    ("herindicaties_on_time", "register: herindicaties on time"),
)


def _scan_rows(table: Table, s: dict[str, Any]) -> None:
    table.row(
        "deadline scan: full",
        _describe(s, "{full_seconds} s, {full_signals} signals, peak {peak_python_mb} MB"),
    )
    table.row(
        "deadline scan: rerun same day", _describe(s, "{rerun_seconds} s, {rerun_signals} signals")
    )
    table.row(
        "deadline scan: next day", _describe(s, "{next_day_seconds} s, {next_day_signals} signals")
    )


def _get(d: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def _summary(database: str, preset: Preset, s: dict[str, Any]) -> dict[str, Any]:
    engine_tps = _get(s, "engine", "transitions_per_second")
    floor_tps = _get(s, "floor", "transitions_per_second")
    spiff_tps = _get(s, "spiff", "transitions_per_second")
    pages = [_get(s, "worklist", "consultant", "p95_ms"), _get(s, "worklist", "team", "p95_ms")]
    known = [p for p in pages if p is not None]
    tijdigheid = [
        _get(s, "tijdigheid", "team_manager", "p95_ms"),
        _get(s, "tijdigheid", "municipalities", "p95_ms"),
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
        "worklist_p95_ms": max(known) if known else None,
        "worklist_consultant_p95_ms": pages[0],
        "worklist_team_p95_ms": pages[1],
        "worklist_consultant_p50_ms": _get(s, "worklist", "consultant", "p50_ms"),
        "worklist_team_p50_ms": _get(s, "worklist", "team", "p50_ms"),
        "dashboard_p50_ms": _get(s, "dashboard", "p50_ms"),
        "tijdigheid_p50_ms": _get(s, "tijdigheid", "municipalities", "p50_ms"),
        "dashboard_p95_ms": _get(s, "dashboard", "p95_ms"),
        "tijdigheid_p95_ms": max((t for t in tijdigheid if t is not None), default=None),
        "tijdigheid_all_time_p95_ms": _get(s, "tijdigheid", "municipalities_all_time", "p95_ms"),
        "stands_p95_ms": max(
            (
                value
                for key, _ in STAND_ROWS
                if (value := _get(s, "stands", key, "p95_ms")) is not None
            ),
            default=None,
        ),
        "deadline_scan_seconds": _get(s, "deadline_scan", "full_seconds"),
        "deadline_scan_next_day_seconds": _get(s, "deadline_scan", "next_day_seconds"),
        "deadline_scan_peak_mb": _get(s, "deadline_scan", "peak_python_mb"),
        "http_requests_per_second": _get(s, "http", "requests_per_second"),
        "http_p95_ms": _get(s, "http", "p95_ms"),
    }


def _machine() -> dict[str, Any]:
    import sqlite3

    return {
        # Other work on the machine shows up here; ratios within one run stay comparable.
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sa.__version__,
    }


def _save(document: dict[str, Any], database: str, scale: str, out: str | None) -> None:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, indent=2, default=str)
    targets = [RESULTS_DIR / "latest.json", RESULTS_DIR / f"{scale}-{database}.json"]
    if out:
        targets.append(Path(out))
    for target in targets:
        target.write_text(text + "\n")
    print(f"written: {', '.join(str(t) for t in targets)} ({document['total_seconds']} s)")


def _dispose(app: Flask) -> None:
    from caseflow.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


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
        derived = _summary(document["database"], PRESETS[document["scale"]], document["scenarios"])
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
