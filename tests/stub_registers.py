"""The stand-in BRP and BAG (caseflow.registers.stub) served on loopback for a test, with the
app pointed at them; the app's own configuration comes back afterwards."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.serving import make_server

from caseflow.registers.stub import application


@contextmanager
def stub_registers(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    before = {key: app.config.get(key) for key in ("BRP_URL", "BAG_URL")}
    app.config.update(BRP_URL=f"{base}/haalcentraal/api/brp", BAG_URL=f"{base}/locatieserver/v3")
    try:
        yield base
    finally:
        app.config.update(before)
        server.shutdown()
        thread.join(timeout=10)
