"""The integration tests' office: Maastricht and Vaals, each with a Wmo team, a consultant and
a client, and the systems that use the Zaken API with a token of their own."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

import jwt
import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow import clock, unit_of_work
from caseflow.extensions import db
from caseflow.models import ApiApplication, Case, Person, Role, User
from caseflow.workflow.engine import assign, start_case
from tests.factories import Factory
from tests.offices import Colleague, Office, Resident, Town, build_office

STAFF = (
    Colleague("consulent", [Role.CONSULENT], ["wmo"], "consulent", "Jeroen Hermans", "j@{code}.nl"),
    Colleague(
        "teammanager", [Role.TEAMMANAGER], ["wmo"], "teammanager", "Petra Vossen", "p@{code}.nl"
    ),
    Colleague("beheerder", [Role.BEHEERDER], [], "beheerder", "Bas Creemers"),
    Colleague("vaals_consulent", [Role.CONSULENT], ["wmo"], "vaals", "Ine Vaals", town="vaals"),
    Colleague("kcc", [Role.CONSULENT], ["wmo"], "kcc-systeem", "KCC (systeem)"),
)


def integration_office(factory: Factory) -> Office:
    maastricht = Town("maastricht", teams={"wmo": "Team Wmo Maastricht"})
    vaals = Town("vaals", teams={"wmo": "Team Wmo Vaals"})
    return build_office(
        factory, maastricht, vaals, staff=STAFF, client=Resident("Truus", "Vliegen", "111222333")
    )


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    return integration_office(factory)


@pytest.fixture
def vaals_client(factory: Factory, office: Office) -> Person:
    return factory.person(office.vaals, "Meertens", given_names="Hub", bsn="123456782")


def open_case(office: Office, person: Person, actor: User, *, taken: bool = False) -> Case:
    """A Wmo request of `person` in their municipality's team, committed as a request would."""
    team = next(t for t in actor.teams)
    case = start_case(
        "wmo_aanvraag", municipality=person.municipality, actor=actor, person=person, team=team
    )
    if taken:
        assign(case, actor, actor)
    unit_of_work.commit(keep_loaded=True)
    return case


@dataclass(frozen=True)
class Caller:
    """An application of the Zaken API and the test client it calls with."""

    application: ApiApplication
    client: FlaskClient

    def token(self, **claims: object) -> str:
        payload = {
            "iss": self.application.client_id,
            "client_id": self.application.client_id,
            "iat": int(clock.now().timestamp()),
            "user_id": "",
            "user_representation": "",
            **claims,
        }
        return jwt.encode(payload, self.application.secret, algorithm="HS256")

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}

    def get(self, path: str, **query: str) -> "object":
        return self.client.get(path, query_string=query, headers=self.headers())


MakeCaller = Callable[..., Caller]


@pytest.fixture
def make_caller(app: Flask, office: Office) -> MakeCaller:
    def make(
        client_id: str = "kcc",
        *,
        municipalities: tuple[str, ...] = ("maastricht", "vaals"),
        case_types: tuple[str, ...] = ("wmo_aanvraag", "wmo_melding"),
        scopes: tuple[str, ...] = ("read",),
        user: User | None = None,
    ) -> Caller:
        application = ApiApplication(
            client_id=client_id,
            label=f"Systeem {client_id}",
            secret=secrets.token_urlsafe(32),
            scopes=list(scopes),
            case_types=list(case_types),
            municipalities=[office.municipalities[code] for code in municipalities],
            user=user,
        )
        db.session.add(application)
        db.session.commit()
        return Caller(application, app.test_client())

    return make
