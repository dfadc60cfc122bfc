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

from flask import Flask, Response, g, request
from flask_login import current_user

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
    try:
        return int(current_user.id) if current_user.is_authenticated else None
    except (AttributeError, RuntimeError):
        return None


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
