"""A case's timeline as people read it: labels instead of codes, case numbers and names instead
of database ids, and Dutch dates ("20 november 2026").

Events keep what the engine recorded (field codes, ids, ISO dates); this is where they are put
into words, with the workflow definition as the dictionary.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from flask import url_for

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Team, User
from caseflow.scope.queries import UNSCOPED
from caseflow.workflow.engine import workflow_for
from caseflow.workflow.schema import FieldDef, Workflow

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
SPECIAL_EVENTS = {
    "aanmaken": "Zaak aangemaakt",
    "toewijzen": "Toegewezen",
    "notitie": "Notitie",
    "brief_verzonden": "Brief verstuurd",
    "document_toegevoegd": "Document toegevoegd",
}
# The reason has a line of its own; an assignment names its new handler instead of ids.
OWN_LINE = {"reden", "van", "naar"}
CASE_KEYS = {
    "vervolg_op": "Vervolg op",
    "bestreden_zaak": "Bezwaar tegen het besluit in",
    "nieuw_besluit": "Nieuwe besluitzaak",
    "heroverweging_van": "Opnieuw te besluiten in plaats van",
    "beroep_tegen": "Beroep tegen de uitkomst van",
}
TEAM_KEYS = {"team_van": "Van team", "team_naar": "Naar team"}


@dataclass(frozen=True)
class Detail:
    label: str
    text: str
    href: str | None = None


@dataclass(frozen=True)
class Entry:
    event: CaseEvent
    label: str
    moment: str
    from_label: str
    to_label: str
    details: tuple[Detail, ...]


def long_date(day: date | None) -> str:
    """20 november 2026."""
    if day is None:
        return "–"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_moment(moment: datetime | None) -> str:
    """20 november 2026, 14:05 (Amsterdam time)."""
    if moment is None:
        return "–"
    local = clock.to_local(moment)
    return f"{long_date(local.date())}, {local:%H:%M}"


def case_references(case_ids: Iterable[object]) -> dict[int, str]:
    """Case numbers (Z-2026-000486) for ids, in one query.

    Also of cases the reader may not open (the front-door case a Wmo case came from, a case
    in the processing log): a number names a case without anything of its content.
    """
    ids = {i for i in case_ids if isinstance(i, int)}
    if not ids:
        return {}
    rows = db.session.scalars(sa.select(Case).where(Case.id.in_(ids)).execution_options(**UNSCOPED))
    return {c.id: c.reference for c in rows}


def timeline(case: Case) -> list[Entry]:
    """The case's events, newest first, in words."""
    workflow = workflow_for(case)
    events = list(reversed(case.events))
    references = case_references(e.data.get(k) for e in events for k in CASE_KEYS)
    teams = _names(Team, [e.data.get(k) for e in events for k in TEAM_KEYS])
    users = _names(User, [e.data.get("naar") for e in events if e.trigger == "toewijzen"])
    return [
        Entry(
            event=e,
            label=SPECIAL_EVENTS.get(e.trigger) or _transition_label(workflow, e.trigger),
            moment=long_moment(e.occurred_at),
            from_label=workflow.state_label(e.from_state),
            to_label=workflow.state_label(e.to_state),
            details=tuple(_details(workflow, e, references, teams, users)),
        )
        for e in events
    ]


def _transition_label(workflow: Workflow, trigger: str) -> str:
    return next((t.label for t in workflow.transitions if t.trigger == trigger), trigger)


def _names(model: type[Team] | type[User], ids: list[object]) -> dict[int, str]:
    wanted = {i for i in ids if isinstance(i, int)}
    if not wanted:
        return {}
    name = Team.name if model is Team else User.full_name
    query = sa.select(model.id, name).where(model.id.in_(wanted))
    return {row_id: text for row_id, text in db.session.execute(query)}


def _details(
    workflow: Workflow,
    event: CaseEvent,
    references: dict[int, str],
    teams: dict[int, str],
    users: dict[int, str],
) -> list[Detail]:
    details = []
    if event.trigger == "toewijzen":
        handler = users.get(event.data.get("naar") or 0, "niemand: terug naar de teamwerkvoorraad")
        details.append(Detail("Aan", handler))
    for key, value in event.data.items():
        if key in OWN_LINE or value in (None, "", False):
            continue
        if key in CASE_KEYS:
            reference = references.get(value, "een zaak die er niet meer is")
            href = url_for("cases.show", case_id=value) if value in references else None
            details.append(Detail(CASE_KEYS[key], reference, href))
        elif key in TEAM_KEYS:
            details.append(Detail(TEAM_KEYS[key], teams.get(value, "–")))
        else:
            definition = workflow.fields.get(key)
            details.append(Detail(_label(key, definition), _text(workflow, event, key, value)))
    return details


def _label(key: str, definition: FieldDef | None) -> str:
    return definition.label if definition else key.replace("_", " ").capitalize()


def _text(workflow: Workflow, event: CaseEvent, key: str, value: Any) -> str:
    definition = workflow.fields.get(key)
    if key == "resultaat" and event.to_state in workflow.states:
        return workflow.states[event.to_state].results.get(str(value), str(value))
    if definition is None:
        return str(value)
    if definition.type == "choice":
        return definition.options.get(str(value), str(value))
    if definition.type == "date":
        try:
            return long_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if definition.type == "bool":
        return "Ja" if value else "Nee"
    if definition.type == "rows" and isinstance(value, list):
        # A decision's products: each row carries its own words (caseflow.provisions.register).
        return "; ".join(
            str(r.get("omschrijving", r)) if isinstance(r, dict) else str(r) for r in value
        )
    return str(value)
