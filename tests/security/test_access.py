"""Need to know: municipalities, teams, sensitive case types; refusals are logged."""

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import AccessLog, Case, Role
from caseflow.scope import case_scope
from caseflow.workflow.engine import assign, start_case
from tests.factories import Factory
from tests.offices import Office, login


def _visible(user, case: Case) -> bool:  # type: ignore[no-untyped-def]
    return (
        db.session.scalar(sa.select(Case.id).where(Case.id == case.id, case_scope(user)))
        is not None
    )


@pytest.mark.parametrize(
    "path", ["/zaken/{case}", "/clienten/{person}", "/hulpvraag/nieuw?persoon={person}"]
)
def test_other_municipality_is_refused_or_not_found_and_refusals_are_logged(
    client: FlaskClient, office: Office, factory: Factory, path: str
) -> None:
    person = factory.person(office.maastricht)
    case = start_case(
        "wmo_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        person=person,
        team=office.wmo,
    )
    login(client, office.vaals_consulent)
    response = client.get(path.format(case=case.id, person=person.id))
    page = response.get_data(as_text=True)
    assert response.status_code in (403, 404) or person.family_name not in page
    if response.status_code == 403:
        assert (
            db.session.scalar(
                sa.select(sa.func.count(AccessLog.id)).where(
                    AccessLog.result == "denied", AccessLog.person_id == person.id
                )
            )
            == 1
        )


def test_a_sensitive_case_is_hidden_from_a_team_member_who_is_not_involved(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    jeugdteam = factory.team([office.maastricht], domain="jeugd", name="Team Jeugd")
    behandelaar = factory.user(
        Role.CONSULENT, municipalities=[office.maastricht], teams=[jeugdteam]
    )
    collega = factory.user(Role.CONSULENT, municipalities=[office.maastricht], teams=[jeugdteam])
    manager = factory.user(Role.TEAMMANAGER, municipalities=[office.maastricht], teams=[jeugdteam])
    case = start_case(
        "jeugd",
        municipality=office.maastricht,
        actor=behandelaar,
        team=jeugdteam,
        person=factory.person(office.maastricht),
    )
    assert not _visible(collega, case), "unassigned sensitive cases wait for the team manager"
    assert _visible(manager, case)
    assign(case, behandelaar, manager, reason="Past bij haar caseload")
    assert _visible(behandelaar, case) and _visible(manager, case)
    assert not _visible(collega, case)
    login(client, collega)
    assert client.get(f"/zaken/{case.id}").status_code == 403
    assert (
        client.get(f"/team?team={jeugdteam.id}").get_data(as_text=True).count(case.reference) == 0
    )


def test_administrators_and_municipality_readers_see_no_case(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    case = start_case(
        "wmo_aanvraag", municipality=office.maastricht, actor=office.consulent, team=office.wmo
    )
    for role in (Role.BEHEERDER, Role.GEMEENTE):
        user = factory.user(role, municipalities=[office.maastricht], teams=[office.wmo])
        assert not _visible(user, case)


def test_the_households_director_sees_its_sensitive_case_outside_their_team(
    office: Office, factory: Factory
) -> None:
    from caseflow.models import Household, HouseholdMember
    from caseflow.plans.directors import hand_over

    jeugdteam = factory.team([office.maastricht], domain="jeugd", name="Team Jeugd")
    gebiedsteam = factory.team([office.maastricht], domain="wmo", name="Gebiedsteam Noord")
    regisseur = factory.user(
        Role.REGISSEUR, municipalities=[office.maastricht], teams=[gebiedsteam]
    )
    manager = factory.user(
        Role.TEAMMANAGER, municipalities=[office.maastricht], teams=[gebiedsteam, jeugdteam]
    )
    person = factory.person(office.maastricht)
    household = Household(
        name="Huishouden Jansen",
        municipality=office.maastricht,
        members=[HouseholdMember(person=person, relation="aanvrager")],
    )
    db.session.add(household)
    db.session.commit()
    jeugd = factory.user(Role.CONSULENT, municipalities=[office.maastricht], teams=[jeugdteam])
    case = start_case(
        "jeugd",
        municipality=office.maastricht,
        actor=jeugd,
        team=jeugdteam,
        person=person,
        household=household,
    )
    assert not _visible(regisseur, case)
    hand_over(household, regisseur, manager, "Meerdere leefgebieden, één regisseur")
    assert _visible(regisseur, case)
