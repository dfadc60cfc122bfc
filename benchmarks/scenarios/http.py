"""HTTP: gunicorn with two workers on loopback, loaded with wrk for a bounded time.

The load generator is wrk when it is installed (a Lua hook prints its latency percentiles);
otherwise a small Python client with a fixed number of keep-alive connections. Both stop by
themselves after the given seconds, and only ever talk to 127.0.0.1.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from flask import Flask

from benchmarks.common import BENCH_DIR, DATA_DIR, SECRET_KEY, latency_summary, session_user_id

HOST = "127.0.0.1"
WRK_SCRIPT = BENCH_DIR / "wrk_report.lua"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def session_cookie(app: Flask, user_id: int) -> str:
    """A signed session cookie for `user_id`, as Flask-Login would have set after a login."""
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    assert serializer is not None
    login = session_user_id(app, user_id)
    value = serializer.dumps({"_user_id": login, "_fresh": True, "_permanent": True})
    return f"{app.config['SESSION_COOKIE_NAME']}={value}"


def _wait_until_up(port: int, cookie: str, path: str, timeout: float = 60) -> int | str:
    """The status of the first answer (the first request of a worker can be slow)."""
    stop = time.monotonic() + timeout
    last: int | str = "no answer"
    while time.monotonic() < stop:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            conn.request("GET", path, headers={"Cookie": cookie})
            last = conn.getresponse().status
            conn.close()
            if last == 200:
                return last
        except OSError as exc:
            last = f"no answer ({exc})"
        time.sleep(0.2)
    return last


def http_load(
    app: Flask, url: str, user_id: int, seconds: float, connections: int = 8, path: str = "/"
) -> dict[str, Any]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        return {"skipped": "gunicorn is not installed; pip install -e '.[bench]'"}
    port = _free_port()
    cookie = session_cookie(app, user_id)
    env = {**os.environ, "CASEFLOW_DATABASE_URL": url, "SECRET_KEY": SECRET_KEY}
    # A file, not a pipe nobody reads: the request log's line per request would fill a pipe
    # and stall the workers.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    log = (DATA_DIR / "http-server.log").open("wb")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
            "caseflow:create_app()",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    log.close()
    try:
        status = _wait_until_up(port, cookie, path)
        if status != 200:
            return {"failed": f"gunicorn answered {status} on the worklist page (see {log.name})"}
        wrk = shutil.which("wrk")
        if wrk:
            result = _wrk(wrk, port, cookie, path, seconds, connections)
        else:
            result = _python_load(port, cookie, path, seconds, connections)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return {
        "server": "gunicorn, 2 sync workers",
        "path": path,
        "connections": connections,
        "seconds": seconds,
        **result,
    }


def _wrk(
    wrk: str, port: int, cookie: str, path: str, seconds: float, connections: int
) -> dict[str, Any]:
    out = subprocess.run(
        [
            wrk,
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{int(seconds)}s",
            "--timeout",
            "10s",
            "-H",
            f"Cookie: {cookie}",
            "-s",
            str(WRK_SCRIPT),
            f"http://{HOST}:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=False,
    )
    line = next((x for x in out.stdout.splitlines() if x.startswith("{")), None)
    if line is None:
        return {"failed": f"wrk printed no summary: {out.stdout[-300:]} {out.stderr[-300:]}"}
    summary = json.loads(line)
    return {"load_generator": "wrk", **summary}


def _python_load(
    port: int, cookie: str, path: str, seconds: float, connections: int
) -> dict[str, Any]:
    samples: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        mine: list[float] = []
        while time.perf_counter() < stop_at:
            begin = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
                ok = False
            if ok:
                mine.append(time.perf_counter() - begin)
            else:
                with lock:
                    errors[0] += 1
        conn.close()
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    begin = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 15)
    elapsed = time.perf_counter() - begin
    return {
        "load_generator": "python http.client threads",
        "requests": len(samples),
        "errors": errors[0],
        "requests_per_second": round(len(samples) / elapsed, 1),
        **latency_summary(samples),
    }
