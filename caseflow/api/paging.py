"""Pages of 100 as the ZGW APIs give them: count, next, previous and the results."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import request
from sqlalchemy.sql import Select

from caseflow.api.problems import ApiError, invalid
from caseflow.extensions import db

PAGE_SIZE = 100
# A select of any columns.
AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class Page:
    count: int
    number: int
    rows: Sequence[Any]

    def body(self, results: list[dict[str, Any]]) -> dict[str, Any]:
        last = max(1, -(-self.count // PAGE_SIZE))
        return {
            "count": self.count,
            "next": _page_url(self.number + 1) if self.number < last else None,
            "previous": _page_url(self.number - 1) if self.number > 1 else None,
            "results": results,
        }


def _page_url(number: int) -> str:
    args = request.args.to_dict(flat=False)
    args["page"] = [str(number)]
    return f"{request.base_url}?{urlencode(args, doseq=True)}"


def page_number() -> int:
    raw = request.args.get("page")
    if raw is None:
        return 1
    if not raw.isdigit() or int(raw) < 1:
        raise invalid("page", "Geef een paginanummer van 1 of hoger.")
    return int(raw)


def paginate(statement: AnySelect, *, scalars: bool = True) -> Page:
    """One page of `statement` (which must be ordered); a page past the last one is a 404."""
    number = page_number()
    # Counted without the order: sorting every row to count them is work for nothing.
    unordered = statement.order_by(None).subquery()
    count = db.session.scalar(sa.select(sa.func.count()).select_from(unordered)) or 0
    if number > 1 and (number - 1) * PAGE_SIZE >= count:
        raise ApiError(404, "Deze pagina bestaat niet.")
    limited = statement.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)
    result = db.session.execute(limited)
    rows = result.scalars().all() if scalars else result.all()
    return Page(count, number, rows)
