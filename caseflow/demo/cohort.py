"""Demo: the 50-gezinnenaanpak of Maastricht as a cohort of the demo households that have a plan
running, each with a budget, two of them with spending; made through the cohort services."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from caseflow import clock
from caseflow.demo.organisation import DemoOrganisation
from caseflow.extensions import db
from caseflow.models import HouseholdPlan
from caseflow.plans.cohorts import add_household, create_cohort, record_spending

NAME = "50-gezinnenaanpak Maastricht"
STARTED_DAYS_AGO = 200
BUDGET_CENTS = 250000


def seed_cohort(demo: DemoOrganisation, end: datetime) -> None:
    manager = next(u for u in demo.users if u.username == "teammanager")
    maastricht = next(m for m in demo.municipalities if m.code == "maastricht")
    with clock.travel_to(end - timedelta(days=STARTED_DAYS_AGO)):
        cohort = create_cohort(manager, NAME, maastricht, clock.today())
    plans = db.session.scalars(
        sa.select(HouseholdPlan)
        .where(HouseholdPlan.ended_at.is_(None))
        .order_by(HouseholdPlan.created_at)
    ).all()
    for plan in plans:
        # Each household joins the week its plan started.
        joined = plan.created_at + timedelta(days=7)
        with clock.travel_to(min(joined, end)):
            add_household(cohort, manager, plan.household, clock.today(), BUDGET_CENTS)
    for member, amount, purpose in zip(
        cohort.households[:2],
        (45000, 120000),
        ("Achterstand energie: afsluiting voorkomen", "Bed en kast voor de kinderen"),
        strict=False,
    ):
        with clock.travel_to(end - timedelta(days=3)):
            record_spending(
                member,
                manager,
                kind="doorbraak" if amount < 100000 else "maatwerk",
                spent_on=clock.today(),
                amount_cents=amount,
                purpose=purpose,
            )
