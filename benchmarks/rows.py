"""The runner's table: one printed row per measurement, and a verdict per budget."""

import json
from collections.abc import Callable
from typing import Any

from benchmarks.scenarios.registers import PAGE_ROWS, REPORT_ROWS

BUDGETS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "transitions_per_second": ("engine >= 1000/s with commit", lambda v: v >= 1000),
    "floor_ratio": ("engine time <= 2x floor", lambda v: v <= 2.0),
    "engine_vs_spiff": ("engine ahead of SpiffWorkflow", lambda v: v >= 1.0),
    "worklist_p95_ms": ("p95 < 50 ms", lambda v: v < 50),
    "dashboard_p95_ms": ("p95 < 500 ms", lambda v: v < 500),
    "tijdigheid_p95_ms": ("p95 < 500 ms", lambda v: v < 500),
    "stands_p95_ms": ("p95 < 500 ms", lambda v: v < 500),
    "register_reports_p95_ms": ("p95 < 500 ms", lambda v: v < 500),
    "register_pages_p95_ms": ("p95 < 500 ms", lambda v: v < 500),
    "api_list_p95_ms": ("p95 < 100 ms", lambda v: v < 100),
    "deadline_scan_seconds": ("full scan < 10 s", lambda v: v < 10),
    "deadline_scan_peak_mb": ("peak < 300 MB", lambda v: v < 300),
}
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
API_ROWS = (("cases", "api: GET /zaken"), ("open_cases", "api: GET /zaken, open cases"))
LATENCY = "p50 {p50_ms} ms, p95 {p95_ms} ms (n={n})"


class Table:
    """Rows printed as they are measured."""

    def __init__(self) -> None:
        print(f"{'scenario':<34} {'result':<58} {'budget':<30} verdict", flush=True)
        print("-" * 132, flush=True)

    def row(self, scenario: str, result: str, budget: str = "", verdict: str = "") -> None:
        print(f"{scenario:<34} {result:<58} {budget:<30} {verdict}", flush=True)

    def budgets(self, summary: dict[str, Any]) -> None:
        for key in BUDGETS:
            value = summary.get(key)
            if value is not None:
                text, check = BUDGETS[key]
                self.row(f"budget: {key}", str(value), text, "met" if check(value) else "MISSED")


def describe(result: dict[str, Any], template: str) -> str:
    if "skipped" in result:
        return f"skipped: {result['skipped']}"[:58]
    if "failed" in result:
        return f"failed: {result['failed']}"[:58]
    try:
        return template.format(**result)
    except (KeyError, ValueError):
        return json.dumps(result)[:58]


def transition_rows(table: Table, s: dict[str, Any]) -> None:
    pattern = "{transitions_per_second}/s ({transitions} in {seconds} s)"
    table.row("transitions: engine fire()", describe(s["engine"], pattern))
    table.row("transitions: floor (Core loop)", describe(s["floor"], pattern))
    table.row("transitions: SpiffWorkflow", describe(s["spiff"], pattern))
    table.row("transitions: engine, with letters", describe(s["engine_letters"], pattern))


def worklist_rows(table: Table, s: dict[str, Any]) -> None:
    w = s["worklist"]
    if "consultant" not in w:
        table.row("worklist pages", describe(w, ""))
        return
    page = "p50 {p50_ms} ms, p95 {p95_ms} ms ({open_cases} open, n={n})"
    table.row("worklist page / (consultant)", describe(w["consultant"], page))
    table.row("worklist page /team", describe(w["team"], page))
    q = s["worklist_queries"]
    if "my_worklist" in q:
        table.row("  query my_worklist()", describe(q["my_worklist"], LATENCY))
        table.row("  query team_worklist()", describe(q["team_worklist"], LATENCY))


def report_rows(table: Table, s: dict[str, Any]) -> None:
    table.row("dashboard /rapportages/", describe(s["dashboard"], LATENCY))
    t = s["tijdigheid"]
    if "team_manager" in t:
        pattern = "p50 {p50_ms} ms, p95 {p95_ms} ms ({deadlines_counted} deadlines)"
        table.row("tijdigheid (team manager)", describe(t["team_manager"], pattern))
        table.row("tijdigheid (municipalities)", describe(t["municipalities"], pattern))
        table.row("  tijdigheid (all time)", describe(t["municipalities_all_time"], pattern))
    else:
        table.row("tijdigheid", describe(t, ""))


def stand_rows(table: Table, s: dict[str, Any]) -> None:
    _counted_rows(table, s["stands"], STAND_ROWS, "registers")


def objection_rows(table: Table, s: dict[str, Any]) -> None:
    """The bezwaar and klachten reports, their pages, a bezwaar case and a sent letter."""
    _counted_rows(table, s["objection_reports"], REPORT_ROWS, "bezwaar and klachten")
    pages = s["register_pages"]
    if "method" not in pages:
        table.row("register pages", describe(pages, ""))
        return
    for key, label in PAGE_ROWS:
        table.row(label, describe(pages[key], LATENCY))


def api_rows(table: Table, s: dict[str, Any]) -> None:
    lists = s["api"]
    if "method" not in lists:
        table.row("api", describe(lists, ""))
        return
    pattern = "p50 {p50_ms} ms, p95 {p95_ms} ms ({results} of {count}, n={n})"
    for key, label in API_ROWS:
        table.row(label, describe(lists[key], pattern))


def http_rows(table: Table, s: dict[str, Any]) -> None:
    pattern = "{requests_per_second} req/s, p50 {p50_ms} ms, p95 {p95_ms} ms, {errors} errors"
    table.row("http GET / (gunicorn -w 2)", describe(s["http"], pattern))


def scan_rows(table: Table, s: dict[str, Any]) -> None:
    table.row(
        "deadline scan: full",
        describe(s, "{full_seconds} s, {full_signals} signals, peak {peak_python_mb} MB"),
    )
    table.row(
        "deadline scan: rerun same day", describe(s, "{rerun_seconds} s, {rerun_signals} signals")
    )
    table.row(
        "deadline scan: next day", describe(s, "{next_day_seconds} s, {next_day_signals} signals")
    )


def _counted_rows(
    table: Table, results: dict[str, Any], rows: tuple[tuple[str, str], ...], name: str
) -> None:
    if "method" not in results:
        table.row(name, describe(results, ""))
        return
    pattern = "p50 {p50_ms} ms, p95 {p95_ms} ms ({counted} {counted_measure})"
    for key, label in rows:
        if key in results:
            table.row(label, describe(results[key], pattern))


__all__ = ["BUDGETS", "STAND_ROWS", "Table", "describe"]
