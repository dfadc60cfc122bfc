"""Demo data: a realistic service organisation with cases made through the real engine."""

import random

from caseflow.demo.agreement import seed_agreement
from caseflow.demo.cases import demo_end, seed_cases, seed_fresh_cases, seed_old_cases
from caseflow.demo.catalogue import seed_catalogue
from caseflow.demo.cohort import seed_cohort
from caseflow.demo.organisation import DEMO_PASSWORD, build_organisation
from caseflow.demo.organisation import DEMO_USERS as STAFF_USERS
from caseflow.demo.partners import PARTNER_USERS, build_partners
from caseflow.demo.plans import seed_plans
from caseflow.demo.quality import seed_quality
from caseflow.demo.registers import register_cases, seed_registers

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "seed"]

DEMO_USERS = [*STAFF_USERS, *PARTNER_USERS]


def seed(case_count: int = 400, random_seed: int = 2026) -> str:
    rng = random.Random(random_seed)
    demo = build_organisation()
    build_partners(demo)
    end = demo_end()
    catalogue = seed_catalogue(demo)
    # The service agreements first: the demo's own ramingen and norms refine them.
    seed_agreement(demo, end)
    # The households with regie and a plan start at the front door too: part of the case count.
    made = seed_plans(demo, end)
    seed_cohort(demo, end)
    made += seed_cases(demo, max(0, case_count - made), rng, end) + seed_fresh_cases(demo, rng, end)
    made += seed_old_cases(demo, rng, end)
    # After the decision: four years of provisions and benefits, and the plan they are held to.
    made += seed_registers(demo, catalogue, rng, end, register_cases(case_count))
    quality = seed_quality(demo, rng, end)
    made += quality.objections + quality.complaints
    return (
        f"Demodata aangemaakt: {len(demo.municipalities)} gemeenten, {len(demo.users)} "
        f"medewerkers, {len(PARTNER_USERS)} medewerker van een partner, {made} zaken."
    )
