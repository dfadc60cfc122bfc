"""Proof on a sample that the letters and the registers of bezwaar, beroep and klachten look as
the services that write them would have left them.

Per case: every letter was drafted by a transition that names its kind, at that transition's
moment; a sent letter has its document and exactly one sending event, whose mark is the
document's hash. Per bezwaar: the register row contests a decision of its case, the lodging term
recomputes with the engine's `lodging_term`, a late objection that is not excusable is decided as
niet-ontvankelijk, and an upheld one opened the new decision. Per beroep: it contests a decided
bezwaar and stays with its team. Per klacht: the term counts from the day it was received.
"""

import random

import sqlalchemy as sa

from caseflow import clock
from caseflow.deadlines.app_calendar import holiday_calendar
from caseflow.extensions import db
from caseflow.letters.kinds import KINDS
from caseflow.models import Appeal, Case, CaseEvent, Complaint, Document, Letter, Objection
from caseflow.objections.hooks import NOT_ADMISSIBLE, UPHELD
from caseflow.objections.terms import lodging_term
from caseflow.workflow.papers import LETTER_SENT
from caseflow.workflow.registry import registry
from caseflow.workflow.schema import Workflow


def register_case_ids(count: int, rng: random.Random) -> list[int]:
    """Up to `count` cases of each register (objections, appeals, complaints), at random."""
    ids: list[int] = []
    for model in (Objection, Appeal, Complaint):
        found = list(db.session.scalars(sa.select(model.case_id).order_by(model.case_id)))
        ids += rng.sample(found, min(count, len(found)))
    return ids


def check_papers_and_registers(case: Case, workflow: Workflow) -> list[str]:
    problems = _letters(case, workflow)
    if case.case_type == "bezwaar":
        problems += _objection(case)
    elif case.case_type == "beroep":
        problems += _appeal(case)
    elif case.case_type == "klacht":
        problems += _complaint(case)
    return problems


def _letters(case: Case, workflow: Workflow) -> list[str]:
    problems: list[str] = []
    letters = db.session.scalars(sa.select(Letter).where(Letter.case_id == case.id)).all()
    steps = {e.occurred_at: e for e in case.events if e.trigger != LETTER_SENT}
    sendings = [e for e in case.events if e.trigger == LETTER_SENT]
    for letter in letters:
        kind = KINDS[letter.kind]
        step = steps.get(letter.created_at)
        transition = workflow.transition(step.trigger, step.from_state or "") if step else None
        choice = transition.letter if transition else None
        if step is None or choice is None or choice.kind_for(step.data) != letter.kind:
            problems.append(f"letter {letter.id}: no step drafted a {letter.kind} then")
        elif step.data.get("brief") != kind.label:
            problems.append(f"letter {letter.id}: its step does not record it")
        if letter.sent_at is None:
            continue
        document = db.session.get(Document, letter.document_id or 0)
        sent = [e for e in sendings if e.occurred_at == letter.sent_at]
        if document is None or document.case_id != case.id or document.document_type != kind.code:
            problems.append(f"letter {letter.id}: sent without its document")
        elif len(sent) != 1 or sent[0].data.get("kenmerk") != document.sha256[:16]:
            problems.append(f"letter {letter.id}: not one sending event with its hash")
        if letter.sent_on != clock.local_date(letter.sent_at):
            problems.append(f"letter {letter.id}: sent_on is not the day it was sent")
    if len(sendings) != sum(1 for letter in letters if letter.sent_at is not None):
        problems.append("sending events and sent letters do not match")
    return problems


def _objection(case: Case) -> list[str]:
    row = db.session.get(Objection, case.id)
    if row is None:
        return ["a bezwaar case without its register row"]
    problems = []
    decision = db.session.get(CaseEvent, row.contested_event_id)
    contested = db.session.get(Case, row.contested_case_id)
    assert contested is not None
    triggers = registry().get(contested.case_type).decision_triggers()
    if decision is None or decision.case_id != contested.id or decision.trigger not in triggers:
        return ["the objection does not contest a decision of its case"]
    decided_on = clock.local_date(decision.occurred_at)
    if row.made_known_on < decided_on or row.received_on < decided_on:
        problems.append("made known or received before the decision")
    term = lodging_term(row.made_known_on, row.received_on, row.posted_on, holiday_calendar())
    if (row.lodging_ends_on, row.in_time) != (term.ends_on, term.in_time):
        problems.append(
            f"lodging term ends {row.lodging_ends_on} (in time: {row.in_time}), "
            f"the engine's {term.ends_on} ({term.in_time})"
        )
    created = case.events[0].data
    if (created.get("bestreden_zaak"), created.get("bezwaartermijn_einde")) != (
        contested.id,
        term.ends_on.isoformat(),
    ):
        problems.append("the creation event does not record the contested decision and term")
    if case.person_id != contested.person_id:
        problems.append("the objector is not the decision's client")
    if case.state == "besloten" and not row.admissible_by_term and case.result != NOT_ADMISSIBLE:
        problems.append(f"late and not excusable, yet decided {case.result}")
    if case.state == "besloten" and case.result in UPHELD:
        decided = [e for e in case.events if e.trigger == "besluiten"]
        new_id = decided[-1].data.get("nieuw_besluit") if decided else None
        new = db.session.get(Case, new_id or 0)
        if new is None or new.parent_id != case.id or new.case_type != contested.case_type:
            problems.append("upheld, but no new decision of the contested type followed")
    return problems


def _appeal(case: Case) -> list[str]:
    row = db.session.get(Appeal, case.id)
    if row is None:
        return ["a beroep case without its register row"]
    contested = db.session.get(Case, row.contested_case_id)
    assert contested is not None
    if contested.case_type != "bezwaar" or contested.closed_at is None:
        return ["the appeal does not contest a decided bezwaar"]
    problems = []
    if row.filed_on < clock.local_date(contested.closed_at):
        problems.append("filed before the decision on bezwaar")
    if case.team_id != contested.team_id:
        problems.append("not with the team that decided the objection")
    return problems


def _complaint(case: Case) -> list[str]:
    row = db.session.get(Complaint, case.id)
    if row is None:
        return ["a klacht case without its register row"]
    problems = []
    if case.events[0].data.get("ontvangen_op") != row.received_on.isoformat():
        problems.append("the creation event does not record the day it was received")
    first = next((d for d in case.deadlines if d.code == "afhandeling"), None)
    if first is not None and first.start_date != row.received_on:
        problems.append("the term does not count from the day it was received")
    if row.about_case_id is not None:
        about = db.session.get(Case, row.about_case_id)
        if about is None or about.person_id != case.person_id:
            problems.append("the complainant is not the client of the case it is about")
    return problems


__all__ = ["check_papers_and_registers", "register_case_ids"]
