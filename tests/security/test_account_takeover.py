"""A beheerder of one municipality cannot take over accounts that also serve others.

The attack, as it was tried: a Vaals-only beheerder grants beheerder and kwaliteit to a
consultant who works for Maastricht and Vaals, resets that consultant's password, logs in as
them and makes himself beheerder of Maastricht too; or deactivates the beheerder of both.
"""

import pytest
from flask.testing import FlaskClient

from caseflow.models import Role, User
from caseflow.unit_of_work import commit
from tests.factories import Factory
from tests.offices import login
from tests.security.helpers import (
    RightsOffice,
    fresh,
    log_rows,
)

KNOWN_PASSWORD = "paars-fiets-regen-42"


@pytest.fixture
def shared(ro: RightsOffice, factory: Factory) -> User:
    """A consultant of Maastricht and Vaals, in Maastricht's Wmo team."""
    return factory.user(
        Role.CONSULENT,
        municipalities=[ro.office.maastricht, ro.office.vaals],
        teams=[ro.office.wmo],
        username="gedeeld-consulent",
    )


def _rights(roles: list[str], municipalities: list[int]) -> dict[str, list[str]]:
    return {
        "rechten-roles": roles,
        "rechten-municipality_ids": [str(i) for i in municipalities],
        "rechten-team_ids": [],
    }


def test_the_escalation_fails_at_its_first_step_and_is_logged(
    client: FlaskClient, ro: RightsOffice, shared: User
) -> None:
    login(client, ro.vaals_beheerder)
    grant = client.post(
        f"/beheer/gebruikers/{shared.id}/rechten",
        data=_rights([Role.CONSULENT, Role.BEHEERDER, Role.KWALITEIT], [ro.office.vaals.id]),
    )
    assert grant.status_code == 403
    assert fresh(shared).roles == {Role.CONSULENT}
    [refusal] = log_rows(user_id=shared.id)
    assert (refusal.actor_id, refusal.action, refusal.result) == (
        ro.vaals_beheerder.id,
        "rol_toegekend",
        "geweigerd",
    )


def test_no_known_password_on_a_wider_account_and_no_deactivation_of_it(
    client: FlaskClient, ro: RightsOffice, shared: User
) -> None:
    both = ro.beheerder
    both.municipalities = [ro.office.maastricht, ro.office.vaals]
    commit()
    login(client, ro.vaals_beheerder)
    before = fresh(shared).password_hash
    reset = client.post(
        f"/beheer/gebruikers/{shared.id}/wachtwoord", data={"reset-password": KNOWN_PASSWORD}
    )
    assert reset.status_code == 403
    assert fresh(shared).password_hash == before
    for target in (shared, both):
        response = client.post(f"/beheer/gebruikers/{target.id}/actief", data={"actief": "nee"})
        assert response.status_code == 403
        assert fresh(target).active
    refused = [(r.action, r.result) for r in log_rows(actor_id=ro.vaals_beheerder.id)]
    assert refused == [
        ("wachtwoord_reset", "geweigerd"),
        ("gedeactiveerd", "geweigerd"),
        ("gedeactiveerd", "geweigerd"),
    ]


def test_the_beheerder_of_every_municipality_of_the_account_may_do_it(
    client: FlaskClient, ro: RightsOffice, shared: User
) -> None:
    both = ro.tweede_beheerder
    both.municipalities = [ro.office.maastricht, ro.office.vaals]
    login(client, both)
    grant = client.post(
        f"/beheer/gebruikers/{shared.id}/rechten",
        data=_rights(
            [Role.CONSULENT, Role.KWALITEIT], [ro.office.maastricht.id, ro.office.vaals.id]
        ),
    )
    assert grant.status_code == 302
    assert fresh(shared).roles == {Role.CONSULENT, Role.KWALITEIT}


def test_a_municipality_within_scope_can_still_be_given_or_taken_without_touching_roles(
    client: FlaskClient, ro: RightsOffice, shared: User
) -> None:
    login(client, ro.vaals_beheerder)
    response = client.post(
        f"/beheer/gebruikers/{shared.id}/rechten", data=_rights([Role.CONSULENT], [])
    )
    assert response.status_code == 302
    assert [m.name for m in fresh(shared).municipalities] == ["Maastricht"]


def test_team_membership_is_a_logged_rights_change_and_never_ones_own(
    client: FlaskClient, ro: RightsOffice, factory: Factory
) -> None:
    office = ro.office
    area = factory.area(office.maastricht, "Maastricht Noord", 6211, 6216)
    team = factory.team([office.maastricht], kind="area", area=area, name="Gebiedsteam Noord")
    login(client, ro.beheerder)
    field = f"lid{area.id}-user_id"
    own = client.post(f"/beheer/teams/{team.id}/leden", data={field: ro.beheerder.id})
    assert own.status_code in (400, 403)
    assert ro.beheerder not in fresh_team(team)
    added = client.post(f"/beheer/teams/{team.id}/leden", data={field: office.consulent.id})
    assert added.status_code == 302
    assert office.consulent in fresh_team(team)
    rows = [
        (r.actor_id, r.action, r.detail, r.result) for r in log_rows(user_id=office.consulent.id)
    ]
    assert rows == [(ro.beheerder.id, "team_toegevoegd", "Gebiedsteam Noord", "ok")]
    refused = log_rows(user_id=ro.beheerder.id)
    assert [(r.action, r.result) for r in refused] == [("team_toegevoegd", "geweigerd")]


def fresh_team(team: object) -> list[User]:
    from caseflow.extensions import db
    from caseflow.models import Team

    db.session.expire_all()
    return list(db.session.get_one(Team, team.id).members)  # type: ignore[attr-defined]
