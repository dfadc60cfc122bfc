"""A scheduler runner in its own process, for the tests that start two or kill one.

python -m tests.jobs.runner <database url> <frozen ISO moment> <go file> [stall]

Prints "ready" once the app is built, waits for the go file, then runs every job once the way
`flask run-jobs --once` does. With "stall" it stops after the scan's first committed step and
waits there to be killed.
"""

import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import time_machine

from caseflow import create_app
from caseflow.signals import scan


def _stall_after_first_step() -> None:
    original = scan._run_step

    def stalling(*args: Any) -> int:
        created = original(*args)
        print(f"committed {args[0].value} {created}", file=sys.__stdout__, flush=True)
        time.sleep(600)
        return created

    scan._run_step = stalling  # type: ignore[assignment]


def main(url: str, moment: str, go_file: str, mode: str = "") -> int:
    with time_machine.travel(datetime.fromisoformat(moment), tick=False):
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        if mode == "stall":
            _stall_after_first_step()
        print("ready", flush=True)
        deadline = time.monotonic() + 30
        while not Path(go_file).exists() and time.monotonic() < deadline:
            time.sleep(0.005)
        result = app.test_cli_runner().invoke(args=["run-jobs", "--once"])
        print(result.output, end="", flush=True)
        return result.exit_code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
