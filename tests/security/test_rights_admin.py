"""Beheer gebruikers: scoped to own municipalities, no self-escalation, every change logged."""

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from caseflow import create_app
from caseflow.extensions import db
from caseflow.models import RightsChange, Role, User
from tests.factories import PASSWORD, Factory
from tests.offices import login
from tests.security.helpers import (
    RightsOffice,
    field_error,
    fresh,
    log_rows,
    separate_sessions,
)

NEW_PASSWORD = "paars-fiets-regen-42"


def _rights(ro: RightsOffice, roles: list[str], municipalities: list[int], teams: list[int]):  # type: ignore[no-untyped-def]
    return {
        "rechten-roles": roles,
        "rechten-municipality_ids": [str(i) for i in municipalities],
        "rechten-team_ids": [str(i) for i in teams],
    }


def test_the_users_page_lists_only_users_of_own_municipalities(
    client: FlaskClient, ro: RightsOffice
) -> None:
    login(client, ro.beheerder)
    page = client.get("/beheer/gebruikers").get_data(as_text=True)
    assert ro.office.consulent.full_name in page
    assert ro.office.teammanager.full_name in page
    assert ro.office.vaals_consulent.full_name not in page
    assert ro.vaals_beheerder.full_name not in page
    assert 'href="/beheer/gebruikers"' in page  # in the navigation


@pytest.mark.parametrize(
    "path", ["/beheer/gebruikers", "/beheer/gebruikers/nieuw", "/beheer/herziening/"]
)
@pytest.mark.parametrize("who", ["consulent", "teammanager", "toegang"])
def test_staff_without_beheerder_role_are_refused_and_logged(
    client: FlaskClient, ro: RightsOffice, path: str, who: str
) -> None:
    actor = getattr(ro.office, who)
    login(client, actor)
    assert client.get(path).status_code == 403
    refused = log_rows(actor_id=actor.id, result="geweigerd")
    assert len(refused) == 1 and refused[0].action == "inzien"


def test_staff_without_beheerder_role_cannot_change_rights(
    client: FlaskClient, ro: RightsOffice
) -> None:
    office = ro.office
    login(client, office.teammanager)
    response = client.post(
        f"/beheer/gebruikers/{office.consulent.id}/rechten",
        data=_rights(ro, [Role.BEHEERDER], [office.maastricht.id], []),
    )
    assert response.status_code == 403
    assert fresh(office.consulent).roles == {Role.CONSULENT}
    assert [r.result for r in log_rows(actor_id=office.teammanager.id)] == ["geweigerd"]


def test_another_municipalitys_user_is_refused_and_logged(
    client: FlaskClient, ro: RightsOffice
) -> None:
    vaals = ro.office.vaals_consulent
    login(client, ro.beheerder)
    assert client.get(f"/beheer/gebruikers/{vaals.id}").status_code == 403
    for path, data in (
        (f"/beheer/gebruikers/{vaals.id}/rechten", _rights(ro, [Role.KWALITEIT], [], [])),
        (f"/beheer/gebruikers/{vaals.id}/actief", {"actief": "nee"}),
        (f"/beheer/gebruikers/{vaals.id}/wachtwoord", {"reset-password": NEW_PASSWORD}),
    ):
        assert client.post(path, data=data).status_code == 403
    after = fresh(vaals)
    assert after.roles == {Role.CONSULENT} and after.active
    assert after.must_change_password is False
    refused = log_rows(user_id=vaals.id)
    assert [r.result for r in refused] == ["geweigerd"] * 4
    assert client.get("/beheer/gebruikers/999999").status_code == 404


def test_granting_and_revoking_is_logged_one_row_per_change_and_shown_as_history(
    client: FlaskClient, ro: RightsOffice
) -> None:
    office = ro.office
    login(client, ro.beheerder)
    response = client.post(
        f"/beheer/gebruikers/{office.consulent.id}/rechten",
        data=_rights(ro, [Role.REGISSEUR], [office.maastricht.id], [office.front_door.id]),
    )
    assert response.status_code == 302
    after = fresh(office.consulent)
    assert after.roles == {Role.REGISSEUR}
    assert {t.name for t in after.teams} == {"Centrale toegang"}
    rows = log_rows(user_id=office.consulent.id)
    assert sorted((r.action, r.detail) for r in rows) == [
        ("rol_ingetrokken", "Consulent"),
        ("rol_toegekend", "Regisseur"),
        ("team_toegevoegd", "Centrale toegang"),
        ("team_verwijderd", "Team Wmo"),
    ]
    assert {(r.actor_id, r.result, r.origin) for r in rows} == {
        (ro.beheerder.id, "ok", "127.0.0.1")
    }
    page = client.get(f"/beheer/gebruikers/{office.consulent.id}").get_data(as_text=True)
    assert "4 wijzigingen opgeslagen" in page
    history = page.split("Historie van rechten")[1]
    assert "Rol ingetrokken" in history and "Regisseur" in history
    assert ro.beheerder.full_name in history


def test_a_beheerder_can_make_another_beheerder_and_take_it_away(
    client: FlaskClient, ro: RightsOffice
) -> None:
    login(client, ro.beheerder)
    maastricht = ro.office.maastricht.id
    target = ro.tweede_beheerder
    client.post(
        f"/beheer/gebruikers/{target.id}/rechten",
        data=_rights(ro, [Role.KWALITEIT], [maastricht], []),
    )
    assert fresh(target).roles == {Role.KWALITEIT}
    client.post(
        f"/beheer/gebruikers/{target.id}/rechten",
        data=_rights(ro, [Role.BEHEERDER], [maastricht], []),
    )
    assert fresh(target).roles == {Role.BEHEERDER}


@pytest.mark.parametrize(
    "roles",
    [[Role.BEHEERDER, Role.KWALITEIT], [Role.BEHEERDER, Role.PRIVACY], [Role.CONSULENT], []],
)
def test_a_beheerder_cannot_change_their_own_rights(
    client: FlaskClient, ro: RightsOffice, roles: list[str]
) -> None:
    me = ro.beheerder
    login(client, me)
    page = client.get(f"/beheer/gebruikers/{me.id}").get_data(as_text=True)
    assert "Uw eigen rechten wijzigt een andere beheerder" in page
    assert "Rechten opslaan" not in page
    response = client.post(
        f"/beheer/gebruikers/{me.id}/rechten",
        data=_rights(ro, roles, [ro.office.maastricht.id], [ro.office.wmo.id]),
    )
    assert response.status_code == 403
    assert fresh(me).roles == {Role.BEHEERDER}
    assert [m.name for m in fresh(me).municipalities] == ["Maastricht"]
    (refused,) = log_rows(user_id=me.id)
    assert refused.result == "geweigerd" and refused.actor_id == me.id


def test_a_beheerder_cannot_deactivate_or_reset_themselves(
    client: FlaskClient, ro: RightsOffice
) -> None:
    me = ro.beheerder
    login(client, me)
    assert (
        client.post(f"/beheer/gebruikers/{me.id}/actief", data={"actief": "nee"}).status_code == 403
    )
    assert (
        client.post(
            f"/beheer/gebruikers/{me.id}/wachtwoord", data={"reset-password": NEW_PASSWORD}
        ).status_code
        == 403
    )
    assert fresh(me).active and not fresh(me).must_change_password
    assert [r.result for r in log_rows(user_id=me.id)] == ["geweigerd", "geweigerd"]


def test_municipalities_and_teams_outside_own_scope_cannot_be_given(
    client: FlaskClient, ro: RightsOffice, factory: Factory
) -> None:
    office = ro.office
    vaals_team = factory.team([office.vaals], name="Team Vaals Jeugd", domain="jeugd")
    login(client, ro.beheerder)
    for municipalities, teams in (
        ([office.maastricht.id, office.vaals.id], []),
        ([office.maastricht.id], [vaals_team.id]),
    ):
        response = client.post(
            f"/beheer/gebruikers/{office.consulent.id}/rechten",
            data=_rights(ro, [Role.CONSULENT], municipalities, teams),
        )
        assert response.status_code == 403
    after = fresh(office.consulent)
    assert [m.name for m in after.municipalities] == ["Maastricht"]
    assert [t.name for t in after.teams] == ["Team Wmo"]
    assert [r.result for r in log_rows(user_id=office.consulent.id)] == ["geweigerd"] * 2


def test_rights_in_other_municipalities_stay_as_they_are(
    client: FlaskClient, ro: RightsOffice, factory: Factory
) -> None:
    office = ro.office
    both = factory.user(
        Role.CONSULENT, municipalities=[office.maastricht, office.vaals], teams=[office.wmo]
    )
    login(client, ro.beheerder)
    page = client.get(f"/beheer/gebruikers/{both.id}").get_data(as_text=True)
    assert "Werkt ook voor Vaals" in page
    client.post(
        f"/beheer/gebruikers/{both.id}/rechten",
        data=_rights(ro, [Role.CONSULENT], [], [office.wmo.id]),
    )
    assert [m.name for m in fresh(both).municipalities] == ["Vaals"]


def test_the_last_municipality_is_not_taken_away(client: FlaskClient, ro: RightsOffice) -> None:
    office = ro.office
    login(client, ro.beheerder)
    response = client.post(
        f"/beheer/gebruikers/{office.consulent.id}/rechten",
        data=_rights(ro, [Role.CONSULENT], [], [office.wmo.id]),
    )
    assert response.status_code == 400
    error = field_error(response.get_data(as_text=True), "rechten-municipality_ids")
    assert "minstens één gemeente" in error
    assert [m.name for m in fresh(office.consulent).municipalities] == ["Maastricht"]
    assert log_rows(user_id=office.consulent.id) == []


def test_deactivation_ends_an_open_session_and_blocks_login_until_reactivated(
    app: Flask, client: FlaskClient, ro: RightsOffice
) -> None:
    consulent = ro.office.consulent
    theirs = app.test_client()
    login(theirs, consulent)
    assert theirs.get("/").status_code == 200
    login(client, ro.beheerder)
    client.post(f"/beheer/gebruikers/{consulent.id}/actief", data={"actief": "nee"})
    assert theirs.get("/").status_code == 302
    refused = theirs.post("/login", data={"username": "consulent", "password": PASSWORD})
    assert refused.status_code == 200 and "klopt niet" in refused.get_data(as_text=True)
    page = client.get("/beheer/gebruikers").get_data(as_text=True)
    assert "Inactief" in page
    client.post(f"/beheer/gebruikers/{consulent.id}/actief", data={"actief": "ja"})
    login(theirs, consulent)
    assert [r.action for r in log_rows(user_id=consulent.id)] == ["gedeactiveerd", "geactiveerd"]


def _new_account(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "full_name": "Noor van den Berg",
        "username": "n.vandenberg",
        "email": "n.vandenberg@example.nl",
        "password": NEW_PASSWORD,
        "roles": [Role.CONSULENT],
        "municipality_ids": [],
        "team_ids": [],
    }
    data.update(changes)
    return data


def test_a_new_personal_account_must_choose_its_own_password_at_first_login(
    app: Flask, client: FlaskClient, ro: RightsOffice
) -> None:
    office = ro.office
    login(client, ro.beheerder)
    response = client.post(
        "/beheer/gebruikers/nieuw",
        data=_new_account(municipality_ids=[office.maastricht.id], team_ids=[office.wmo.id]),
    )
    assert response.status_code == 302
    created = db.session.scalar(sa.select(User).where(User.username == "n.vandenberg"))
    assert created is not None and created.must_change_password
    assert created.roles == {Role.CONSULENT} and [t.name for t in created.teams] == ["Team Wmo"]
    assert [r.action for r in log_rows(user_id=created.id)] == [
        "account_aangemaakt",
        "rol_toegekend",
        "gemeente_toegevoegd",
        "team_toegevoegd",
    ]
    newcomer = app.test_client()
    newcomer.post("/login", data={"username": "n.vandenberg", "password": NEW_PASSWORD})
    forced = newcomer.get("/")
    assert forced.status_code == 302 and forced.headers["Location"].endswith("/account/wachtwoord")
    assert newcomer.get("/zaken/1").headers.get("Location", "").endswith("/account/wachtwoord")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"username": "team-wmo"}, "username", "gedeeld of groepsaccount"),
        ({"username": "balie.vaals"}, "username", "gedeeld of groepsaccount"),
        ({"username": "algemeen"}, "username", "gedeeld of groepsaccount"),
        ({"username": "gebiedsteam3"}, "username", "gedeeld of groepsaccount"),
        ({"username": "info"}, "username", "gedeeld of groepsaccount"),
        ({"username": "consulent"}, "username", "al in gebruik"),
        ({"username": "J Jansen"}, "username", "kleine letters"),
        ({"full_name": "Noor"}, "full_name", "voornaam en achternaam"),
        ({"full_name": "Balie Maastricht"}, "full_name", "team of balie"),
        ({"full_name": "Medewerker 7"}, "full_name", "voornaam en achternaam"),
        ({"email": "team-wmo@example.nl"}, "email", "persoonlijke e-mailadres"),
        ({"email": "geen-adres"}, "email", "geldig e-mailadres"),
        ({"password": "kort"}, "password", "minstens 12 tekens"),
        ({"password": "n.vandenberg-2026"}, "password", "gebruikersnaam niet bevatten"),
        ({"municipality_ids": []}, "municipality_ids", "minstens één gemeente"),
    ],
)
def test_group_accounts_and_bad_input_are_refused_beside_the_field(
    client: FlaskClient, ro: RightsOffice, changes: dict[str, object], field: str, message: str
) -> None:
    data = _new_account(municipality_ids=[ro.office.maastricht.id])
    data.update(changes)
    login(client, ro.beheerder)
    before = db.session.scalar(sa.select(sa.func.count(User.id)))
    response = client.post("/beheer/gebruikers/nieuw", data=data)
    assert response.status_code == 400
    assert message in field_error(response.get_data(as_text=True), field)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == before
    assert log_rows() == []


def test_a_reset_password_must_be_changed_and_ends_the_users_sessions(
    app: Flask, client: FlaskClient, ro: RightsOffice
) -> None:
    consulent = ro.office.consulent
    theirs = app.test_client()
    login(theirs, consulent)
    login(client, ro.beheerder)
    weak = client.post(
        f"/beheer/gebruikers/{consulent.id}/wachtwoord", data={"reset-password": "kort"}
    )
    assert weak.status_code == 400
    assert "minstens 12" in field_error(weak.get_data(as_text=True), "reset-password")
    client.post(
        f"/beheer/gebruikers/{consulent.id}/wachtwoord", data={"reset-password": NEW_PASSWORD}
    )
    assert theirs.get("/").status_code == 302
    theirs.post("/login", data={"username": "consulent", "password": NEW_PASSWORD})
    assert theirs.get("/").headers["Location"].endswith("/account/wachtwoord")
    assert [r.action for r in log_rows(user_id=consulent.id)] == ["wachtwoord_reset"]


def test_verify_log_checks_the_rights_log_too(
    app: Flask, client: FlaskClient, ro: RightsOffice
) -> None:
    login(client, ro.beheerder)
    client.post(f"/beheer/gebruikers/{ro.office.consulent.id}/actief", data={"actief": "nee"})
    client.post(f"/beheer/gebruikers/{ro.office.consulent.id}/actief", data={"actief": "ja"})
    runner = app.test_cli_runner()
    intact = runner.invoke(args=["verify-log"])
    assert intact.exit_code == 0 and "Rechtenlog is intact (2 regels)." in intact.output
    first = log_rows()[0]
    with db.engine.begin() as conn:
        conn.execute(
            sa.update(RightsChange).where(RightsChange.id == first.id).values(detail="niets")
        )
    broken = runner.invoke(args=["verify-log"])
    assert broken.exit_code == 1
    assert f"Rechtenlog is gewijzigd: regel {first.id} klopt niet." in broken.output


@pytest.fixture
def csrf_client(app: Flask) -> Iterator[FlaskClient]:
    protected = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        }
    )
    with protected.app_context(), separate_sessions(protected):
        yield protected.test_client()


def _token(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def test_rights_changes_need_a_csrf_token(csrf_client: FlaskClient, ro: RightsOffice) -> None:
    token = _token(csrf_client, "/login")
    csrf_client.post(
        "/login", data={"username": "beheerder", "password": PASSWORD, "csrf_token": token}
    )
    target = f"/beheer/gebruikers/{ro.office.consulent.id}"
    without = csrf_client.post(f"{target}/actief", data={"actief": "nee"})
    assert without.status_code == 400
    assert fresh(ro.office.consulent).active
    token = _token(csrf_client, target)
    with_token = csrf_client.post(f"{target}/actief", data={"actief": "nee", "csrf_token": token})
    assert with_token.status_code == 302
    assert not fresh(ro.office.consulent).active
