"""Numbers from a URL or a form, checked before they reach the database.

An id of 2^31 or more does not fit PostgreSQL's integer column (SQLite's ends at 2^63), and
`str.isdigit()` accepts characters such as '²' that `int()` refuses: both used to end in a 500.
Every id from a user goes through `parse_id`, and every `<int:...>` in a route is bounded.
"""

import re

from flask import Flask
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(raw: object) -> int | None:
    """A whole number from 0 up to MAX_ID written in ASCII digits, else None."""
    text = str(raw if raw is not None else "").strip()
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


class BoundedInteger(IntegerConverter):
    """`<int:...>` in every route: a number beyond any id is simply not found (404)."""

    def __init__(self, map: object, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)  # type: ignore[arg-type]


def bound_route_ids(app: Flask) -> None:
    """Call before the blueprints are registered: rules take their converter when added."""
    app.url_map.converters["int"] = BoundedInteger
