"""Named guards a workflow may require. Each returns None when allowed, else a Dutch reason."""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from caseflow import clock
from caseflow.models.cases import Case
from caseflow.permissions import DIRECT_HOUSEHOLDS

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


@guard("datum_niet_in_toekomst")
def date_not_in_future(case: Case, data: Mapping[str, Any]) -> str | None:
    """A date on which something was done (a letter sent, a report handed over) has passed."""
    for value in data.values():
        if isinstance(value, date) and value > clock.today():
            return "De datum mag niet in de toekomst liggen."
    return None


# Wmo 2015 art. 2.3.2: what the college owes the client between the melding and the end of the
# onderzoek. Each is recorded by a field of its own; the onderzoek closes when all are there.
# The receipt and the report are letters: sending them records the day (caseflow.letters.kinds).
@guard("ontvangst_bevestigd")
def receipt_confirmed(case: Case, data: Mapping[str, Any]) -> str | None:
    if _has_event_with(case, "ontvangst_bevestigd_op"):
        return None
    return "Verstuur eerst de ontvangstbevestiging van de melding."


@guard("gewezen_op_persoonlijk_plan")
def told_about_personal_plan(case: Case, data: Mapping[str, Any]) -> str | None:
    if _has_event_with(case, "persoonlijk_plan_aangeboden"):
        return None
    return (
        "Leg eerst vast dat de inwoner is gewezen op het recht om binnen 7 dagen na de melding "
        "een persoonlijk plan in te leveren."
    )


@guard("gewezen_op_clientondersteuning")
def told_about_client_support(case: Case, data: Mapping[str, Any]) -> str | None:
    if _has_event_with(case, "clientondersteuning_aangeboden"):
        return None
    return "Leg eerst vast dat de inwoner is gewezen op gratis cliëntondersteuning."


@guard("verslag_verstrekt")
def report_handed_over(case: Case, data: Mapping[str, Any]) -> str | None:
    if _has_event_with(case, "verslag_verstrekt_op"):
        return None
    return "Verstuur eerst het verslag van het onderzoek aan de inwoner."


@guard("behandelaar_is_regisseur")
def assignee_is_director(case: Case, data: Mapping[str, Any]) -> str | None:
    if case.assignee is not None and case.assignee.may(DIRECT_HOUSEHOLDS):
        return None
    return "Wijs eerst een regisseur toe als behandelaar."


@guard("nog_niet_verdaagd")
def not_yet_extended(case: Case, data: Mapping[str, Any]) -> str | None:
    if any(deadline.extension_weeks for deadline in case.deadlines):
        return "De beslissing is al eens verdaagd; verdagen kan maar één keer."
    return None


@guard("regisseur_van_huishouden")
def assignee_directs_household(case: Case, data: Mapping[str, Any]) -> str | None:
    import sqlalchemy as sa

    from caseflow.extensions import db
    from caseflow.models.regie import HouseholdDirector

    if case.household_id is None:
        return "Koppel eerst een huishouden aan de zaak."
    director_id = db.session.scalar(
        sa.select(HouseholdDirector.director_id).where(
            HouseholdDirector.household_id == case.household_id,
            HouseholdDirector.ended_at.is_(None),
        )
    )
    if director_id is None:
        return "Het huishouden heeft nog geen regisseur; die wijst het casusoverleg toe."
    if director_id != case.assignee_id:
        return "De behandelaar is niet de regisseur van het huishouden."
    return None


@guard("ander_gebiedsteam_gekozen")
def other_area_team_chosen(case: Case, data: Mapping[str, Any]) -> str | None:
    from caseflow.routing import area_team_named

    name = data.get("naar_gebiedsteam")
    if not name:
        return "Kies het andere gebiedsteam op de pagina van de aanmelding."
    team = area_team_named(name, case.municipality_id)
    if team is None:
        return f"{name} is geen gebiedsteam van {case.municipality.name}."
    if team.id == case.team_id:
        return "De aanmelding ligt al bij dit gebiedsteam."
    return None


@guard("gezinsplan_compleet")
def household_plan_complete(case: Case, data: Mapping[str, Any]) -> str | None:
    import sqlalchemy as sa

    from caseflow.extensions import db
    from caseflow.models.plans import HouseholdPlan

    plan = db.session.scalar(sa.select(HouseholdPlan).where(HouseholdPlan.case_id == case.id))
    if plan is None or not plan.goals:
        return "Leg eerst minstens één doel vast in het gezinsplan."
    for goal in plan.goals:
        if not goal.actions:
            return f"Het doel '{goal.wording}' heeft nog geen actie."
    return None
