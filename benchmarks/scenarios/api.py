"""The Zaken API's list of cases, as an application calls it: a signed JWT in the header.

The run registers an application for the manager's region and every case type (as a beheerder
would with `flask api-applications`), signs its tokens the way the ZGW clients do (HS256 with
the application's secret, `client_id` and `iat`), and asks with the Flask test client for the
first page of cases, and for the first page of open cases (`einddatum__isnull=true`). Each
answer also writes its processing-log rows, one per case it discloses, as every read does.
"""

import secrets
from typing import Any

import jwt
import sqlalchemy as sa
from flask import Flask

from benchmarks.common import Stopwatch, latency_summary
from benchmarks.scenarios.reads import Who
from caseflow import clock
from caseflow.extensions import db
from caseflow.models import ApiApplication, User
from caseflow.workflow.registry import registry

CLIENT_ID = "benchmark-kcc"
LISTS = (
    ("cases", "/api/zaken/v1/zaken"),
    ("open_cases", "/api/zaken/v1/zaken?einddatum__isnull=true"),
)


def api_lists(app: Flask, who: Who, count: int, seconds: float) -> dict[str, Any]:
    secret = _application(app, who)
    client = app.test_client()
    results: dict[str, Any] = {"method": "Flask test client, Bearer JWT (HS256), page 1 of 100"}
    for label, path in LISTS:
        first = client.get(path, headers=_headers(secret))
        if first.status_code != 200:
            results[label] = {"failed": f"GET {path} answered {first.status_code}"}
            continue
        body = first.get_json()
        watch = Stopwatch(count, seconds)
        while watch.running():
            headers = _headers(secret)
            with watch.sample():
                response = client.get(path, headers=headers)
            assert response.status_code == 200
        results[label] = {
            "path": path,
            "count": body["count"],
            "results": len(body["results"]),
            **latency_summary(watch.samples),
        }
    return results


def _application(app: Flask, who: Who) -> str:
    """The benchmark's application for the manager's region (made once per database)."""
    with app.app_context():
        manager = db.session.get(User, who.manager_id)
        assert manager is not None
        application = db.session.scalar(
            sa.select(ApiApplication).where(ApiApplication.client_id == CLIENT_ID)
        )
        if application is None:
            application = ApiApplication(
                client_id=CLIENT_ID,
                label="Klantcontactcentrum (benchmark)",
                secret=secrets.token_urlsafe(32),
                scopes=["read"],
                case_types=sorted(registry().workflows),
                municipalities=list(manager.municipalities),
            )
            db.session.add(application)
            db.session.commit()
        secret = application.secret
        db.session.remove()
        return secret


def _headers(secret: str) -> dict[str, str]:
    claims = {
        "iss": CLIENT_ID,
        "client_id": CLIENT_ID,
        "iat": int(clock.now().timestamp()),
        "user_id": "",
        "user_representation": "",
    }
    return {"Authorization": "Bearer " + jwt.encode(claims, secret, algorithm="HS256")}


__all__ = ["api_lists"]
