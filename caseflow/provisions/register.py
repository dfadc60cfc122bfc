"""What a decision grants becomes provisions in the register, inside the decision's transition.

The decision page sends the product rows as they were filled in (`producten`: product, vorm,
aanbieder, omvang, ingangsdatum, einddatum and the row's number on the page). The effect
`create_provisions` checks each against the municipality's catalogue and writes one provision per
row, in the same transaction as the decision; its event records what was granted, in words. A
result the workflow does not list as granting (a refusal) writes none and accepts no rows, so a
refusal and a partial grant are both explicit. Any refusal here undoes the whole step.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, Herindicatie, Product, Provider, Provision
from caseflow.models.catalogue import FORMS, UNITS
from caseflow.provisions.dates import read_day
from caseflow.provisions.wording import grant_text, long_date, period_text
from caseflow.workflow.effects import Step
from caseflow.workflow.errors import InvalidData
from caseflow.workflow.register_loader import PRODUCTS_FIELD

AMOUNT = re.compile(r"^\d{1,5}(\.\d{1,2})?$")
# How far up the chain of follow-ups a decision looks for the herindicatie it answers.
CHAIN_DEPTH = 6


@dataclass(frozen=True)
class Grant:
    """One checked row: what one provision will hold."""

    product: Product
    form: str
    provider: Provider | None
    amount: Decimal
    start: date
    end: date | None


def provisions_of_decision(step: Step) -> dict[str, Any]:
    """The effect: check the rows against the result and the catalogue, write the provisions,
    and mark the herindicatie this decision answers as decided."""
    from caseflow.workflow.engine import workflow_for

    workflow = workflow_for(step.case)
    assert workflow.provisions is not None  # the loader ties the effect to `provisions:`
    rows = list(step.data.get(PRODUCTS_FIELD) or [])
    grants = str(step.data.get("resultaat")) in workflow.provisions.grants
    if not grants and rows:
        raise InvalidData(
            {PRODUCTS_FIELD: "Bij dit resultaat wordt niets toegekend: laat de productregels leeg."}
        )
    if grants and not rows:
        raise InvalidData({PRODUCTS_FIELD: "Vul ten minste één toegekend product in."})
    if grants and step.case.person_id is None:
        raise InvalidData(
            {PRODUCTS_FIELD: "Een voorziening hoort bij een inwoner; deze zaak heeft er geen."}
        )
    # Reading the catalogue must not write the closing case ahead of the step's one flush.
    with db.session.no_autoflush:
        checked = _check_rows(step.case, workflow.domain, rows)
        answered = _answer_herindicatie(step.case, step.now)
    report: dict[str, Any] = {"herindicatie": answered} if answered else {}
    if checked:
        provisions = [_provision(step, grant) for grant in checked]
        db.session.add_all(provisions)
        db.session.flush()  # their ids go into the decision's event
        report[PRODUCTS_FIELD] = [entry(p) for p in provisions]
    return report


def _check_rows(case: Case, domain: str, rows: list[dict[str, str]]) -> list[Grant]:
    errors: dict[str, str] = {}
    checked = []
    for position, row in enumerate(rows, start=1):
        number = row.get("regel") or str(position)
        grant = _check_row(case, domain, row, f"{PRODUCTS_FIELD}-{number}", number, errors)
        if grant is not None:
            checked.append(grant)
    if errors:
        raise InvalidData(errors)
    return checked


def _check_row(
    case: Case,
    domain: str,
    row: dict[str, str],
    key: str,
    number: str,
    errors: dict[str, str],
) -> Grant | None:
    said = f"Product {number}"
    product = _product(case, domain, row.get("product", ""))
    if product is None:
        errors[f"{key}-product"] = f"{said}: kies een product uit de catalogus van de gemeente."
    form = row.get("vorm", "")
    if product is not None and form not in product.forms:
        allowed = " of ".join(v.lower() for v in product.forms.values())
        errors[f"{key}-vorm"] = f"{said}: {product.label} kan als {allowed}."
    provider = _provider(row.get("aanbieder", ""))
    if product is not None and form == "zin":
        if provider is None or provider not in product.providers:
            errors[f"{key}-aanbieder"] = (
                f"{said}: kies een aanbieder die voor {product.label} is gecontracteerd."
            )
    elif provider is not None and form == "pgb":
        errors[f"{key}-aanbieder"] = (
            f"{said}: bij een pgb kiest de inwoner zelf wie de zorg levert; laat de aanbieder leeg."
        )
    amount = _amount(row.get("omvang", ""), product, said, f"{key}-omvang", errors)
    start = read_day(
        row.get("ingangsdatum"), f"{said}, ingangsdatum", f"{key}-ingangsdatum", errors
    )
    end = read_day(row.get("einddatum"), f"{said}, einddatum", f"{key}-einddatum", errors, True)
    if start is not None and end is not None and end < start:
        errors[f"{key}-einddatum"] = f"{said}: de einddatum ligt vóór de ingangsdatum."
    if product is None or amount is None or start is None or f"{key}-einddatum" in errors:
        return None
    return Grant(product, form, provider if form == "zin" else None, amount, start, end)


def _product(case: Case, domain: str, raw: str) -> Product | None:
    if not raw.isdigit():
        return None
    product = db.session.get(Product, int(raw))
    if product is None or product.municipality_id != case.municipality_id:
        return None
    return product if product.active and product.domain == domain else None


def _provider(raw: str) -> Provider | None:
    return db.session.get(Provider, int(raw)) if raw.isdigit() else None


def _amount(
    raw: str, product: Product | None, said: str, key: str, errors: dict[str, str]
) -> Decimal | None:
    text = raw.replace(" ", "").replace(",", ".")
    unit = product.unit_label if product else "de eenheid van het product"
    if not AMOUNT.match(text) or Decimal(text) <= 0:
        errors[key] = f"{said}: vul de omvang in als getal groter dan 0, in {unit}."
        return None
    amount = Decimal(text)
    if product is not None and product.unit == "stuks" and amount != amount.to_integral_value():
        errors[key] = f"{said}: een aantal stuks is een heel getal."
        return None
    return amount


def _provision(step: Step, grant: Grant) -> Provision:
    product = grant.product
    return Provision(
        case_id=step.case.id,
        municipality_id=step.case.municipality_id,
        person_id=step.case.person_id,
        product=product,
        product_code=product.code,
        product_label=product.label,
        kind=product.kind,
        unit=product.unit,
        form=grant.form,
        provider=grant.provider,
        amount=grant.amount,
        start_date=grant.start,
        end_date=grant.end,
        decided_end_date=grant.end,
        decided_at=step.now,
    )


def describe(provision: Provision) -> str:
    """The provision as the decision grants it, in one sentence."""
    return grant_text(
        provision.product_label,
        FORMS[provision.form],
        provision.provider.name if provision.provider else None,
        provision.amount,
        UNITS[provision.unit],
        period_text(provision.start_date, provision.end_date),
    )


def entry(provision: Provision) -> dict[str, Any]:
    """What the decision's event records of one provision: codes for the letter, and words."""
    return {
        "id": provision.id,
        "product": provision.product_code,
        "soort": provision.kind,
        "vorm": provision.form,
        "aanbieder": provision.provider.name if provision.provider else None,
        "omvang": str(provision.amount.normalize()),
        "eenheid": provision.unit,
        "ingangsdatum": provision.start_date.isoformat(),
        "einddatum": provision.end_date.isoformat() if provision.end_date else None,
        "omschrijving": describe(provision),
    }


def chain_of(case: Case) -> list[int]:
    """The case and the cases it follows up, nearest first."""
    ids: list[int] = []
    current: Case | None = case
    while current is not None and len(ids) < CHAIN_DEPTH:
        ids.append(current.id)
        current = current.parent
    return ids


def _answer_herindicatie(case: Case, now: datetime) -> str | None:
    open_ones = db.session.scalars(
        sa.select(Herindicatie).where(
            Herindicatie.case_id.in_(chain_of(case)), Herindicatie.decided_on.is_(None)
        )
    ).all()
    for herindicatie in open_ones:
        herindicatie.decided_on = clock.local_date(now)
    if not open_ones:
        return None
    names = sorted({h.provision.product_label for h in open_ones})
    ends = sorted({h.due_on for h in open_ones})
    return f"{', '.join(names)} (liep tot en met {long_date(ends[0])})"


def provisions_of(case_id: int) -> list[Provision]:
    """The provisions a decision granted, in the order it granted them."""
    return list(
        db.session.scalars(
            sa.select(Provision).where(Provision.case_id == case_id).order_by(Provision.id)
        )
    )
