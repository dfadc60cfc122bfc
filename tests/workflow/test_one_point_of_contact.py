"""One point of contact: a follow-up case stays with the handler of the case it comes from,
unless they cannot take it there (and then the case says why), or a team manager decides
otherwise with a reason."""

import pytest
import sqlalchemy as sa
import time_machine

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Intake, Role, User
from caseflow.reports.registry import indicator
from caseflow.workflow.engine import assign, fire, start_case
from caseflow.workflow.errors import InvalidData
from caseflow.workflow.follow_up import handler_roles
from caseflow.workflow.registry import registry
from tests.factories import Factory
from tests.offices import Colleague, Office, Resident, Town, build_office
from tests.reports.helpers import report_filter
from tests.workflow.helpers import confirm_melding, hand_over_report

MAASTRICHT = Town("maastricht", teams={"wmo": "Team Wmo"}, front_door="Centrale toegang")
STAFF = (
    Colleague("fenna", [Role.TOEGANG], ["front_door"], "fenna", "Fenna Lemmens"),
    # A front-door worker who sits with the Wmo team but does not do its onderzoek.
    Colleague("kim", [Role.TOEGANG], ["front_door", "wmo"], "kim", "Kim Hendriks"),
    # A consultant who works at the front door and in the Wmo team alike.
    Colleague("bas", [Role.CONSULENT], ["front_door", "wmo"], "bas", "Bas Willems"),
    Colleague("jeroen", [Role.CONSULENT], ["wmo"], "jeroen", "Jeroen Hermans"),
    Colleague("lotte", [Role.CONSULENT], ["wmo"], "lotte", "Lotte Schepers"),
    Colleague("petra", [Role.TEAMMANAGER], ["wmo"], "petra", "Petra Vossen"),
)


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    return build_office(factory, MAASTRICHT, staff=STAFF, client=Resident())


def _intake(office: Office, worker: User) -> Case:
    """A question clarified at the front door by `worker`, who handles it."""
    intake = Intake(
        municipality=office.gemeente,
        person=office.client,
        channel="telefoon",
        question="Ik kom de trap niet meer op.",
        underlying_question="Zelfstandig thuis blijven wonen.",
    )
    db.session.add(intake)
    case = start_case(
        "vraagverheldering",
        municipality=office.gemeente,
        actor=worker,
        person=office.client,
        intake=intake,
        team=office.front_door,
        assignee=worker,
    )
    fire(case, "gesprek_starten", worker)
    fire(case, "verhelderen", worker, {"toelichting": "Zelfstandig thuis blijven wonen."})
    return case


def _to_wmo(case: Case, actor: User) -> Case:
    fire(case, "doorzetten_domein", actor, {"domein": "wmo"})
    return _follow_up(case)


def _follow_up(case: Case) -> Case:
    return db.session.scalars(sa.select(Case).where(Case.parent_id == case.id)).one()


def _opened(case: Case) -> CaseEvent:
    return case.events[0]


def test_the_consultant_who_did_the_onderzoek_keeps_the_aanvraag(office: Office) -> None:
    jeroen = office.jeroen
    melding = start_case(
        "wmo_melding",
        municipality=office.gemeente,
        actor=jeroen,
        person=office.client,
        team=office.wmo,
    )
    assign(melding, jeroen, jeroen)
    confirm_melding(melding, jeroen)
    fire(melding, "onderzoek_starten", jeroen)
    fire(melding, "verslag_vastleggen", jeroen, {"gespreksvorm": "huisbezoek", "verslag": "Trap."})
    hand_over_report(melding, jeroen)
    fire(melding, "onderzoek_afronden", jeroen, {"resultaat": "aanvraag_volgt"})
    aanvraag = _follow_up(melding)
    assert (aanvraag.case_type, aanvraag.team_id) == ("wmo_aanvraag", office.wmo.id)
    assert aanvraag.assignee_id == jeroen.id
    opened = _opened(aanvraag)
    assert (opened.data["van"], opened.data["naar"]) == (jeroen.id, jeroen.id)
    assert opened.data["toewijzing"] == (
        "Toegewezen aan Jeroen Hermans, die de vorige zaak behandelde."
    )
    # Nobody has to claim it again: the consultant takes it up straight away.
    fire(aanvraag, "oppakken", jeroen)
    assert aanvraag.state == "in_behandeling"


def test_the_front_door_worker_hands_over_to_the_domain_team_and_the_case_says_why(
    office: Office,
) -> None:
    melding = _to_wmo(_intake(office, office.fenna), office.fenna)
    assert (melding.team_id, melding.assignee_id) == (office.wmo.id, None)
    opened = _opened(melding)
    assert opened.data["toewijzing"] == (
        "Niet toegewezen: Fenna Lemmens hoort niet bij Team Wmo. "
        "Het team wijst een behandelaar toe."
    )
    assert (opened.data["van"], opened.data["naar"]) == (office.fenna.id, None)
    assert (opened.data["team_van"], opened.data["team_naar"]) == (
        office.front_door.id,
        office.wmo.id,
    )


def test_a_member_without_the_role_the_follow_up_needs_does_not_receive_it(
    office: Office,
) -> None:
    melding = _to_wmo(_intake(office, office.kim), office.kim)
    assert melding.assignee_id is None
    assert _opened(melding).data["toewijzing"] == (
        "Niet toegewezen: Kim Hendriks heeft niet de rol die deze zaak vraagt (consulent). "
        "Het team wijst een behandelaar toe."
    )


def test_a_consultant_at_the_front_door_keeps_the_client_in_the_domain_team(
    office: Office,
) -> None:
    melding = _to_wmo(_intake(office, office.bas), office.bas)
    assert melding.assignee_id == office.bas.id
    fire(melding, "onderzoek_starten", office.bas)  # the step a consultant's role is needed for


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ("inactive", "Bas Willems is niet meer actief"),
        ("elsewhere", "Bas Willems werkt niet voor Maastricht"),
    ],
)
def test_a_handler_who_cannot_work_on_it_leaves_it_to_the_team(
    office: Office, change: str, why: str
) -> None:
    intake_case = _intake(office, office.bas)
    if change == "inactive":
        office.bas.active = False
    else:
        office.bas.municipalities = []
    melding = _to_wmo(intake_case, office.fenna)
    assert melding.assignee_id is None
    assert _opened(melding).data["toewijzing"] == (
        f"Niet toegewezen: {why}. Het team wijst een behandelaar toe."
    )


def test_a_follow_up_of_a_case_without_a_handler_opens_for_the_team(office: Office) -> None:
    intake_case = _intake(office, office.fenna)
    assign(intake_case, None, office.petra, reason="Fenna is met verlof.")
    melding = _to_wmo(intake_case, office.fenna)
    assert melding.assignee_id is None
    assert _opened(melding).data["toewijzing"] == (
        "Niet toegewezen: de zaak waar deze uit voortkomt had geen behandelaar."
    )


def test_a_team_manager_decides_otherwise_with_a_reason_and_it_counts_as_a_handover(
    office: Office, travel: time_machine.Traveller
) -> None:
    melding = _to_wmo(_intake(office, office.bas), office.bas)
    with pytest.raises(InvalidData) as refused:
        assign(melding, office.lotte, office.petra, reason=" ")
    assert refused.value.field_errors == {"reden": "Reden is verplicht."}
    event = assign(melding, office.lotte, office.petra, reason="Lotte kent de cliënt al.")
    assert (event.data, event.reason) == (
        {"van": office.bas.id, "naar": office.lotte.id},
        "Lotte kent de cliënt al.",
    )
    fire(melding, "intrekken", office.lotte, {"reden": "Zoon regelt een traplift zelf."})
    result = indicator("overdrachten").run(report_filter("2026-03-02", "2026-03"), ["zaaktype"])
    # Bas kept the client from the front door into the Wmo team: no handover. The manager's
    # decision is one.
    assert {row.labels: row.values["overdrachten"] for row in result.rows} == {
        ("Vraagverheldering (centrale toegang)",): 0,
        ("Wmo-melding en onderzoek",): 1,
    }


def test_the_roles_a_handler_needs_come_from_the_first_steps_of_the_definition(
    office: Office,
) -> None:
    workflows = registry().workflows
    assert handler_roles(workflows["wmo_aanvraag"]) == {Role.CONSULENT}
    # A front-door worker may note a personal plan, but only a consultant starts the onderzoek.
    assert handler_roles(workflows["wmo_melding"]) == {Role.CONSULENT}
    assert handler_roles(workflows["gebiedsteam"]) == {Role.CONSULENT, Role.REGISSEUR}
