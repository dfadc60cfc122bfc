"""Demo data: a realistic service organisation with cases made through the real engine."""

import random

from caseflow.demo.cases import demo_end, seed_cases, seed_fresh_cases
from caseflow.demo.organisation import DEMO_PASSWORD, DEMO_USERS, build_organisation

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "seed"]


def seed(case_count: int = 400, random_seed: int = 2026) -> str:
    rng = random.Random(random_seed)
    demo = build_organisation()
    end = demo_end()
    made = seed_cases(demo, case_count, rng, end) + seed_fresh_cases(demo, rng, end)
    return (
        f"Demodata aangemaakt: {len(demo.municipalities)} gemeenten, {len(demo.users)} "
        f"medewerkers, {made} zaken."
    )
