"""The NL Design System look: the components and a theme from npm, one theme per municipality.

`make install` installs the packages of package.json into node_modules/ (never copied into the
repository); this blueprint serves only the few files the pages use. A page about a case wears
the theme of the case's municipality; any other page the theme of the user's municipality when
they work for one, else the service organisation's neutral theme. A theme is a file of design
tokens, caseflow/static/themes/<code>.css, on top of the NL Design System's example theme.
"""

from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory
from flask.typing import ResponseReturnValue
from flask_login import current_user

from caseflow.bundled import PACKAGE_DIR
from caseflow.models import Municipality

bp = Blueprint("themes", __name__, url_prefix="/nlds")

# The npm files the pages use, by the name they are served under.
ASSETS = {
    "componenten.css": "@utrecht/component-library-css/dist/index.css",
    "thema.css": "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css",
}
THEMES_DIR = PACKAGE_DIR / "static" / "themes"
NEUTRAL = "neutraal"


def node_modules() -> Path:
    configured = current_app.config.get("NODE_MODULES_DIR")
    return Path(configured) if configured else PACKAGE_DIR.parent / "node_modules"


@bp.route("/<name>")
def asset(name: str) -> ResponseReturnValue:
    if name not in ASSETS:
        abort(404)
    path = node_modules() / ASSETS[name]
    if not path.is_file():
        current_app.logger.error("%s is missing: run make install", path)
        abort(404)
    return send_from_directory(path.parent, path.name, mimetype="text/css", max_age=3600)


def theme_for(municipality: Municipality | None = None) -> str:
    """The theme's code: the municipality's when it has one, else the user's only one."""
    if municipality is None and current_user.is_authenticated:
        mine = list(current_user.municipalities)
        municipality = mine[0] if len(mine) == 1 else None
    code = municipality.code if municipality is not None else NEUTRAL
    return code if (THEMES_DIR / f"{code}.css").is_file() else NEUTRAL


@bp.app_context_processor
def _theme() -> dict[str, object]:
    return {"theme_for": theme_for}
