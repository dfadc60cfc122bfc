"""caseflow: case-management workflows for the integral social-domain front door."""

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from caseflow.bundled import bundled_dir
from caseflow.config import Config, default_database_url
from caseflow.security.secret_key import secret_key


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(bundled_dir("templates")),
    )
    app.config.from_object(Config)
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["SECRET_KEY"] = secret_key(app)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = default_database_url(app.instance_path)

    from caseflow import models  # noqa: F401  (registers every table on the metadata)
    from caseflow.connections import tune_connections
    from caseflow.extensions import csrf, db, login_manager, migrate
    from caseflow.models.base import render_migration_item
    from caseflow.workflow.compatibility import check_at_start
    from caseflow.workflow.registry import EXTENSION_KEY, WorkflowRegistry

    db.init_app(app)
    with app.app_context():
        tune_connections(db.engine)
    migrate.init_app(
        app,
        db,
        directory=str(bundled_dir("migrations")),
        render_as_batch=True,
        compare_type=True,
        render_item=render_migration_item,
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    app.extensions[EXTENSION_KEY] = WorkflowRegistry.from_directory(
        Path(app.config["WORKFLOWS_DIR"])
    )
    check_at_start(app)

    from caseflow.cli import register_commands
    from caseflow.request_log import init_request_log
    from caseflow.security.headers import init_security_headers
    from caseflow.web import register_blueprints
    from caseflow.web.errors import init_error_pages

    register_commands(app)
    init_request_log(app)
    register_blueprints(app)
    from caseflow.api import register_api

    register_api(app)
    init_security_headers(app)
    init_error_pages(app)
    if app.config["BEHIND_PROXY"]:
        # Behind a load balancer: its X-Forwarded-For/-Proto/-Host are the request's own, so
        # addresses in the logs and the URLs caseflow makes (SSO, the API) are the real ones.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    return app
