"""Beheer gebieden: postcode ranges per municipality, a village split, and the routing that
follows from them."""

import html

import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Area, Team
from caseflow.routing import route
from tests.factories import Factory
from tests.offices import Office, login


def _text(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def test_a_village_gets_its_own_area_and_team_and_the_routing_follows(
    client: FlaskClient, office: Office, factory: Factory
) -> None:
    login(client, office.beheerder)
    zuidoost = office.zuidoost
    ranges = {r.first: r.id for r in zuidoost.postcode_ranges}
    # Split Zuidoost: 6226 becomes the village of Heer with its own team.
    assert client.post(f"/beheer/postcodes/{ranges[6223]}/verwijderen").status_code == 302
    client.post(
        f"/beheer/gebieden/{zuidoost.id}/postcodes",
        data={f"bereik{zuidoost.id}-first": "6223", f"bereik{zuidoost.id}-last": "6225"},
    )
    response = client.post(
        "/beheer/gebieden",
        data={
            "gebied-municipality_id": str(office.maastricht.id),
            "gebied-name": "Heer",
            "gebied-first": "6226",
            "gebied-last": "6226",
        },
    )
    assert response.status_code == 302
    heer = db.session.scalars(sa.select(Area).where(Area.name == "Heer")).one()
    client.post(
        f"/beheer/gebieden/{heer.id}/team", data={f"team{heer.id}-team_name": "Gebiedsteam Heer"}
    )
    team = db.session.scalars(sa.select(Team).where(Team.name == "Gebiedsteam Heer")).one()
    client.post(
        f"/beheer/teams/{team.id}/leden",
        data={f"lid{heer.id}-user_id": str(office.zuid_regisseur.id)},
    )
    assert [u.username for u in team.members] == ["zuid"]
    person = factory.person(office.maastricht, postcode="6226 AA")
    assert route("integraal", office.maastricht, person).name == "Gebiedsteam Heer"
    lookup = _text(client.get(f"/beheer/gebieden?gemeente={office.maastricht.id}&postcode=6226+AA"))
    assert "6226 AA hoort bij <strong>Heer</strong>: Gebiedsteam Heer." in lookup


def test_overlapping_postcodes_are_refused_beside_the_field(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.beheerder)
    response = client.post(
        "/beheer/gebieden",
        data={
            "gebied-municipality_id": str(office.maastricht.id),
            "gebied-name": "Binnenstad",
            "gebied-first": "6210",
            "gebied-last": "6212",
        },
    )
    assert response.status_code == 400
    assert (
        'id="gebied-first-fout">6210–6212 overlapt met Maastricht Noordwest (6211–6216).'
        in _text(response)
    )
    assert db.session.scalar(sa.select(sa.func.count(Area.id))) == 2


def test_an_address_outside_every_area_is_named_in_the_lookup(
    client: FlaskClient, office: Office
) -> None:
    login(client, office.beheerder)
    page = _text(client.get(f"/beheer/gebieden?gemeente={office.maastricht.id}&postcode=6299AB"))
    assert "6299AB hoort bij geen enkel gebied van Maastricht." in page


def test_only_an_administrator_changes_areas(client: FlaskClient, office: Office) -> None:
    login(client, office.teammanager)
    assert client.get("/beheer/gebieden").status_code == 403
    response = client.post(f"/beheer/gebieden/{office.noordwest.id}/postcodes", data={})
    assert response.status_code == 403
