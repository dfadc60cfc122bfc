"""Zoeken in de kopbalk: a client by name, BSN, or postcode and house number; a case by number.

Results stay within what the user may see (the request's scope, caseflow.scope.queries), and
showing them is a processing of personal data: every person on the result list gets a row in
the processing log, as a dossier view does. What was searched for is carried into the
new-person form, so a BSN that finds nobody is not typed a second time.
"""

import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from caseflow.access_log import record, record_all
from caseflow.extensions import db
from caseflow.models import Case, Person, User
from caseflow.permissions import REGISTER_REQUESTS, SEARCH_CLIENTS
from caseflow.web.common import user
from caseflow.web.ids import MAX_ID
from caseflow.workflow.registry import registry

bp = Blueprint("search", __name__, url_prefix="/zoeken")
LIMIT = 20
MAX_TERM = 100

_BSN = re.compile(r"[0-9]{9}")
_CASE_NUMBER = re.compile(r"(?:Z-?)?([0-9]{4})-([0-9]{1,9})", re.IGNORECASE)
_ADDRESS = re.compile(r"([1-9][0-9]{3}) ?([A-Za-z]{2})(?:[ ,]*([0-9]{1,5}) ?([A-Za-z0-9-]{0,6}))?")


@dataclass(frozen=True)
class Query:
    """What a search term means: one of a BSN, a case number, an address, or a name."""

    term: str
    bsn: str | None = None
    case_id: int | None = None
    case_year: int | None = None
    postcode: str | None = None  # "6211 AB"
    house_number: str | None = None
    name: str | None = None

    def prefill(self) -> dict[str, str]:
        """The new-person form's fields this term already answers."""
        if self.bsn:
            return {"bsn": self.bsn}
        if self.postcode:
            return {"postcode": self.postcode, "house_number": self.house_number or ""}
        if self.name:
            # "Jan de Vries": the first word is taken as the given name, the rest as the family
            # name; one word is a family name. Both stay editable in the form.
            given, _, family = self.name.partition(" ") if " " in self.name else ("", "", self.name)
            return {"given_names": given, "family_name": family}
        return {}


@dataclass
class Found:
    query: Query
    persons: list[Person] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


def parse(term: str) -> Query:
    term = " ".join(term.split())[:MAX_TERM]
    if _BSN.fullmatch(term):
        return Query(term, bsn=term)
    if match := _CASE_NUMBER.fullmatch(term):
        number = int(match[2])
        return Query(term, case_id=number if number <= MAX_ID else 0, case_year=int(match[1]))
    if match := _ADDRESS.fullmatch(term):
        house = (match[3] or "") + (match[4] or "").upper()
        return Query(term, postcode=f"{match[1]} {match[2].upper()}", house_number=house or None)
    if len(term) >= 2 and not term.isdigit():
        return Query(term, name=term)
    return Query(term)


def may_search(me: User) -> bool:
    return me.may(SEARCH_CLIENTS)


def find(term: str, me: User, purpose: str) -> Found:
    """The persons and cases `term` names that `me` may see; every person shown is logged."""
    query = parse(term)
    found = Found(query, _persons(query), _cases(query))
    shown = {p.id for p in found.persons} | {c.person_id for c in found.cases if c.person_id}
    subjects = [(person_id, None) for person_id in sorted(shown)]
    record_all(me, "view", purpose, subjects, origin=request.remote_addr)
    if query.term and not shown:
        record(me, "view", f"{purpose}: niemand gevonden", origin=request.remote_addr)
    return found


def _persons(query: Query) -> list[Person]:
    select = sa.select(Person)
    if query.bsn:
        select = select.where(Person.bsn == query.bsn)
    elif query.postcode:
        compact = query.postcode.replace(" ", "")
        select = select.where(sa.func.upper(sa.func.replace(Person.postcode, " ", "")) == compact)
        if query.house_number:
            select = select.where(sa.func.upper(Person.house_number) == query.house_number)
    elif query.name:
        like = f"%{query.name.lower()}%"
        full = sa.func.lower(Person.given_names + " " + Person.family_name)
        select = select.where(sa.or_(full.like(like), sa.func.lower(Person.family_name).like(like)))
    else:
        return []
    ordered = select.order_by(Person.family_name, Person.given_names, Person.id).limit(LIMIT)
    return list(db.session.scalars(ordered))


def _cases(query: Query) -> list[Case]:
    if not query.case_id:
        return []
    case = db.session.scalar(sa.select(Case).where(Case.id == query.case_id))
    # The number names the year the case was opened; another year is another case.
    if case is None or case.reference != f"Z-{query.case_year}-{query.case_id:06d}":
        return []
    return [case]


@bp.route("/")
@login_required
def results() -> ResponseReturnValue:
    me = user()
    if not may_search(me):
        abort(403)
    term = request.args.get("zoek", "").strip()
    found = find(term, me, "zoeken in de kopbalk") if term else Found(parse(""))
    return render_template(
        "search/results.html",
        term=term,
        found=found,
        may_record_intake=me.may(REGISTER_REQUESTS),
        workflows=registry().workflows,
        limit=LIMIT,
    )


def search_box_shown() -> bool:
    """For the header: whether this page shows the search box."""
    return bool(current_user.is_authenticated and may_search(current_user))
