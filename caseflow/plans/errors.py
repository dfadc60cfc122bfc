"""Refusals of the plan services, and one transaction per service call."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.workflow.errors import InvalidData, WorkflowError

# What the database refused, in words a user understands; matched on the constraint or table
# name, because SQLite names the table and column where PostgreSQL names the index.
REFUSALS = (
    (
        ("uq_household_directors_active", "household_directors.household_id"),
        "Dit huishouden heeft al een actieve regisseur. Er is niets opgeslagen. Laat de "
        "teammanager de regie overdragen als iemand anders de regisseur moet worden.",
    ),
    (
        ("uq_household_plans_active", "household_plans.household_id"),
        "Dit huishouden heeft al een actief gezinsplan. Er is niets opgeslagen; werk verder in "
        "het plan dat er al is.",
    ),
    (
        ("team_meetings",),
        "Er is net een casusoverleg op deze datum vastgelegd. Probeer het opnieuw.",
    ),
    (
        ("plan_versions",),
        "Iemand anders heeft het plan net gewijzigd. Bekijk de nieuwe stand en probeer het "
        "opnieuw.",
    ),
)
FALLBACK = "De gegevens konden niet worden opgeslagen. Er is niets gewijzigd; probeer het opnieuw."


class PlanError(WorkflowError):
    """A refusal with a Dutch message for the page."""


def refusal_message(exc: sa.exc.IntegrityError) -> str:
    text = str(exc.orig)
    for names, message in REFUSALS:
        if any(name in text for name in names):
            return message
    return FALLBACK


@contextmanager
def one_transaction() -> Iterator[None]:
    """Commit what the block wrote, or nothing: a refusal by the database becomes a PlanError."""
    try:
        yield
        db.session.commit()
    except sa.exc.IntegrityError as exc:
        db.session.rollback()
        raise PlanError(refusal_message(exc)) from None
    except BaseException:
        db.session.rollback()
        raise


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
