"""Reports: team manager dashboard, indicators with drill-down, municipal reports, norms."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/rapportages")

from caseflow.web.reports import council, indicators, municipal, norms  # noqa: E402, F401  (routes)
