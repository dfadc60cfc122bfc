"""Demo data: a realistic service organisation with cases made through the real engine."""

import random

from caseflow.demo.cases import demo_end, seed_cases, seed_fresh_cases, seed_old_cases
from caseflow.demo.organisation import DEMO_PASSWORD, DEMO_USERS, build_organisation
from caseflow.demo.plans import seed_plans
from caseflow.demo.quality import seed_quality

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "seed"]


def seed(case_count: int = 400, random_seed: int = 2026) -> str:
    rng = random.Random(random_seed)
    demo = build_organisation()
    end = demo_end()
    # The households with regie and a plan start at the front door too: part of the case count.
    made = seed_plans(demo, end)
    made += seed_cases(demo, max(0, case_count - made), rng, end) + seed_fresh_cases(demo, rng, end)
    made += seed_old_cases(demo, rng, end)
    quality = seed_quality(demo, rng, end)
    made += quality.objections + quality.complaints
    return (
        f"Demodata aangemaakt: {len(demo.municipalities)} gemeenten, {len(demo.users)} "
        f"medewerkers, {made} zaken."
    )
