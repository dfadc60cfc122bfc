"""Letter texts as data: the shipped text of each kind, and the beheerder's versions of it.

Which text a letter uses is decided here, most specific first: this case type in this
municipality, this case type in every municipality, then the text caseflow ships (version 0,
in caseflow/letters/texts/<kind>.yaml). Every edit adds a version and never changes one, so a
sent letter keeps pointing at the exact words it was made from.
"""

from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
import yaml

from caseflow import clock
from caseflow.extensions import db
from caseflow.letters.kinds import KINDS, TEXTS_DIR
from caseflow.letters.render import template_problem
from caseflow.models import LetterTemplate, Municipality, User
from caseflow.workflow.errors import InvalidData


@dataclass(frozen=True)
class Text:
    """The text a letter is made from: a stored version, or the shipped one (version 0)."""

    kind: str
    title: str
    basis: str
    body: str
    version: int = 0
    template: LetterTemplate | None = None


@cache
def shipped(kind: str) -> Text:
    raw = yaml.safe_load((TEXTS_DIR / f"{kind}.yaml").read_text(encoding="utf-8"))
    return Text(kind=kind, title=raw["title"], basis=raw["basis"], body=raw["body"])


def _latest(kind: str, case_type: str, municipality_id: int | None) -> LetterTemplate | None:
    where = (
        LetterTemplate.municipality_id.is_(None)
        if municipality_id is None
        else LetterTemplate.municipality_id == municipality_id
    )
    return db.session.scalars(
        sa.select(LetterTemplate)
        .where(LetterTemplate.kind == kind, LetterTemplate.case_type == case_type, where)
        .order_by(LetterTemplate.version.desc())
        .limit(1)
    ).first()


def _from_row(row: LetterTemplate) -> Text:
    return Text(row.kind, row.title, row.basis, row.body, row.version, row)


def current_text(kind: str, case_type: str, municipality_id: int | None) -> Text:
    """The text in use for a letter of `kind` on a case of `case_type` in a municipality."""
    for place in (municipality_id, None) if municipality_id is not None else (None,):
        row = _latest(kind, case_type, place)
        if row is not None:
            return _from_row(row)
    return shipped(kind)


def versions(kind: str, case_type: str, municipality_id: int | None) -> list[LetterTemplate]:
    """Every stored version for exactly this place, newest first."""
    where = (
        LetterTemplate.municipality_id.is_(None)
        if municipality_id is None
        else LetterTemplate.municipality_id == municipality_id
    )
    return list(
        db.session.scalars(
            sa.select(LetterTemplate)
            .where(LetterTemplate.kind == kind, LetterTemplate.case_type == case_type, where)
            .order_by(LetterTemplate.version.desc())
        )
    )


def save_version(
    kind: str,
    case_type: str,
    municipality: Municipality | None,
    *,
    title: str,
    basis: str,
    body: str,
    actor: User,
) -> LetterTemplate:
    """A new version of the text for this place, checked first; flushed, never committed."""
    errors = {}
    if kind not in KINDS:
        errors["kind"] = "Deze soort brief bestaat niet."
    if not title.strip():
        errors["title"] = "Vul een titel in."
    if not basis.strip():
        errors["basis"] = "Noem de wettelijke grondslag van deze brief."
    elif problem := template_problem(basis):
        errors["basis"] = problem
    if not body.strip():
        errors["body"] = "Schrijf de tekst van de brief."
    elif problem := template_problem(body):
        errors["body"] = problem
    if errors:
        raise InvalidData(errors)
    municipality_id = municipality.id if municipality else None
    latest = _latest(kind, case_type, municipality_id)
    row = LetterTemplate(
        kind=kind,
        case_type=case_type,
        municipality_id=municipality_id,
        version=(latest.version if latest else 0) + 1,
        title=title.strip(),
        basis=basis.strip(),
        body=body.replace("\r\n", "\n").strip() + "\n",
        created_at=clock.now(),
        created_by_id=actor.id,
    )
    db.session.add(row)
    db.session.flush()
    return row
