"""A beheerder records a partner organisation and personal accounts for its staff; a partner
account holds the partner role only, staff accounts never hold it, and the rights log has it."""

import html

import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import PartnerOrganisation, RightsChange, Role, User
from tests.offices import Office, login


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def test_a_beheerder_records_a_partner_and_an_account_for_its_staff(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.beheerder)
    refused = client.post("/beheer/partners/", data={"org-name": "", "org-kind": ""})
    assert refused.status_code == 400
    assert 'id="org-name-fout">Vul de naam van de organisatie in.' in _text(refused)
    made = client.post(
        "/beheer/partners/",
        data={
            "org-name": "Kredietbank Limburg",
            "org-kind": "schuldhulp",
            "org-contact_name": "Marloes Wetzels",
            "org-phone": "043 350 50 50",
        },
    )
    assert made.status_code == 302
    organisation = db.session.scalars(sa.select(PartnerOrganisation)).one()
    again = client.post(
        "/beheer/partners/", data={"org-name": "kredietbank limburg", "org-kind": "schuldhulp"}
    )
    assert "Er is al een partnerorganisatie met deze naam." in _text(again)
    account = client.post(
        f"/beheer/partners/{organisation.id}/medewerkers",
        data={
            "account-full_name": "Marloes Wetzels",
            "account-username": "m.wetzels",
            "account-password": "Kredietbank-Limburg-2026!",
            "account-municipality_ids": [str(office.maastricht.id)],
        },
    )
    assert account.status_code == 302, _text(account)
    user = db.session.scalars(sa.select(User).where(User.username == "m.wetzels")).one()
    assert (user.roles, user.partner_organisation_id, user.teams) == (
        frozenset({Role.PARTNER.value}),
        organisation.id,
        [],
    )
    assert user.must_change_password
    logged = db.session.scalars(
        sa.select(RightsChange.detail).where(RightsChange.user_id == user.id)
    ).all()
    assert "m.wetzels (Marloes Wetzels, Kredietbank Limburg)" in logged
    assert "Medewerker partnerorganisatie" in logged
    page = _text(client.get(f"/beheer/partners/{organisation.id}"))
    assert '<td class="utrecht-table__cell">m.wetzels</td>' in page


def test_the_partner_role_stays_with_partner_accounts(client: FlaskClient, office: Office) -> None:
    login(client, office.beheerder)
    response = client.post(
        "/beheer/gebruikers/nieuw",
        data={
            "full_name": "Kim Claessens",
            "username": "k.claessens",
            "password": "Een-lang-wachtwoord-2026",
            "roles": ["consulent", "partner"],
            "municipality_ids": [str(office.maastricht.id)],
        },
    )
    assert response.status_code == 400
    assert "hoort alleen bij een account dat een beheerder bij een partnerorganisatie" in _text(
        response
    )
    assert db.session.scalar(sa.select(User.id).where(User.username == "k.claessens")) is None


def test_staff_cannot_manage_partners(client: FlaskClient, office: Office) -> None:
    login(client, office.regisseur)
    assert client.get("/beheer/partners/").status_code == 403
