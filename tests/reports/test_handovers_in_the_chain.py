"""Overdrachten along the chain of one question: front door, Wmo melding, Wmo aanvraag."""

import pytest
import sqlalchemy as sa
import time_machine

from caseflow.extensions import db
from caseflow.models import Case, Intake, Role
from caseflow.reports.registry import indicator
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import Factory, granted
from tests.offices import Colleague, Office, Resident, Town, build_office
from tests.reports.helpers import assert_drill_downs_match, at, report_filter, table
from tests.workflow.helpers import confirm_melding, hand_over_report

STAFF = (
    Colleague("fenna", [Role.TOEGANG], ["front_door"], "fenna", "Fenna Lemmens"),
    Colleague("jeroen", [Role.CONSULENT], ["wmo"], "jeroen", "Jeroen Hermans"),
    Colleague("lotte", [Role.CONSULENT], ["wmo"], "lotte", "Lotte Schepers"),
    Colleague("petra", [Role.TEAMMANAGER], ["wmo", "front_door"], "petra", "Petra Vossen"),
)


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    town = Town("maastricht", teams={"wmo": "Team Wmo"}, front_door="Centrale toegang")
    return build_office(factory, town, staff=STAFF, client=Resident())


def _next(case: Case) -> Case:
    return db.session.scalars(sa.select(Case).where(Case.parent_id == case.id)).one()


@pytest.fixture
def chain(office: Office, travel: time_machine.Traveller) -> list[Case]:
    """Fenna clarifies the question and sends it to Team Wmo; Jeroen claims the melding, does the
    onderzoek and keeps the aanvraag; the team manager gives the aanvraag to Lotte."""
    fenna, jeroen, lotte = office.fenna, office.jeroen, office.lotte
    at(travel, "2026-03-02 10:00")
    intake = Intake(
        municipality=office.gemeente,
        person=office.client,
        channel="balie",
        question="Traplift?",
        underlying_question="Thuis blijven wonen.",
    )
    db.session.add(intake)
    front = start_case(
        "vraagverheldering",
        municipality=office.gemeente,
        actor=fenna,
        person=office.client,
        intake=intake,
        team=office.front_door,
        assignee=fenna,
    )
    fire(front, "gesprek_starten", fenna)
    fire(front, "verhelderen", fenna, {"toelichting": "Thuis blijven wonen."})
    fire(front, "doorzetten_domein", fenna, {"domein": "wmo"})
    melding = _next(front)
    at(travel, "2026-03-03 10:00")
    assign(melding, jeroen, jeroen)
    confirm_melding(melding, jeroen)
    fire(melding, "onderzoek_starten", jeroen)
    fire(melding, "verslag_vastleggen", jeroen, {"gespreksvorm": "huisbezoek", "verslag": "Trap."})
    hand_over_report(melding, jeroen)
    fire(melding, "onderzoek_afronden", jeroen, {"resultaat": "aanvraag_volgt"})
    aanvraag = _next(melding)
    at(travel, "2026-03-05 10:00")
    assign(aanvraag, lotte, office.petra, reason="Jeroen gaat met verlof.")
    fire(aanvraag, "oppakken", lotte)
    fire(
        aanvraag,
        "besluiten",
        lotte,
        {"resultaat": "toegekend", "motivering": "Zie verslag.", **granted(aanvraag)},
    )
    return [front, melding, aanvraag]


def test_the_chain_counts_the_front_door_handover_and_the_reassignment_not_the_kept_client(
    chain: list[Case],
) -> None:
    result = indicator("overdrachten").run(report_filter("2026-03-31", "2026-03"), ["zaaktype"])
    moves = {
        labels: (v["naar_vervolgzaak"], v["binnen_zaak"]) for labels, v in table(result).items()
    }
    assert moves == {
        ("Vraagverheldering (centrale toegang)",): (0, 0),
        ("Wmo-melding en onderzoek",): (1, 0),  # from the front door to Team Wmo
        ("Wmo-aanvraag maatwerkvoorziening",): (0, 1),  # Jeroen kept it; the manager moved it
    }
    # One question, one chain: two handovers for this client from first contact to decision.
    assert {k: result.total.values[k] for k in ("zaken", "overdrachten", "ketens")} == {
        "zaken": 3,
        "overdrachten": 2,
        "ketens": 1,
    }
    assert result.total.values["per_keten"] == 2.0
    assert_drill_downs_match(result)


def test_the_list_behind_the_handovers_says_who_passed_the_client_to_whom(
    chain: list[Case],
) -> None:
    overdrachten = indicator("overdrachten")
    f = report_filter("2026-03-31", "2026-03")
    rows = db.session.execute(overdrachten.cases(f, "overdrachten", {})).all()
    assert sorted((case_id, detail) for case_id, detail in rows) == [
        (
            chain[1].id,
            "Vervolgzaak: Fenna Lemmens (Centrale toegang) → nog niemand (Team Wmo)",
        ),
        (chain[2].id, "Andere behandelaar: Jeroen Hermans → Lotte Schepers"),
    ]
    [(_, chain_detail)] = db.session.execute(overdrachten.cases(f, "ketens", {})).all()
    assert chain_detail == "Overdrachten in deze keten: 2"
