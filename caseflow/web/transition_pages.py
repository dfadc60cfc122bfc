"""Where a transition that needs its own page is done: the link the case page gives instead."""

from collections.abc import Callable

import sqlalchemy as sa
from flask import url_for

from caseflow.extensions import db
from caseflow.models import Case, HouseholdPlan


def _plan_page(case: Case) -> str:
    plan_id = db.session.scalar(sa.select(HouseholdPlan.id).where(HouseholdPlan.case_id == case.id))
    return url_for("plans.show", plan_id=plan_id) if plan_id else url_for("regie.overview_page")


# page name in the workflow YAML -> (what the user goes to, where it is for this case)
PAGES: dict[str, tuple[str, Callable[[Case], str]]] = {
    "gezinsplan": ("het gezinsplan", _plan_page),
    "triage": (
        "de aanmelding bij het gebiedsteam",
        lambda case: url_for("triage.registration", case_id=case.id),
    ),
    "besluit": ("het besluitformulier", lambda case: url_for("decisions.form", case_id=case.id)),
}


def page_link(case: Case, page: str) -> tuple[str, str]:
    """The label and address of `page` for `case`."""
    label, address = PAGES[page]
    return label, address(case)
