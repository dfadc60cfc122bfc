"""Incidenten in cijfers: the team manager's overview of aggression incidents, no names."""

from flask import Blueprint, Flask, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from caseflow import clock
from caseflow.incident_counts import count_incidents
from caseflow.permissions import LEAD_TEAMS
from caseflow.scope.queries import unscoped
from caseflow.web.common import user

bp = Blueprint("incident_counts", __name__, url_prefix="/incidenten")


@bp.route("/overzicht")
@login_required
def overview() -> ResponseReturnValue:
    me = user()
    if not me.may(LEAD_TEAMS):
        abort(403)
    this_year = clock.today().year
    try:
        year = int(request.args.get("jaar", this_year))
    except ValueError:
        abort(400)
    if not 2000 <= year <= this_year:
        abort(400)
    # Counts only: the clients behind them stay out of sight, so the scope need not apply.
    with unscoped():
        counts = count_incidents([m.id for m in me.municipalities], year)
    return render_template(
        "incidents/overview.html", counts=counts, years=range(this_year, this_year - 5, -1)
    )


def init_incident_counts(app: Flask) -> None:
    app.register_blueprint(bp)
