"""The letter tests: a Wmo team with its client, a beheerder, and an aanvraag in handling; and an
office for the letters of bezwaar, klacht and schuldhulp."""

import pytest
import time_machine

from caseflow.models import Case, Role
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import Factory
from tests.offices import Colleague, Office, Resident, Town, build_office, wmo_office


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    beheerder = Colleague("beheerder", [Role.BEHEERDER], username="beheerder")
    office = wmo_office(factory, "maastricht", beheerder)
    office.client.street, office.client.house_number = "Brusselsestraat", "12"
    office.client.postcode, office.client.city = "6211 AB", "Maastricht"
    commit()
    return office


@pytest.fixture
def aanvraag(office: Office) -> Case:
    """A Wmo aanvraag Anna has taken up, with her report of the onderzoek."""
    anna = office.anna
    case = start_case(
        "wmo_aanvraag",
        municipality=office.gemeente,
        actor=anna,
        person=office.client,
        team=office.team,
    )
    assign(case, anna, anna)
    fire(case, "oppakken", anna)
    fire(case, "verslag_vastleggen", anna, {"verslag": "De trap naar boven lukt niet meer."})
    commit()
    return case


@pytest.fixture
def legal_office(factory: Factory, travel: time_machine.Traveller) -> Office:
    """Maastricht with a Wmo and a schuldhulp consultant, a jurist for bezwaar, a complaints
    coordinator, and a client with an address: the letters after a decision and of schuldhulp."""
    town = Town(
        "maastricht",
        teams={
            "wmo": "Team Wmo",
            "schuldhulp": "Team Schuldhulp",
            "bezwaar": "Team Bezwaar en Beroep",
            "klachten": "Klachtencoördinatie",
        },
    )
    staff = [
        Colleague(
            "consulent", [Role.CONSULENT], ["wmo", "schuldhulp"], "consulent", "Jeroen Hermans"
        ),
        Colleague("jurist", [Role.JURIST], ["bezwaar"], "jurist", "Eva Pinckaers"),
        Colleague(
            "coordinator", [Role.KLACHTENCOORDINATOR], ["klachten"], "klachten", "Lars Frissen"
        ),
    ]
    office = build_office(factory, town, staff=staff, client=Resident())
    office.client.street, office.client.house_number = "Brusselsestraat", "12"
    office.client.postcode, office.client.city = "6211 AB", "Maastricht"
    commit()
    return office


@pytest.fixture
def social_office(factory: Factory, travel: time_machine.Traveller) -> Office:
    """Maastricht with a team for jeugd and one for werk en inkomen, one consultant in both,
    and a client with an address: the requests, postponements and decisions of those domains."""
    town = Town("maastricht", teams={"jeugd": "Team Jeugd", "participatie": "Team Werk en Inkomen"})
    staff = [
        Colleague(
            "consulent",
            [Role.CONSULENT],
            ["jeugd", "participatie"],
            "consulent",
            "Jeroen Hermans",
        )
    ]
    office = build_office(factory, town, staff=staff, client=Resident())
    office.client.street, office.client.house_number = "Brusselsestraat", "12"
    office.client.postcode, office.client.city = "6211 AB", "Maastricht"
    commit()
    return office


@pytest.fixture
def without_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sending stores a stand-in instead of rendering the PDF: for tests about what sending
    does to the case, not about the document (tests marked `documents` render it)."""
    monkeypatch.setattr("caseflow.letters.sending.render_pdf", lambda _html: b"%PDF-1.7\n%%EOF\n")
