"""Refusals of the plan services, with the database's refusals in Dutch."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from caseflow import unit_of_work
from caseflow.integrity import refusal_message
from caseflow.workflow.errors import InvalidData, WorkflowError

# What the database refused, by constraint name (caseflow.integrity), for the plan pages.
REFUSALS = {
    "uq_household_directors_active": (
        "Dit huishouden heeft al een actieve regisseur. Er is niets opgeslagen. Laat de "
        "teammanager de regie overdragen als iemand anders de regisseur moet worden."
    ),
    "uq_household_plans_active": (
        "Dit huishouden heeft al een actief gezinsplan. Er is niets opgeslagen; werk verder in "
        "het plan dat er al is."
    ),
    "uq_team_meetings_team_id_held_on": (
        "Er is net een casusoverleg op deze datum vastgelegd. Probeer het opnieuw."
    ),
    "uq_plan_versions_plan_id_number": (
        "Iemand anders heeft het plan net gewijzigd. Bekijk de nieuwe stand en probeer het opnieuw."
    ),
}


class PlanError(WorkflowError):
    """A refusal with a Dutch message for the page."""


@contextmanager
def flushed() -> Iterator[None]:
    """The block's writes, all or nothing; a refusal by the database becomes a PlanError."""
    try:
        with unit_of_work.all_or_nothing():
            yield
    except sa.exc.IntegrityError as exc:
        raise PlanError(refusal_message(exc, REFUSALS)) from None


def required(**values: str | None) -> None:
    """Raise InvalidData for every empty text, named by its field."""
    labels = {
        "reden": "Reden",
        "notes": "Wat is besproken en besloten",
        "wishes": "Wat het huishouden wil",
        "wording": "Het doel in de woorden van het huishouden",
        "description": "Wat er gebeurt",
        "what_changed": "Wat is er veranderd",
        "partner_name": "Naam van de partner",
    }
    missing = {
        name: f"{labels.get(name, name.capitalize())} is verplicht."
        for name, value in values.items()
        if not (value or "").strip()
    }
    if missing:
        raise InvalidData(missing)
