"""Named guards a workflow may require. Each returns None when allowed, else a Dutch reason."""

from collections.abc import Callable, Mapping
from typing import Any

from caseflow import clock
from caseflow.models.cases import Case
from caseflow.models.organisation import Role

Guard = Callable[[Case, Mapping[str, Any]], str | None]
GUARDS: dict[str, Guard] = {}


def guard(name: str) -> Callable[[Guard], Guard]:
    def register(func: Guard) -> Guard:
        GUARDS[name] = func
        return func

    return register


def _has_event_with(case: Case, key: str) -> bool:
    """Whether this case, or a case it came from, recorded `key`: what was told is not re-asked."""
    current: Case | None = case
    while current is not None:
        if any(event.data.get(key) for event in current.events):
            return True
        current = current.parent
    return False


@guard("heeft_behandelaar")
def has_assignee(case: Case, data: Mapping[str, Any]) -> str | None:
    return None if case.assignee_id is not None else "De zaak heeft nog geen behandelaar."


@guard("heeft_client")
def has_client(case: Case, data: Mapping[str, Any]) -> str | None:
    if case.person_id is None and case.household_id is None:
        return "Koppel eerst een cliënt of huishouden aan de zaak."
    return None


@guard("onderzoeksverslag_aanwezig")
def has_report(case: Case, data: Mapping[str, Any]) -> str | None:
    if _has_event_with(case, "verslag"):
        return None
    return "Leg eerst het verslag van het onderzoek vast."


@guard("plan_vastgelegd")
def has_plan(case: Case, data: Mapping[str, Any]) -> str | None:
    return None if _has_event_with(case, "plan") else "Leg eerst het plan vast."


@guard("datum_in_toekomst")
def date_in_future(case: Case, data: Mapping[str, Any]) -> str | None:
    for key, value in data.items():
        if key.endswith("_tot") and value is not None and value <= clock.today():
            return "De gekozen datum moet na vandaag liggen."
    return None


@guard("behandelaar_is_regisseur")
def assignee_is_director(case: Case, data: Mapping[str, Any]) -> str | None:
    if case.assignee is not None and case.assignee.has_role(Role.REGISSEUR):
        return None
    return "Wijs eerst een regisseur toe als behandelaar."


@guard("nog_niet_verdaagd")
def not_yet_extended(case: Case, data: Mapping[str, Any]) -> str | None:
    if any(deadline.extension_weeks for deadline in case.deadlines):
        return "De beslissing is al eens verdaagd; verdagen kan maar één keer."
    return None
