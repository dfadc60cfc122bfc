"""Small factories for test data; each call commits so the engine sees a settled database."""

from datetime import date
from itertools import count
from typing import Any

from werkzeug.security import generate_password_hash

from caseflow.extensions import db
from caseflow.models import (
    Area,
    Municipality,
    Person,
    PostcodeRange,
    Role,
    ServiceOrganisation,
    Team,
    TeamKind,
    User,
    UserRole,
)

_numbers = count(1)
# Hashing is deliberately slow; tests share one hash.
PASSWORD = "geheim-wachtwoord"
# What a Wmo decision that grants records: the wmo_aanvraag asks for it with a granting result.
WMO_GRANT = {"voorziening": "woonvoorziening", "omvang": "1 traplift", "ingangsdatum": "2026-04-01"}
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
