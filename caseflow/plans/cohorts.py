"""Cohorts such as the 50-gezinnenaanpak: a team manager starts one for their municipality, marks
households as part of it from a day with a budget, and records what is spent of the budget.

Deregulation is the point of such a cohort ("maatwerk", "doorbraak"): the budget lets the team
pay for what no regulation covers; each payment is recorded with what it was for.
"""

from datetime import date

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    BUDGET_KINDS,
    BudgetSpending,
    Cohort,
    CohortHousehold,
    Household,
    Municipality,
    User,
)
from caseflow.permissions import LEAD_TEAMS
from caseflow.plans.cohort_report import money
from caseflow.plans.directors import active_director
from caseflow.plans.errors import flushed
from caseflow.workflow.errors import InvalidData, NotAuthorised

MAX_BUDGET_CENTS = 100_000_00


def euros(text: str | None) -> int | None:
    """An amount typed as 2500, 2.500, 2500,50 or 2500.50, in cents; None when unreadable."""
    cleaned = (text or "").strip().replace("€", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3:
        cleaned = cleaned.replace(".", "")  # 2.500: a thousands separator
    try:
        value = round(float(cleaned) * 100)
    except ValueError:
        return None
    return value if value >= 0 else None


def _may_lead(actor: User, municipality_id: int) -> None:
    if not actor.may(LEAD_TEAMS) or not actor.serves(municipality_id):
        raise NotAuthorised("Alleen een teammanager van deze gemeente beheert de cohort.")


def create_cohort(
    actor: User, name: str, municipality: Municipality | None, started_on: date | None
) -> Cohort:
    errors: dict[str, str] = {}
    name = " ".join(name.split())
    if len(name) < 3:
        errors["name"] = "Geef de cohort een naam, bijvoorbeeld 50-gezinnenaanpak Maastricht."
    elif db.session.scalar(sa.select(Cohort.id).where(sa.func.lower(Cohort.name) == name.lower())):
        errors["name"] = "Er is al een cohort met deze naam."
    if municipality is None:
        errors["municipality_id"] = "Kies de gemeente van de cohort."
    if started_on is None:
        errors["started_on"] = "Vul in wanneer de aanpak begint."
    if errors:
        raise InvalidData(errors)
    assert municipality is not None and started_on is not None
    _may_lead(actor, municipality.id)
    with flushed():
        cohort = Cohort(name=name, municipality=municipality, started_on=started_on)
        db.session.add(cohort)
        db.session.flush()
    return cohort


def add_household(
    cohort: Cohort,
    actor: User,
    household: Household | None,
    started_on: date | None,
    budget_cents: int | None,
) -> CohortHousehold:
    """Mark a household as part of the cohort from a day, with its budget."""
    _may_lead(actor, cohort.municipality_id)
    errors: dict[str, str] = {}
    if household is None or household.municipality_id != cohort.municipality_id:
        errors["household_id"] = "Kies een huishouden van de gemeente van de cohort."
    elif any(m.household_id == household.id for m in cohort.households):
        errors["household_id"] = f"{household.name} hoort al bij deze cohort."
    elif active_director(household.id) is None:
        errors["household_id"] = f"{household.name} heeft geen regisseur. Wijs die eerst toe."
    if started_on is None:
        errors["started_on"] = "Vul in vanaf wanneer het huishouden meedoet."
    elif started_on < cohort.started_on:
        errors["started_on"] = f"De aanpak begon pas op {cohort.started_on:%d-%m-%Y}."
    elif started_on > clock.today():
        errors["started_on"] = "Deze datum ligt in de toekomst."
    if budget_cents is None or budget_cents > MAX_BUDGET_CENTS:
        errors["budget"] = "Vul het budget in euro's in, bijvoorbeeld 2500."
    if errors:
        raise InvalidData(errors)
    assert household is not None and started_on is not None and budget_cents is not None
    with flushed():
        member = CohortHousehold(
            cohort=cohort,
            household=household,
            started_on=started_on,
            budget_cents=budget_cents,
            added_by_id=actor.id,
            added_at=clock.now(),
        )
        db.session.add(member)
        db.session.flush()
    return member


def record_spending(
    member: CohortHousehold,
    actor: User,
    *,
    kind: str,
    spent_on: date | None,
    amount_cents: int | None,
    purpose: str,
) -> BudgetSpending:
    """A payment from the household's budget, by its director or a team manager; never more
    than what is left."""
    director = active_director(member.household_id)
    if director is None or director.director_id != actor.id:
        _may_lead(actor, member.cohort.municipality_id)
    errors: dict[str, str] = {}
    if kind not in BUDGET_KINDS:
        errors["kind"] = "Kies waarvoor het budget is gebruikt: maatwerk of doorbraak."
    if spent_on is None:
        errors["spent_on"] = "Vul de datum van de uitgave in."
    elif spent_on > clock.today():
        errors["spent_on"] = "Deze datum ligt in de toekomst."
    elif spent_on < member.started_on:
        errors["spent_on"] = f"Het huishouden doet pas mee sinds {member.started_on:%d-%m-%Y}."
    left = member.budget_cents - member.spent_cents
    if amount_cents is None or amount_cents <= 0:
        errors["amount"] = "Vul het bedrag in euro's in, bijvoorbeeld 150 of 149,95."
    elif amount_cents > left:
        errors["amount"] = f"Dit is meer dan er over is van het budget: nog {money(left)}."
    if not purpose.strip():
        errors["purpose"] = "Schrijf kort op waarvoor het geld is."
    if errors:
        raise InvalidData(errors)
    assert spent_on is not None and amount_cents is not None
    with flushed():
        spending = BudgetSpending(
            member=member,
            kind=kind,
            spent_on=spent_on,
            amount_cents=amount_cents,
            purpose=purpose.strip()[:300],
            recorded_by_id=actor.id,
            recorded_at=clock.now(),
        )
        db.session.add(spending)
        db.session.flush()
    return spending
