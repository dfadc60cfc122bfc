"""Blueprints of the web app."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from caseflow.web import auth, home

    app.register_blueprint(auth.bp)
    app.register_blueprint(home.bp)
    auth.init_login(app)
