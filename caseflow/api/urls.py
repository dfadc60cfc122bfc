"""The URLs that name API resources, and reading a URL given as a filter or in a body back
into the uuid it names."""

import re
from urllib.parse import urlsplit

from flask import url_for

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def resource_url(endpoint: str, uuid: str) -> str:
    return url_for(endpoint, uuid=uuid, _external=True)


def uuid_in(value: str, endpoint: str) -> str | None:
    """The uuid `value` names when it is a URL of `endpoint` on this server (any host: a
    proxy may rename it), else None."""
    marker = "00000000-0000-0000-0000-000000000000"
    prefix = urlsplit(url_for(endpoint, uuid=marker)).path[: -len(marker)]
    path = urlsplit(value.strip()).path
    if not path.startswith(prefix):
        return None
    candidate = path[len(prefix) :].lower()
    return candidate if UUID.match(candidate) else None


def is_uuid(value: str) -> bool:
    return bool(UUID.match(value))
