"""The product catalogue as the beheerder keeps it, and as a decision reads it.

Every change is checked here with a Dutch message per field (InvalidData), then flushed; the
request commits. Products are never deleted, only made inactive: decisions keep pointing at them.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import CatalogueSettings, Municipality, Product, Provider, User
from caseflow.models.catalogue import DEFAULT_POLICY, PRODUCT_KINDS, UNITS, Policy
from caseflow.permissions import MANAGE_CATALOGUE
from caseflow.workflow.errors import InvalidData, NotAuthorised

PRODUCT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$")


@dataclass(frozen=True)
class ProductInput:
    """What the beheerder typed for a product, unchecked."""

    code: str
    label: str
    kind: str
    unit: str
    forms: Sequence[str]
    provider_ids: Sequence[int]
    active: bool = True


def policy_of(municipality_id: int) -> Policy:
    row = db.session.get(CatalogueSettings, municipality_id)
    return row.policy if row is not None else DEFAULT_POLICY


def products_of(municipality_id: int, domain: str | None = None) -> list[Product]:
    """The active products of a municipality (of one domain), by label."""
    query = sa.select(Product).where(
        Product.municipality_id == municipality_id, Product.active.is_(True)
    )
    if domain is not None:
        query = query.where(Product.kind.in_(kinds_of(domain)))
    return list(db.session.scalars(query.order_by(Product.label)))


def kinds_of(domain: str) -> list[str]:
    return [code for code, kind in PRODUCT_KINDS.items() if kind.domain == domain]


def providers() -> list[Provider]:
    return list(db.session.scalars(sa.select(Provider).order_by(Provider.name)))


def _authorise(actor: User, municipality: Municipality) -> None:
    if not actor.may(MANAGE_CATALOGUE) or not actor.serves(municipality.id):
        raise NotAuthorised("Alleen de beheerder van deze gemeente beheert de productcatalogus.")


def _checked(municipality: Municipality, given: ProductInput, product: Product | None) -> None:
    errors: dict[str, str] = {}
    if not PRODUCT_CODE.match(given.code.strip()):
        errors["code"] = "Productcode: 1 tot 20 letters of cijfers (ook . _ -), zoals HH01."
    elif _code_taken(municipality.id, given.code.strip(), product):
        errors["code"] = f"{municipality.name} heeft al een product met code {given.code.strip()}."
    if not given.label.strip() or len(given.label.strip()) > 120:
        errors["label"] = "Vul een naam in van hoogstens 120 tekens."
    if given.kind not in PRODUCT_KINDS:
        errors["kind"] = "Kies de soort voorziening."
    if given.unit not in UNITS:
        errors["unit"] = "Kies de eenheid van de omvang."
    if not set(given.forms) & {"zin", "pgb"}:
        errors["forms"] = "Kies ten minste één leveringsvorm: zorg in natura of pgb."
    known = {p.id for p in providers()}
    if any(pid not in known for pid in given.provider_ids):
        errors["provider_ids"] = "Kies aanbieders uit de lijst."
    elif "zin" in given.forms and not given.provider_ids:
        errors["provider_ids"] = "Zorg in natura kan alleen met een gecontracteerde aanbieder."
    if errors:
        raise InvalidData(errors)


def _code_taken(municipality_id: int, code: str, product: Product | None) -> bool:
    query = sa.select(Product.id).where(
        Product.municipality_id == municipality_id, sa.func.lower(Product.code) == code.lower()
    )
    if product is not None:
        query = query.where(Product.id != product.id)
    return db.session.scalar(query) is not None


def _apply(product: Product, given: ProductInput) -> None:
    product.code = given.code.strip()
    product.label = given.label.strip()
    product.kind = given.kind
    product.unit = given.unit
    product.allows_zin = "zin" in given.forms
    product.allows_pgb = "pgb" in given.forms
    product.active = given.active
    product.providers = _providers(given.provider_ids)


def _providers(ids: Iterable[int]) -> list[Provider]:
    wanted = set(ids)
    return [p for p in providers() if p.id in wanted]


def add_product(municipality: Municipality, actor: User, given: ProductInput) -> Product:
    _authorise(actor, municipality)
    _checked(municipality, given, None)
    product = Product(municipality=municipality)
    _apply(product, given)
    db.session.add(product)
    db.session.flush()
    return product


def change_product(product: Product, actor: User, given: ProductInput) -> None:
    """A changed product holds for decisions from now on; those taken keep what they granted."""
    _authorise(actor, product.municipality)
    _checked(product.municipality, given, product)
    _apply(product, given)
    db.session.flush()


def add_provider(actor: User, name: str) -> Provider:
    if not actor.may(MANAGE_CATALOGUE):
        raise NotAuthorised("Alleen een beheerder voegt aanbieders toe.")
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise InvalidData({"name": "Vul de naam van de aanbieder in (hoogstens 200 tekens)."})
    taken = sa.select(Provider.id).where(sa.func.lower(Provider.name) == name.lower())
    if db.session.scalar(taken) is not None:
        raise InvalidData({"name": f"Aanbieder {name} staat er al."})
    provider = Provider(name=name)
    db.session.add(provider)
    db.session.flush()
    return provider


def _whole(raw: str, name: str, label: str, low: int, high: int, errors: dict[str, str]) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        errors[name] = f"{label}: vul een heel getal in."
        return 0
    if not low <= value <= high:
        errors[name] = f"{label}: tussen {low} en {high}."
    return value


def save_policy(
    municipality: Municipality, actor: User, weeks: str, limit: str, hours: str
) -> Policy:
    """The municipality's lead time for herindicatie and its stapeling and Wlz thresholds."""
    _authorise(actor, municipality)
    errors: dict[str, str] = {}
    policy = Policy(
        _whole(weeks, "herindicatie_weeks", "Termijn voor herindicatie", 1, 52, errors),
        _whole(limit, "stacking_limit", "Grens voor stapeling", 1, 20, errors),
        _whole(hours, "wlz_hours_per_week", "Drempel voor de Wlz-vraag", 1, 168, errors),
    )
    if errors:
        raise InvalidData(errors)
    row = db.session.get(CatalogueSettings, municipality.id)
    if row is None:
        row = CatalogueSettings(municipality_id=municipality.id)
        db.session.add(row)
    row.herindicatie_weeks = policy.herindicatie_weeks
    row.stacking_limit = policy.stacking_limit
    row.wlz_hours_per_week = policy.wlz_hours_per_week
    row.updated_by_id = actor.id
    db.session.flush()
    return policy
