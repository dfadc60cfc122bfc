"""Benefits: started by the decision that grants them, changed only by dated mutations.

The effect `start_benefit` writes the benefit and its first mutations (start, part-time income,
capacity to work) in the decision's transaction. Afterwards a consultant records what changes
from a given day (`mutate`) and, once, the end with its reason (`end_benefit`); each is a row
appended to the benefit's history. The categories of the capacity to work are the options of the
workflow's `arbeidsvermogen` field, so a municipality's file says which it uses.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import BENEFIT_END_REASONS, Benefit, BenefitMutation, Case, User
from caseflow.permissions import CHANGE_REGISTERS
from caseflow.provisions.changes import MAX_EXPLANATION, keep_until_the_end
from caseflow.provisions.dates import read_day
from caseflow.provisions.wording import long_date
from caseflow.scope.queries import unscoped
from caseflow.workflow.effects import Step
from caseflow.workflow.errors import InvalidData, NotAuthorised
from caseflow.workflow.register_loader import START_FIELD
from caseflow.workflow.registry import registry

CAPACITY_FIELD = "arbeidsvermogen"
PART_TIME_FIELD = "deeltijdinkomen"
YES_NO = {"ja": "Ja", "nee": "Nee"}


def benefit_of_decision(step: Step) -> dict[str, Any] | None:
    """The effect: a granting result starts the benefit from `ingangsdatum`."""
    from caseflow.workflow.engine import workflow_for

    spec = workflow_for(step.case).benefit
    assert spec is not None  # the loader ties the effect to `benefit:`
    if str(step.data.get("resultaat")) not in spec.grants:
        return None
    start = step.data.get(START_FIELD)
    if not isinstance(start, date):
        raise InvalidData({START_FIELD: "Vul de ingangsdatum van de uitkering in."})
    if step.case.person_id is None:
        raise InvalidData(
            {START_FIELD: "Een uitkering hoort bij een inwoner; deze zaak heeft er geen."}
        )
    benefit = Benefit(
        case_id=step.case.id,
        municipality_id=step.case.municipality_id,
        person_id=step.case.person_id,
        household_id=step.case.household_id,
        scheme=spec.scheme,
        start_date=start,
        decided_at=step.now,
    )
    actor_id = step.actor.id if step.actor else None
    part_time = "ja" if step.data.get(PART_TIME_FIELD) else "nee"
    first = [("start", spec.scheme), (PART_TIME_FIELD, part_time)]
    if capacity := step.data.get(CAPACITY_FIELD):
        first.append((CAPACITY_FIELD, str(capacity)))
    benefit.mutations = [
        BenefitMutation(
            kind=kind, effective_on=start, value=value, actor_id=actor_id, recorded_at=step.now
        )
        for kind, value in first
    ]
    db.session.add(benefit)
    db.session.flush()
    return {"uitkering": f"{spec.label} vanaf {long_date(start)} (uitkering {benefit.id})"}


def scheme_label(benefit: Benefit) -> str:
    for workflow in registry().workflows.values():
        if workflow.benefit is not None and workflow.benefit.scheme == benefit.scheme:
            return workflow.benefit.label
    return benefit.scheme


def capacities(benefit: Benefit) -> dict[str, str]:
    """The capacity-to-work categories the benefit's workflow knows."""
    with unscoped():
        case_type = db.session.get_one(Case, benefit.case_id).case_type
    fields = registry().get(case_type).fields
    return dict(fields[CAPACITY_FIELD].options) if CAPACITY_FIELD in fields else {}


@dataclass(frozen=True)
class Standing:
    """What held for a benefit on one day, read back from its mutations."""

    part_time_income: bool
    capacity: str | None


def standing(benefit: Benefit, day: date) -> Standing:
    part_time, capacity = False, None
    for mutation in benefit.mutations:
        if mutation.effective_on > day:
            continue
        if mutation.kind == PART_TIME_FIELD:
            part_time = mutation.value == "ja"
        elif mutation.kind == CAPACITY_FIELD:
            capacity = mutation.value
    return Standing(part_time, capacity)


def _authorise(benefit: Benefit, actor: User) -> None:
    if not actor.may(CHANGE_REGISTERS) or not actor.serves(benefit.municipality_id):
        raise NotAuthorised("U mag uitkeringen van deze gemeente niet wijzigen.")


def _explained(explanation: str, errors: dict[str, str]) -> str | None:
    text = explanation.strip()
    if len(text) > MAX_EXPLANATION:
        errors["explanation"] = f"Toelichting: hoogstens {MAX_EXPLANATION} tekens."
    return text or None


def _from_day(benefit: Benefit, raw: str, errors: dict[str, str]) -> date | None:
    day = read_day(raw, "Datum", "effective_on", errors)
    if day is not None and day < benefit.start_date:
        errors["effective_on"] = (
            f"De uitkering loopt pas vanaf {benefit.start_date:%d-%m-%Y}; kies een latere datum."
        )
    if day is not None and benefit.end_date is not None:
        errors["effective_on"] = "De uitkering is beëindigd; er verandert niets meer aan."
    return day


def mutate(
    benefit: Benefit, actor: User, kind: str, effective_on: str, value: str, explanation: str
) -> BenefitMutation:
    """From `effective_on`, part-time income (ja/nee) or the capacity to work is `value`."""
    _authorise(benefit, actor)
    errors: dict[str, str] = {}
    day = _from_day(benefit, effective_on, errors)
    allowed = {PART_TIME_FIELD: YES_NO, CAPACITY_FIELD: capacities(benefit)}.get(kind)
    if allowed is None:
        errors["kind"] = "Kies wat er verandert."
    elif value not in allowed:
        errors["value"] = "Kies de nieuwe situatie."
    text = _explained(explanation, errors)
    if errors or day is None:
        raise InvalidData(errors)
    mutation = BenefitMutation(
        benefit=benefit,
        kind=kind,
        effective_on=day,
        value=value,
        explanation=text,
        actor_id=actor.id,
        recorded_at=clock.now(),
    )
    db.session.add(mutation)
    db.session.flush()
    return mutation


def end_benefit(
    benefit: Benefit, actor: User, ends_on: str, reason: str, explanation: str
) -> BenefitMutation:
    """The benefit's last day and why it ends (uitstroom); once."""
    _authorise(benefit, actor)
    errors: dict[str, str] = {}
    day = _from_day(benefit, ends_on, errors)
    if reason not in BENEFIT_END_REASONS:
        errors["reason"] = "Kies de reden van beëindiging."
    text = _explained(explanation, errors)
    if errors or day is None:
        raise InvalidData(errors)
    mutation = BenefitMutation(
        benefit=benefit,
        kind="beeindiging",
        effective_on=day,
        value=reason,
        explanation=text,
        actor_id=actor.id,
        recorded_at=clock.now(),
    )
    db.session.add(mutation)
    benefit.end_date, benefit.end_reason = day, reason
    db.session.flush()
    keep_until_the_end(benefit.case_id)
    return mutation
