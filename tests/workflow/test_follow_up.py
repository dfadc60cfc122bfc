"""A transition can open the next case: same client and intake, routed to the right team."""

import pytest
import sqlalchemy as sa
import time_machine

from caseflow.extensions import db
from caseflow.models import Case, Intake, Role, TeamKind
from caseflow.routing import RoutingError
from caseflow.workflow.engine import fire, start_case
from tests.factories import Factory


def _clarified_intake(factory: Factory, postcode: str = "6211 AB"):  # type: ignore[no-untyped-def]
    gemeente = factory.municipality("maastricht")
    front = factory.team([gemeente], kind=TeamKind.FRONT_DOOR)
    toegang = factory.user(Role.TOEGANG, municipalities=[gemeente], teams=[front])
    person = factory.person(gemeente, postcode=postcode)
    intake = Intake(
        municipality=gemeente,
        person=person,
        channel="telefoon",
        question="Ik kom de trap niet meer op.",
        underlying_question="Zelfstandig thuis blijven wonen.",
    )
    db.session.add(intake)
    case = start_case(
        "vraagverheldering",
        municipality=gemeente,
        actor=toegang,
        person=person,
        intake=intake,
        team=front,
    )
    fire(case, "gesprek_starten", toegang)
    fire(case, "verhelderen", toegang, {"toelichting": "Zelfstandig thuis blijven wonen."})
    return gemeente, toegang, case


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Case.id))) or 0


def test_routing_to_one_domain_opens_the_domain_case_with_the_same_intake(
    factory: Factory, travel: time_machine.Traveller
) -> None:
    gemeente, toegang, intake_case = _clarified_intake(factory)
    wmo_team = factory.team([gemeente], domain="wmo", name="Team Wmo")
    fire(intake_case, "doorzetten_domein", toegang, {"domein": "wmo"})
    melding = db.session.scalars(sa.select(Case).where(Case.parent_id == intake_case.id)).one()
    assert (melding.case_type, melding.state) == ("wmo_melding", "melding_ontvangen")
    assert (melding.team_id, melding.assignee_id) == (wmo_team.id, None)
    assert (melding.person_id, melding.intake_id) == (intake_case.person_id, intake_case.intake_id)
    assert {d.code for d in melding.deadlines} >= {"onderzoek"}


def test_no_team_for_the_domain_is_a_clear_error_and_nothing_changes(
    factory: Factory, travel: time_machine.Traveller
) -> None:
    _gemeente, toegang, intake_case = _clarified_intake(factory)
    before = _count()
    with pytest.raises(RoutingError, match="geen team voor het domein 'wmo'"):
        fire(intake_case, "doorzetten_domein", toegang, {"domein": "wmo"})
    db.session.expire_all()
    assert intake_case.state == "verhelderd"
    assert _count() == before


def test_multi_domain_goes_to_the_area_team_of_the_address(
    factory: Factory, travel: time_machine.Traveller
) -> None:
    gemeente, toegang, intake_case = _clarified_intake(factory, postcode="6212 CD")
    noord = factory.area(gemeente, "Noordwest", 6211, 6216)
    zuid = factory.area(gemeente, "Zuidwest", 6227, 6229)
    factory.team([gemeente], kind=TeamKind.AREA, area=zuid, name="Gebiedsteam Zuidwest")
    team = factory.team([gemeente], kind=TeamKind.AREA, area=noord, name="Gebiedsteam Noordwest")
    fire(intake_case, "doorzetten_gebiedsteam", toegang, {"toelichting": "Wonen, geld en zorg."})
    follow_up = db.session.scalars(sa.select(Case).where(Case.parent_id == intake_case.id)).one()
    assert (follow_up.case_type, follow_up.team_id) == ("gebiedsteam", team.id)


def test_an_address_outside_every_area_keeps_the_intake_at_the_front_door(
    factory: Factory, travel: time_machine.Traveller
) -> None:
    gemeente, toegang, intake_case = _clarified_intake(factory, postcode="6299 ZZ")
    factory.area(gemeente, "Noordwest", 6211, 6216)
    before = _count()
    with pytest.raises(RoutingError, match="valt in geen enkel gebied"):
        fire(intake_case, "doorzetten_gebiedsteam", toegang, {"toelichting": "Meerdere vragen."})
    db.session.expire_all()
    assert (intake_case.state, _count()) == ("verhelderd", before)
