"""The Zaken API for other systems (KCC, citizen portal, DMS): ZGW-shaped resources, a catalogue
made from the workflow YAML, token authentication per application, and its OpenAPI document.

The API takes tokens, not cookies, so it is exempt from CSRF; everything else (the unit of work,
the engine, the processing log, the security headers) is the same as for the pages.
"""

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from caseflow.api.problems import ApiError, problem

API_PREFIX = "/api/"


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def http_problem(error: HTTPException) -> Response:
    """A routing or server error on an API path, as a problem document instead of a page."""
    return problem(ApiError(error.code or 500, error.description or ""))


def register_api(app: Flask) -> None:
    from caseflow.api import catalogi, schema, status_write, zaken
    from caseflow.extensions import csrf

    assert status_write
    for blueprint in (zaken.bp, catalogi.bp, schema.bp):
        csrf.exempt(blueprint)
        app.register_blueprint(blueprint)
    app.register_error_handler(ApiError, problem)
    from caseflow.api.cli import register_api_commands

    register_api_commands(app)
