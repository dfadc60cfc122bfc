"""The demo's product catalogue: what the Wmo and Jeugd decisions of Maastricht and Valkenburg can
grant, with made-up providers, how much of each is usual and how long it usually runs."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from caseflow import clock
from caseflow.demo.organisation import WMO_JEUGD_MUNICIPALITIES, DemoOrganisation
from caseflow.extensions import db
from caseflow.models import Case, CatalogueSettings, Product, Provider
from caseflow.models.catalogue import PRODUCT_KINDS
from caseflow.workflow.registry import registry

PROVIDERS = (
    "Thuiszorg Heuvelland",
    "Zorggroep Maas en Mergelland",
    "Begeleiding Zuid",
    "Hulpmiddelen Limburg",
    "Vervoer Heuvelland",
    "Jeugdhulp Maasvallei",
    "Gezinshuis De Linde",
)


@dataclass(frozen=True)
class DemoProduct:
    code: str
    label: str
    kind: str
    unit: str
    pgb: bool
    providers: tuple[str, ...]
    amounts: tuple[str, ...]
    # Months it usually runs, or None: granted without an end (a scooter on loan).
    months: tuple[int, int] | None
    weight: int


PRODUCTS = (
    DemoProduct(
        "HH01", "Hulp bij het huishouden", "hulp_huishouden", "uur_per_week", True,
        ("Thuiszorg Heuvelland", "Zorggroep Maas en Mergelland"), ("2", "2,5", "3", "4", "5"),
        (12, 36), 35,
    ),
    DemoProduct(
        "BG01", "Begeleiding individueel", "begeleiding_individueel", "uur_per_week", True,
        ("Begeleiding Zuid", "Zorggroep Maas en Mergelland"), ("1", "2", "3", "4", "6"),
        (6, 24), 20,
    ),
    DemoProduct(
        "BG02", "Dagbesteding", "begeleiding_groep", "dagdelen_per_week", True,
        ("Begeleiding Zuid",), ("1", "2", "3", "4"), (12, 36), 10,
    ),
    DemoProduct(
        "KV01", "Kortdurend verblijf", "kortdurend_verblijf", "etmalen_per_jaar", True,
        ("Zorggroep Maas en Mergelland",), ("12", "24", "52"), (12, 12), 4,
    ),
    DemoProduct(
        "HM01", "Scootmobiel", "hulpmiddel", "stuks", False,
        ("Hulpmiddelen Limburg",), ("1",), None, 10,
    ),
    DemoProduct(
        "WA01", "Traplift", "woningaanpassing", "stuks", False,
        ("Hulpmiddelen Limburg",), ("1",), (0, 0), 8,
    ),
    DemoProduct(
        "VV01", "Regiotaxi (vervoersbudget)", "vervoer", "euro", True,
        ("Vervoer Heuvelland",), ("250", "500", "750"), (24, 60), 10,
    ),
    DemoProduct(
        "BW01", "Beschermd wonen", "beschermd_wonen", "etmalen_per_jaar", True,
        ("Zorggroep Maas en Mergelland",), ("365",), (24, 60), 3,
    ),
    DemoProduct(
        "JA01", "Jeugdhulp ambulant", "jeugdhulp_ambulant", "uur_per_week", True,
        ("Jeugdhulp Maasvallei",), ("1", "2", "3"), (3, 12), 60,
    ),
    DemoProduct(
        "JD01", "Jeugdhulp dagbehandeling", "jeugdhulp_dagbehandeling", "dagdelen_per_week", False,
        ("Jeugdhulp Maasvallei",), ("2", "4"), (6, 12), 25,
    ),
    DemoProduct(
        "JV01", "Pleegzorg", "jeugdhulp_verblijf", "etmalen_per_jaar", True,
        ("Gezinshuis De Linde",), ("365",), (12, 24), 15,
    ),
)  # fmt: skip


def seed_catalogue(demo: DemoOrganisation) -> dict[tuple[int, str], Product]:
    """Every Wmo and Jeugd municipality's catalogue; Valkenburg signals herindicaties ten weeks
    ahead and asks about the Wlz from 18 hours a week."""
    providers = {name: Provider(name=name) for name in PROVIDERS}
    db.session.add_all(providers.values())
    made: dict[tuple[int, str], Product] = {}
    for municipality in demo.municipalities:
        if municipality.code not in WMO_JEUGD_MUNICIPALITIES:
            continue
        for spec in PRODUCTS:
            product = Product(
                municipality=municipality,
                code=spec.code,
                label=spec.label,
                kind=spec.kind,
                unit=spec.unit,
                allows_zin=True,
                allows_pgb=spec.pgb,
                providers=[providers[p] for p in spec.providers],
            )
            db.session.add(product)
            made[municipality.id, spec.code] = product
        if municipality.code == "valkenburg-aan-de-geul":
            db.session.add(
                CatalogueSettings(
                    municipality_id=municipality.id, herindicatie_weeks=10, wlz_hours_per_week=18
                )
            )
    db.session.flush()
    return made


def of_domain(domain: str) -> list[DemoProduct]:
    return [p for p in PRODUCTS if PRODUCT_KINDS[p.kind].domain == domain]


def pick(domain: str, rng: random.Random) -> DemoProduct:
    choices = of_domain(domain)
    return rng.choices(choices, [p.weight for p in choices])[0]


def last_day(spec: DemoProduct, start: date, rng: random.Random) -> date | None:
    if spec.months is None:
        return None
    months = rng.randint(*spec.months)
    if months == 0:
        return start  # a one-off: installed on the day
    return start + timedelta(days=round(months * 30.44) - 1)


def row_for(
    product: Product, spec: DemoProduct, start: date, end: date | None, rng: random.Random
) -> dict[str, str]:
    """A product row as the decision page sends it: mostly in natura, sometimes a pgb."""
    budget = spec.pgb and rng.random() < 0.15
    provider = "" if budget else str(rng.choice(product.providers).id)
    return {
        "product": str(product.id),
        "vorm": "pgb" if budget else "zin",
        "aanbieder": provider,
        "omvang": rng.choice(spec.amounts),
        "ingangsdatum": start.isoformat(),
        "einddatum": end.isoformat() if end else "",
    }


def fill_grant(case: Case, data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """For a random step of the demo: a decision that grants gets product rows from the
    catalogue, one that does not gets none."""
    workflow = registry().get(case.case_type)
    if workflow.provisions is None or "producten" not in data:
        return data
    if str(data.get("resultaat")) not in workflow.provisions.grants:
        return {k: v for k, v in data.items() if k != "producten"}
    spec = pick(workflow.domain, rng)
    product = db.session.scalars(
        sa.select(Product).where(
            Product.municipality_id == case.municipality_id, Product.code == spec.code
        )
    ).first()
    if product is None:
        return {k: v for k, v in data.items() if k != "producten"}
    start = clock.today()
    return data | {"producten": [row_for(product, spec, start, last_day(spec, start, rng), rng)]}
