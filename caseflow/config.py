"""Settings from the environment, with defaults that work on a laptop."""

import os
from pathlib import Path
from typing import Any

from caseflow.bundled import bundled_dir


def default_database_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "caseflow.sqlite")


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")  # else instance/secret_key, else refuse to start
    SQLALCHEMY_DATABASE_URI = os.environ.get("CASEFLOW_DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    WORKFLOWS_DIR = os.environ.get("CASEFLOW_WORKFLOWS_DIR", str(bundled_dir("workflows")))
    # Days equated to public holidays by royal decree (Atw art. 3 lid 2): ISO dates, commas.
    EXTRA_HOLIDAYS = os.environ.get("CASEFLOW_EXTRA_HOLIDAYS", "")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("CASEFLOW_SECURE_COOKIES", "0") == "1"
    PERMANENT_SESSION_LIFETIME = int(os.environ.get("CASEFLOW_IDLE_MINUTES", "30")) * 60
    # No request bigger than a norm file or a long report needs; more form fields than any
    # page has are an attack, not a form. Both are refused with 413 and a Dutch page.
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    MAX_FORM_PARTS = 500
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None
    WTF_I18N_ENABLED = False  # forms use WTForms' own Dutch messages
    # Scheduled jobs and signals (caseflow/jobs.py). Mail is off while SMTP_HOST is empty:
    # messages then wait in the outbox table.
    SIGNAL_SCAN_MINUTES = int(os.environ.get("CASEFLOW_SIGNAL_SCAN_MINUTES", "15"))
    SIGNAL_DEFAULT_WARNING_DAYS = 5  # for a running deadline its workflow no longer defines
    SNAPSHOT_AT = os.environ.get("CASEFLOW_SNAPSHOT_AT", "06:00")
    # Local time of the daily count of cases past their retention (for the privacy officer).
    RETENTION_LIST_AT = os.environ.get("CASEFLOW_RETENTION_LIST_AT", "05:30")
    MAIL_SEND_MINUTES = int(os.environ.get("CASEFLOW_MAIL_SEND_MINUTES", "5"))
    JOB_MISFIRE_GRACE_SECONDS = 3600
    JOB_LOCK_LEASE_SECONDS = 1800
    BASE_URL = os.environ.get("CASEFLOW_BASE_URL", "http://127.0.0.1:5000")
    SMTP_HOST = os.environ.get("CASEFLOW_SMTP_HOST", "")
    SMTP_PORT = int(os.environ.get("CASEFLOW_SMTP_PORT", "587"))
    SMTP_STARTTLS = os.environ.get("CASEFLOW_SMTP_STARTTLS", "1") == "1"
    SMTP_USERNAME = os.environ.get("CASEFLOW_SMTP_USERNAME", "")
    SMTP_PASSWORD = os.environ.get("CASEFLOW_SMTP_PASSWORD", "")
    MAIL_FROM = os.environ.get("CASEFLOW_MAIL_FROM", "caseflow@localhost")
    # The base registers (off when empty): Haal Centraal BRP bevragen and the PDOK Locatieserver.
    BRP_URL = os.environ.get("CASEFLOW_BRP_URL", "")
    BRP_API_KEY = os.environ.get("CASEFLOW_BRP_API_KEY", "")
    BAG_URL = os.environ.get("CASEFLOW_BAG_URL", "")
    # Letters and documents (docs/letters.md): where content is stored (default
    # instance/documents), the largest upload, an optional virus scanner, the letterheads file.
    DOCUMENT_STORE_URL = os.environ.get("CASEFLOW_DOCUMENT_STORE_URL", "")
    DOCUMENT_MAX_BYTES = int(os.environ.get("CASEFLOW_DOCUMENT_MAX_MB", "10")) * 1024 * 1024
    VIRUS_SCAN_COMMAND = os.environ.get("CASEFLOW_VIRUS_SCAN_COMMAND", "")
    LETTERHEADS_FILE = os.environ.get("CASEFLOW_LETTERHEADS", "")
    # The npm packages of package.json (make install); default: node_modules beside caseflow/.
    NODE_MODULES_DIR = os.environ.get("CASEFLOW_NODE_MODULES", "")
    # Single sign-on (caseflow.web.oidc): on when an issuer is set. The claim is matched to a
    # caseflow account's user name, or its e-mail address with OIDC_ACCOUNT_FIELD=email.
    OIDC_ISSUER = os.environ.get("CASEFLOW_OIDC_ISSUER", "")
    OIDC_CLIENT_ID = os.environ.get("CASEFLOW_OIDC_CLIENT_ID", "")
    OIDC_CLIENT_SECRET = os.environ.get("CASEFLOW_OIDC_CLIENT_SECRET", "")
    OIDC_SCOPES = os.environ.get("CASEFLOW_OIDC_SCOPES", "openid profile email")
    OIDC_USER_CLAIM = os.environ.get("CASEFLOW_OIDC_USER_CLAIM", "preferred_username")
    OIDC_ACCOUNT_FIELD = os.environ.get("CASEFLOW_OIDC_ACCOUNT_FIELD", "username")
    # Local passwords, for development or without an identity provider; 0 switches them off.
    PASSWORD_LOGIN = os.environ.get("CASEFLOW_PASSWORD_LOGIN", "1") != "0"
    # Behind a load balancer that sets X-Forwarded-For, -Proto and -Host (one hop): 1.
    BEHIND_PROXY = os.environ.get("CASEFLOW_BEHIND_PROXY", "0") == "1"
    # Zaken API: a token older than this (seconds since its iat) is refused.
    API_JWT_MAX_AGE = int(os.environ.get("CASEFLOW_API_JWT_MAX_AGE", "3600"))
