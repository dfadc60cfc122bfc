"""The request is the unit of work: a success commits once, anything else rolls back."""

from flask import Flask, Response, g

from caseflow import unit_of_work
from caseflow.access_log import REFUSAL_LOGGED


def init_request_boundary(app: Flask) -> None:
    @app.before_request
    def _begin() -> None:
        unit_of_work.begin()
        g.pop(REFUSAL_LOGGED, None)

    @app.after_request
    def _finish(response: Response) -> Response:
        # A page shown again with its errors (400), a refusal (403, 409) or a failure (500)
        # keeps nothing of what the request staged, except what must outlive a refusal.
        if response.status_code < 400:
            unit_of_work.commit()
        else:
            unit_of_work.rollback()
        return response
