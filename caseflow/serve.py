"""Production serving: `python -m caseflow.serve` (what `make serve` runs).

Migrates the database, starts the scheduler as a process of its own, and serves the app with
gunicorn and several workers, all configured by environment variables only (README, section
Production). Ctrl+C or SIGTERM stops both. Each part can be left out, so that a deployment with
several app servers runs the migration once and as many schedulers as it likes (they take
turns through the database's locks, see caseflow/jobs.py):

    python -m caseflow.serve                 migrate, scheduler, web
    python -m caseflow.serve --no-migrate    scheduler and web
    python -m caseflow.serve --no-scheduler  migrate and web
"""

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Mapping

REQUIRED = ("CASEFLOW_DATABASE_URL", "SECRET_KEY")


def settings(env: Mapping[str, str]) -> dict[str, str]:
    """What gunicorn is given, each from its environment variable or its default."""
    cores = os.cpu_count() or 1
    return {
        "bind": env.get("CASEFLOW_BIND", "0.0.0.0:8000"),
        "workers": env.get("CASEFLOW_WORKERS", str(2 * cores + 1)),
        "timeout": env.get("CASEFLOW_WORKER_TIMEOUT", "60"),
    }


def problems(env: Mapping[str, str]) -> list[str]:
    missing = [name for name in REQUIRED if not env.get(name)]
    found = [f"{name} ontbreekt" for name in missing]
    url = env.get("CASEFLOW_DATABASE_URL", "")
    if url and not url.startswith("postgresql"):
        found.append("CASEFLOW_DATABASE_URL moet naar PostgreSQL wijzen (postgresql+psycopg://...)")
    return found


def _flask(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "caseflow", *args]


def gunicorn_command(env: Mapping[str, str]) -> list[str]:
    given = settings(env)
    return [
        sys.executable, "-m", "gunicorn",
        "--bind", given["bind"],
        "--workers", given["workers"],
        "--timeout", given["timeout"],
        # The app writes its own JSON line per request (caseflow.request_log) without paths
        # or queries; gunicorn's access log would add both.
        "--error-logfile", "-",
        "caseflow:create_app()",
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m caseflow.serve", description=__doc__)
    parser.add_argument("--no-migrate", action="store_true")
    parser.add_argument("--no-scheduler", action="store_true")
    options = parser.parse_args(argv)
    env = dict(os.environ)
    if found := problems(env):
        for problem in found:
            print(f"caseflow.serve: {problem}", file=sys.stderr)
        return 2
    if not options.no_migrate:
        subprocess.run(_flask("init-db"), check=True, env=env)
    children: list[subprocess.Popen[bytes]] = []
    if not options.no_scheduler:
        children.append(subprocess.Popen(_flask("scheduler"), env=env))
    web = subprocess.Popen(gunicorn_command(env), env=env)
    children.append(web)

    stopped: set[int] = set()

    def stop(signum: int, _frame: object) -> None:
        # Once per child: a second SIGTERM would interrupt a scheduler already shutting down.
        for child in children:
            if child.poll() is None and child.pid not in stopped:
                stopped.add(child.pid)
                child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = web.wait()
    stop(signal.SIGTERM, None)
    for child in children:
        child.wait(timeout=30)
    return code


if __name__ == "__main__":
    sys.exit(main())
