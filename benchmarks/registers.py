"""The registers at scale: each municipality's catalogue, and the provisions and benefits the
walked decisions grant, as the effects create_provisions and start_benefit would write them.

A granting Wmo or Jeugd decision gets one to three products from the demo catalogue with their
usual amounts and durations, some ended early with a change row; a granting benefit decision
starts a benefit with its first mutations, and some end later with a reason. The decision's event
records the provisions as the engine does, and the case stores the first day it may be destroyed
(counted from the end of what it granted), so the reports and the retention list read generated
data exactly as they read the engine's.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from benchmarks.simulate import Ids, Row, SimCase, Tables
from caseflow import clock
from caseflow.demo.catalogue import PRODUCTS, PROVIDERS, DemoProduct, last_day, pick
from caseflow.models import Base
from caseflow.models.benefits import BENEFIT_END_REASONS
from caseflow.models.catalogue import FORMS, UNITS
from caseflow.models.provisions import PROVISION_END_REASONS
from caseflow.provisions.wording import grant_text, period_text
from caseflow.workflow.schema import TransitionDef

REGISTER_TABLES = ("provisions", "provision_changes", "benefits", "benefit_mutations")
EARLY_END = 0.08
BENEFIT_ENDS = 0.45
CAPACITY = ("volledig", "volledig", "verminderd", "duurzaam_geen", "nog_vast_te_stellen")


class Registers:
    """Decides what a walked decision grants and collects the rows for the next bulk insert."""

    def __init__(self, rng: random.Random, ids: Ids, tables: Tables, end: datetime) -> None:
        self.rng, self.ids, self.tables = rng, ids, tables
        self.today = clock.local_date(end)
        # (municipality id, product code) -> (product id, provider ids)
        self.products: dict[tuple[int, str], tuple[int, list[int]]] = {}
        self.provider_names: dict[int, str] = {}

    def catalogue(self, conn: Connection, municipality_ids: list[int]) -> None:
        """The demo catalogue for every municipality, written at once."""
        meta = Base.metadata.tables
        self.provider_names = dict(enumerate(PROVIDERS, 1))
        providers = [
            {"id": n, "name": name, "active": True} for n, name in self.provider_names.items()
        ]
        by_name = {name: n for n, name in self.provider_names.items()}
        products: list[Row] = []
        links: list[Row] = []
        for municipality_id in municipality_ids:
            for spec in PRODUCTS:
                product_id = len(products) + 1
                products.append(
                    {
                        "id": product_id,
                        "municipality_id": municipality_id,
                        "code": spec.code,
                        "label": spec.label,
                        "kind": spec.kind,
                        "unit": spec.unit,
                        "allows_zin": True,
                        "allows_pgb": spec.pgb,
                        "active": True,
                        "created_at": clock.now(),
                    }
                )
                ids = [by_name[name] for name in spec.providers]
                links += [{"product_id": product_id, "provider_id": pid} for pid in ids]
                self.products[municipality_id, spec.code] = (product_id, ids)
        conn.execute(sa.insert(meta["providers"]), providers)
        conn.execute(sa.insert(meta["catalogue_products"]), products)
        conn.execute(sa.insert(meta["product_providers"]), links)
        conn.commit()

    def create_provisions(
        self, case: SimCase, transition: TransitionDef, data: Row, moment: datetime
    ) -> Row:
        """The effect create_provisions: what a granting decision writes; what its event says."""
        provisions = case.workflow.provisions
        if case.person_id is None or not provisions:
            return {}
        if str(data.get("resultaat")) not in provisions.grants:
            return {}
        return self._provisions(case, case.workflow.domain, clock.local_date(moment), moment)

    def start_benefit(
        self, case: SimCase, transition: TransitionDef, data: Row, moment: datetime
    ) -> Row:
        """The effect start_benefit."""
        benefit = case.workflow.benefit
        if (
            case.person_id is None
            or not benefit
            or str(data.get("resultaat")) not in benefit.grants
        ):
            return {}
        return self._benefit(case, benefit.scheme, data, moment)

    def _provisions(self, case: SimCase, domain: str, day: date, moment: datetime) -> Row:
        rng = self.rng
        entries = []
        for _ in range(rng.choices((1, 2, 3), (70, 25, 5))[0]):
            spec = pick(domain, rng)
            start = day + timedelta(days=rng.randint(0, 14))
            end = last_day(spec, start, rng)
            entries.append(self._provision(case, spec, start, end, moment))
        return {"producten": entries}

    def _provision(
        self, case: SimCase, spec: DemoProduct, start: date, end: date | None, moment: datetime
    ) -> Row:
        rng = self.rng
        product_id, providers = self.products[case.municipality_id, spec.code]
        budget = spec.pgb and rng.random() < 0.15
        provider = None if budget else rng.choice(providers)
        amount = Decimal(rng.choice(spec.amounts).replace(",", "."))
        provision_id = self.ids.take("provisions")
        ended, reason = end, None
        span = ((end or self.today) - start).days
        if rng.random() < EARLY_END and span > 30 and start + timedelta(days=30) < self.today:
            ended = start + timedelta(days=rng.randint(14, min(span, (self.today - start).days)))
            reason = rng.choice([r for r in PROVISION_END_REASONS if r != "overig"])
            self.tables.add(
                "provision_changes",
                {
                    "id": self.ids.take("provision_changes"),
                    "provision_id": provision_id,
                    "ends_on": ended,
                    "previous_end": end,
                    "reason": reason,
                    "explanation": None,
                    "actor_id": None,
                    "recorded_at": moment,
                },
            )
        self.tables.add(
            "provisions",
            {
                "id": provision_id,
                "case_id": case.id,
                "municipality_id": case.municipality_id,
                "person_id": case.person_id,
                "product_id": product_id,
                "product_code": spec.code,
                "product_label": spec.label,
                "kind": spec.kind,
                "unit": spec.unit,
                "form": "pgb" if budget else "zin",
                "provider_id": provider,
                "amount": amount,
                "start_date": start,
                "end_date": ended,
                "decided_end_date": end,
                "ended_reason": reason,
                "decided_at": moment,
            },
        )
        case.granted_ends.append(ended)
        name = self.provider_names.get(provider or 0)
        words = grant_text(
            spec.label, FORMS["pgb" if budget else "zin"], name, amount, UNITS[spec.unit],
            period_text(start, ended),
        )  # fmt: skip
        return {"id": provision_id, "product": spec.code, "soort": spec.kind, "omschrijving": words}

    def _benefit(self, case: SimCase, scheme: str, data: Row, moment: datetime) -> Row:
        rng = self.rng
        start = data.get("ingangsdatum")
        assert isinstance(start, date)
        benefit_id = self.ids.take("benefits")
        end, reason = None, None
        months = rng.randint(3, 48)
        planned = start + timedelta(days=round(months * 30.44))
        if rng.random() < BENEFIT_ENDS and planned < self.today:
            end = planned
            reason = rng.choices(list(BENEFIT_END_REASONS), (35, 10, 15, 40))[0]
        self.tables.add(
            "benefits",
            {
                "id": benefit_id,
                "case_id": case.id,
                "municipality_id": case.municipality_id,
                "person_id": case.person_id,
                "household_id": case.household_id,
                "scheme": scheme,
                "start_date": start,
                "end_date": end,
                "end_reason": reason,
                "decided_at": moment,
            },
        )
        first: list[tuple[str, str, date]] = [
            ("start", scheme, start),
            ("deeltijdinkomen", "ja" if data.get("deeltijdinkomen") else "nee", start),
            ("arbeidsvermogen", str(data.get("arbeidsvermogen") or rng.choice(CAPACITY)), start),
        ]
        if end is not None and reason is not None:
            first.append(("beeindiging", reason, end))
        for kind, value, day in first:
            self.tables.add(
                "benefit_mutations",
                {
                    "id": self.ids.take("benefit_mutations"),
                    "benefit_id": benefit_id,
                    "kind": kind,
                    "effective_on": day,
                    "value": value,
                    "explanation": None,
                    "actor_id": None,
                    "recorded_at": moment,
                },
            )
        case.granted_ends.append(end)
        return {"uitkering": f"{scheme} vanaf {start.isoformat()} (uitkering {benefit_id})"}


__all__ = ["REGISTER_TABLES", "Registers"]
