"""Small factories for test data; each call commits so the engine sees a settled database."""

from datetime import date
from itertools import count
from typing import Any

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    Area,
    Case,
    Municipality,
    Person,
    PostcodeRange,
    Product,
    Provider,
    Role,
    ServiceOrganisation,
    Team,
    TeamKind,
    User,
    UserRole,
)
from caseflow.workflow.registry import registry

_numbers = count(1)
# Hashing is deliberately slow; tests share one hash.
PASSWORD = "geheim-wachtwoord"
# The product a test decision grants when it does not say: one per domain that grants products.
STANDARD_PRODUCTS = {
    "wmo": ("WA01", "Traplift", "woningaanpassing", "stuks"),
    "jeugd": ("JA01", "Ambulante jeugdhulp", "jeugdhulp_ambulant", "uur_per_week"),
}
STANDARD_PROVIDER = "Zorggroep Heuvelland"
_PASSWORD_HASH = generate_password_hash(PASSWORD)


class Factory:
    def __init__(self) -> None:
        self._organisation: ServiceOrganisation | None = None

    def organisation(self) -> ServiceOrganisation:
        if self._organisation is None:
            self._organisation = ServiceOrganisation(
                name=f"Uitvoeringsorganisatie {next(_numbers)}"
            )
            db.session.add(self._organisation)
            db.session.commit()
        return self._organisation

    def municipality(
        self, code: str = "maastricht", name: str | None = None, inhabitants: int = 120_000
    ) -> Municipality:
        municipality = Municipality(
            code=code,
            name=name or code.replace("-", " ").title(),
            inhabitants=inhabitants,
            organisation=self.organisation(),
        )
        db.session.add(municipality)
        db.session.commit()
        return municipality

    def area(self, municipality: Municipality, name: str, first: int, last: int) -> Area:
        area = Area(
            municipality=municipality,
            name=name,
            postcode_ranges=[PostcodeRange(first=first, last=last)],
        )
        db.session.add(area)
        db.session.commit()
        return area

    def team(
        self,
        municipalities: list[Municipality],
        kind: str = TeamKind.DOMAIN,
        domain: str | None = "wmo",
        name: str | None = None,
        area: Area | None = None,
    ) -> Team:
        team = Team(
            organisation=self.organisation(),
            name=name or f"Team {next(_numbers)}",
            kind=kind,
            domain=domain if kind == TeamKind.DOMAIN else None,
            area=area,
            municipalities=municipalities,
        )
        db.session.add(team)
        db.session.commit()
        return team

    def user(
        self,
        *roles: str,
        municipalities: list[Municipality] | None = None,
        teams: list[Team] | None = None,
        username: str | None = None,
        full_name: str | None = None,
        **extra: Any,
    ) -> User:
        number = next(_numbers)
        user = User(
            username=username or f"gebruiker{number}",
            full_name=full_name or f"Medewerker {number}",
            password_hash=_PASSWORD_HASH,
            role_rows=[UserRole(role=r) for r in (roles or (Role.CONSULENT,))],
            municipalities=municipalities or [],
            teams=teams or [],
            **extra,
        )
        db.session.add(user)
        db.session.commit()
        return user

    def person(
        self, municipality: Municipality, family_name: str = "Jansen", **extra: Any
    ) -> Person:
        person = Person(
            given_names=extra.pop("given_names", "Anna"),
            family_name=family_name,
            date_of_birth=extra.pop("date_of_birth", date(1980, 5, 17)),
            municipality=municipality,
            **extra,
        )
        db.session.add(person)
        db.session.commit()
        return person


def provider(name: str = STANDARD_PROVIDER) -> Provider:
    found = db.session.scalar(sa.select(Provider).where(Provider.name == name))
    if found is None:
        found = Provider(name=name)
        db.session.add(found)
        db.session.flush()
    return found


def product(
    municipality: Municipality,
    code: str,
    label: str,
    kind: str,
    unit: str = "uur_per_week",
    *,
    providers: list[Provider] | None = None,
    pgb: bool = True,
) -> Product:
    """A catalogue product of `municipality` (the same code twice gives the same product)."""
    found = db.session.scalar(
        sa.select(Product).where(Product.municipality_id == municipality.id, Product.code == code)
    )
    if found is not None:
        return found
    made = Product(
        municipality=municipality,
        code=code,
        label=label,
        kind=kind,
        unit=unit,
        allows_pgb=pgb,
        providers=providers if providers is not None else [provider()],
    )
    db.session.add(made)
    db.session.commit()
    return made


def grant_row(item: Product, amount: str = "1", **given: str) -> dict[str, str]:
    """One product row as the decision page sends it: in natura by its first provider, from
    today, ending today unless said otherwise (a one-off, so retention counts from the close)."""
    today = clock.today().isoformat()
    return {
        "product": str(item.id),
        "vorm": "zin",
        "aanbieder": str(item.providers[0].id),
        "omvang": amount,
        "ingangsdatum": today,
        "einddatum": today,
    } | given


def granted(case: Case, result: str = "toegekend") -> dict[str, Any]:
    """What a decision of `case` with `result` needs beside result and reasons: when it grants,
    for a Wmo or Jeugd decision one product of the standard catalogue, for a benefit its start;
    else nothing."""
    workflow = registry().get(case.case_type)
    if workflow.provisions is not None and result in workflow.provisions.grants:
        code, label, kind, unit = STANDARD_PRODUCTS[workflow.domain]
        rows = [grant_row(product(case.municipality, code, label, kind, unit))]
        partly = {"niet_toegekend": "De rest past in het voorliggend veld."}
        return {"producten": rows} | (partly if result == "deels_toegekend" else {})
    if workflow.benefit is not None and result in workflow.benefit.grants:
        return {"ingangsdatum": clock.today().isoformat(), "arbeidsvermogen": "volledig"}
    return {}
