"""Liveness and readiness for a load balancer or an orchestrator: /health says the process
answers; /ready says it can serve: the database answers and has every migration of this code."""

from functools import cache

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from caseflow.bundled import bundled_dir
from caseflow.extensions import db

bp = Blueprint("health", __name__)


@cache
def migration_head() -> str | None:
    return ScriptDirectory(str(bundled_dir("migrations"))).get_current_head()


@bp.get("/health")
def health() -> ResponseReturnValue:
    return jsonify(status="ok")


@bp.get("/ready")
def ready() -> ResponseReturnValue:
    try:
        version = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="niet gereed", reden="database onbereikbaar of leeg"), 503
    if version != migration_head():
        return jsonify(status="niet gereed", reden="database niet op de nieuwste migratie"), 503
    return jsonify(status="gereed")
