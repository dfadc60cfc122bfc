"""Settings from the environment, with defaults that work on a laptop."""

import os
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_database_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "caseflow.sqlite")


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-change-me")
    SQLALCHEMY_DATABASE_URI = os.environ.get("CASEFLOW_DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    WORKFLOWS_DIR = os.environ.get("CASEFLOW_WORKFLOWS_DIR", str(REPO_ROOT / "workflows"))
    # Days equated to public holidays by royal decree (Atw art. 3 lid 2): ISO dates, commas.
    EXTRA_HOLIDAYS = os.environ.get("CASEFLOW_EXTRA_HOLIDAYS", "")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("CASEFLOW_SECURE_COOKIES", "0") == "1"
    PERMANENT_SESSION_LIFETIME = int(os.environ.get("CASEFLOW_IDLE_MINUTES", "30")) * 60
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None
    WTF_I18N_ENABLED = False  # forms use WTForms' own Dutch messages
