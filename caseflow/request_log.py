"""One JSON line per request on stderr: request id, route, method, status, duration, user id.

The route is the URL rule (/zaken/<int:case_id>), never the path or its query, so no name,
BSN or search term reaches the log; the user is an id. A request id from the load balancer
(X-Request-ID) is kept, otherwise one is made, and it goes back in the response.
"""

import json
import logging
import re
import sys
import time
import uuid

import sqlalchemy as sa
from flask import Flask, Response, g, request

from caseflow import clock

logger = logging.getLogger("caseflow.requests")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class JsonLines(logging.Formatter):
    """The message is already JSON: write it as it is, one line."""

    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage()


def _configure(app: Flask) -> None:
    if logger.handlers or app.testing:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _user_id() -> int | None:
    """The id of the user this request loaded, read from its identity: by now the request has
    committed, and asking the object itself would load it again in a transaction of its own."""
    loaded = g.get("_login_user")  # where flask-login keeps the user it loaded
    if loaded is None:
        return None
    state = sa.inspect(loaded, raiseerr=False)
    if state is None or state.identity is None:
        return None  # the anonymous user, or one that was never stored
    return int(state.identity[0])


def init_request_log(app: Flask) -> None:
    """Registered before the other hooks, so its after_request runs last and times them all."""
    _configure(app)

    @app.before_request
    def _start() -> None:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _line(response: Response) -> Response:
        started = g.get("request_started")
        request_id = g.get("request_id") or uuid.uuid4().hex
        response.headers["X-Request-ID"] = request_id
        entry = {
            "time": clock.now().isoformat(timespec="milliseconds"),
            "event": "request",
            "request_id": request_id,
            "method": request.method,
            "route": request.url_rule.rule if request.url_rule else None,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            "user_id": _user_id(),
        }
        client = g.get("caseflow_api_application")
        if client is not None:
            entry["api_client"] = client.client_id
        logger.info(json.dumps(entry))
        return response
