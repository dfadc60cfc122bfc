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

from benchmarks import rows
from benchmarks.common import RESULTS_DIR, Preset, dialect_of, make_app, migrate_schema
from benchmarks.generate import (
    GENERATOR_VERSION,
    definitions_fingerprint,
    generate,
    read_meta,
)
from benchmarks.rows import Table
from benchmarks.scenarios import api, http, reads, registers, scan, transitions
from benchmarks.summary import markdown_table, summary
from benchmarks.verify import verify_database

# What --only may name; `reports` includes the registers' reports.
SCENARIOS = ("worklist", "reports", "registers", "api", "scan", "http", "transitions")


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
        and meta.get("definitions") == definitions_fingerprint()
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
        rows.worklist_rows(table, scenarios)
    if want("reports"):
        scenarios["dashboard"] = _guard(
            "dashboard",
            lambda: reads.dashboard_page(app, who, limits.report_count, limits.report_seconds),
        )
        scenarios["tijdigheid"] = _guard(
            "tijdigheid",
            lambda: reads.tijdigheid(app, who, limits.report_count, limits.report_seconds),
        )
        rows.report_rows(table, scenarios)
    if want("reports") or want("registers"):
        count, seconds = limits.report_count, limits.report_seconds
        scenarios["stands"] = _guard(
            "stands", lambda: reads.register_stands(app, who, count, seconds)
        )
        rows.stand_rows(table, scenarios)
        scenarios["objection_reports"] = _guard(
            "objection_reports", lambda: registers.objection_reports(app, who, count, seconds)
        )
        scenarios["register_pages"] = _guard(
            "register_pages",
            lambda: registers.register_pages(app, who, limits.page_count, limits.report_seconds),
        )
        rows.objection_rows(table, scenarios)
    if want("api"):
        scenarios["api"] = _guard(
            "api", lambda: api.api_lists(app, who, limits.page_count, limits.page_seconds)
        )
        rows.api_rows(table, scenarios)
    if want("scan"):
        scenarios["deadline_scan"] = _guard("scan", lambda: scan.deadline_scan(app))
        rows.scan_rows(table, scenarios["deadline_scan"])
    if want("http"):
        scenarios["http"] = _guard(
            "http", lambda: http.http_load(app, work_url, who.consultant_id, limits.http_seconds, 4)
        )
        rows.http_rows(table, scenarios)

    # Writing scenarios last: their new cases would otherwise change the worklists above.
    bounds = transitions.Bounds(limits.transitions_cases, limits.transitions_seconds)
    if want("transitions"):
        with app.app_context():
            scenarios["engine"] = _guard("engine", lambda: transitions.engine_transitions(bounds))
            scenarios["floor"] = _guard("floor", lambda: transitions.floor_transitions(bounds))
            scenarios["spiff"] = _guard("spiff", lambda: transitions.spiff_transitions(bounds))
            scenarios["engine_letters"] = _guard(
                "engine_letters", lambda: transitions.engine_with_letters(bounds)
            )
        rows.transition_rows(table, scenarios)
    outcome = summary(database, preset, scenarios)
    table.budgets(outcome)
    document = {
        **outcome,
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


__all__ = ["SCENARIOS", "markdown_table", "run_all"]
