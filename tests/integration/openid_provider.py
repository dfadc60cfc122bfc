"""npm's certified `oidc-provider`, started on loopback for the single sign-on tests, and a
browser that walks between caseflow (the Flask test client) and the provider (real HTTP).

`make install` installs the provider's package (tests/integration/oidc/package.json).
"""

import html
import json
import re
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

HERE = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "caseflow"
CALLBACK = "http://localhost/login/sso/callback"
AFTER_LOGOUT = "http://localhost/login"


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_secret: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_provider(accounts: dict[str, dict[str, str]], workdir: Path) -> Iterator[Provider]:
    node = shutil.which("node")
    assert node, "node is needed for the OpenID provider of these tests"
    assert (HERE / "node_modules" / "oidc-provider").is_dir(), (
        "the OpenID provider is not installed: run `make install`"
    )
    secret = secrets.token_urlsafe(32)
    config = {
        "cookieKey": secrets.token_urlsafe(16),
        "clients": [
            {
                "client_id": CLIENT_ID,
                "client_secret": secret,
                "redirect_uris": [CALLBACK],
                "post_logout_redirect_uris": [AFTER_LOGOUT],
            }
        ],
        "accounts": accounts,
    }
    config_file = workdir / "provider.json"
    config_file.write_text(json.dumps(config), encoding="utf-8")
    port = _free_port()
    process = subprocess.Popen(
        [node, str(HERE / "provider.mjs"), str(port), str(config_file)],
        cwd=HERE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and line.strip() != "ready":
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                raise RuntimeError("the OpenID provider stopped before it was ready")
        assert line.strip() == "ready", "the OpenID provider did not start in 30 seconds"
        yield Provider(f"http://127.0.0.1:{port}", secret)
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass(frozen=True)
class Form:
    action: str
    fields: dict[str, str]


def forms(page: str) -> list[Form]:
    found = []
    for match in re.finditer(r"<form\b([^>]*)>(.*?)</form>", page, re.S | re.I):
        action = re.search(r'action="([^"]*)"', match.group(1))
        fields = {}
        for tag in re.findall(r"<input\b[^>]*>", match.group(2), re.I):
            attributes = dict(re.findall(r'(\w+)="([^"]*)"', tag))
            if "name" in attributes:
                fields[html.unescape(attributes["name"])] = html.unescape(
                    attributes.get("value", "")
                )
        found.append(Form(html.unescape(action.group(1)) if action else "", fields))
    return found


@dataclass
class Browser:
    """Follows redirects across caseflow (http://localhost, the test client) and the provider
    (real HTTP on loopback), keeping each side's cookies, as a person's browser would."""

    caseflow: FlaskClient
    provider: Provider
    web: requests.Session = field(default_factory=requests.Session)
    url: str = ""

    def _is_provider(self, url: str) -> bool:
        return url.startswith(self.provider.issuer)

    def _caseflow(self, method: str, url: str, data: dict[str, str] | None) -> Any:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if method == "POST":
            return self.caseflow.post(path, data=data)
        return self.caseflow.get(path)

    def go(self, url: str, method: str = "GET", data: dict[str, str] | None = None) -> Any:
        """Open `url` and follow every redirect; the last answer, with `self.url` its address."""
        for _ in range(20):
            if self._is_provider(url):
                answer: Any = self.web.request(method, url, data=data, allow_redirects=False)
                status, location = answer.status_code, answer.headers.get("Location")
            else:
                if url.startswith("/"):
                    url = "http://localhost" + url
                answer = self._caseflow(method, url, data)
                status, location = answer.status_code, answer.headers.get("Location")
            self.url = url
            if status not in (301, 302, 303, 307, 308) or not location:
                return answer
            base = self.provider.issuer if self._is_provider(url) else "http://localhost"
            url = location if "://" in location else base + location
            method, data = "GET", None
        raise AssertionError("too many redirects")

    def submit(self, answer: Any, **values: str) -> Any:
        """Fill in and send the first form on a provider page."""
        page = answer.text if hasattr(answer, "text") else answer.get_data(as_text=True)
        form = forms(page)[0]
        action = form.action if "://" in form.action else self.provider.issuer + form.action
        return self.go(action, "POST", {**form.fields, **values})

    def sign_in(self, login: str) -> TestResponse:
        """Log in to caseflow through the provider as `login` (an account's subject)."""
        login_page = self.go("/login/sso")
        return self.submit(login_page, login=login, password="wat-dan-ook")  # type: ignore[no-any-return]
