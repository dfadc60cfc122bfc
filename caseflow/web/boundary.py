"""The request is the unit of work: a success commits once, anything else rolls back."""

from flask import Flask, Response, g
from flask_login import current_user

from caseflow import unit_of_work
from caseflow.access_log import REFUSAL_LOGGED
from caseflow.scope.queries import start_viewing, stop_viewing

_SCOPE_TOKEN = "caseflow_scope_token"


def init_request_boundary(app: Flask) -> None:
    @app.before_request
    def _begin() -> None:
        unit_of_work.begin()
        g.pop(REFUSAL_LOGGED, None)
        # From here on every read of cases and clients is limited to what this user may see.
        viewer = current_user._get_current_object() if current_user.is_authenticated else None
        if _SCOPE_TOKEN not in g:
            setattr(g, _SCOPE_TOKEN, start_viewing(viewer))

    @app.after_request
    def _finish(response: Response) -> Response:
        # A page shown again with its errors (400), a refusal (403, 409) or a failure (500)
        # keeps nothing of what the request staged, except what must outlive a refusal.
        if response.status_code < 400:
            unit_of_work.commit()
        else:
            unit_of_work.rollback()
        return response

    @app.teardown_request
    def _end(_error: BaseException | None) -> None:
        token = g.pop(_SCOPE_TOKEN, None)
        if token is not None:
            stop_viewing(token)
