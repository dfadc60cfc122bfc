"""Bezwaar registreren in the browserless web: found by the case number, Dutch errors beside
the fields, linked to the decision, and visible to the jurist with the decision it contests."""

import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Case, Objection
from caseflow.objections.decisions import decisions_of
from caseflow.unit_of_work import commit
from tests.objections.helpers import at, refused_wmo
from tests.offices import Office, login


def _decided(office: Office, travel: time_machine.Traveller) -> Case:
    at(travel, "2026-04-02")
    case = refused_wmo(office)
    commit()
    at(travel, "2026-05-15")
    return case


def _form(case: Case, **changes: str) -> dict[str, str]:
    return {
        "zaak_id": str(case.id),
        "besluit": str(decisions_of(case)[0].id),
        "bekendgemaakt_op": "02-04-2026",
        "ontvangen_op": "15-05-2026",
        "gronden": "De trap is niet veilig.",
        **changes,
    }


def test_the_consultant_finds_the_link_on_the_decided_case(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    case = _decided(office, travel)
    login(client, office.consulent)

    page = client.get(f"/zaken/{case.id}").get_data(as_text=True)

    assert "Tegen dit besluit is (nog) geen bezwaar gemaakt." in page
    assert f"/bezwaren/nieuw?zaak={case.reference}" in page


def test_the_jurist_finds_the_decision_by_its_number_and_registers(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    case = _decided(office, travel)
    login(client, office.jurist)

    found = client.get(f"/bezwaren/nieuw?zaak={case.reference}")
    assert found.status_code == 200
    assert f"{case.reference}, besluit nemen: afgewezen op 02-04-2026" in found.get_data(
        as_text=True
    )

    response = client.post("/bezwaren/nieuw", data=_form(case))
    assert response.status_code == 302
    objection = db.session.scalars(sa.select(Objection)).one()
    assert objection.case.person_id == office.client.id
    assert response.headers["Location"].endswith(f"/zaken/{objection.case_id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Bestreden besluit" in page
    assert f"Wmo-aanvraag maatwerkvoorziening {case.reference}" in page
    assert "Tijdig" in page and "15-05-2026" in page
    # The jurist may read the decision the objection contests, and sees it listed there.
    contested = client.get(f"/zaken/{case.id}")
    assert contested.status_code == 200
    assert db.session.get(Case, objection.case_id).reference in contested.get_data(as_text=True)  # type: ignore[union-attr]


def test_bad_dates_get_dutch_errors_and_nothing_is_written(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    case = _decided(office, travel)
    login(client, office.jurist)

    response = client.post(
        "/bezwaren/nieuw",
        data=_form(case, bekendgemaakt_op="", ontvangen_op="01-03-2026", gronden=""),
    )

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Vul de datum van bekendmaking in." in page
    assert "Een bezwaar kan niet zijn ontvangen vóór het besluit er was." in page
    assert "Vat de gronden van het bezwaar samen." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Objection)) == 0


def test_an_unknown_or_undecided_number_is_refused_in_dutch(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    _decided(office, travel)
    login(client, office.jurist)

    wrong = client.get("/bezwaren/nieuw?zaak=Z-2026-999999")
    assert wrong.status_code == 400
    assert "Er is geen zaak met dit nummer in uw gemeenten." in wrong.get_data(as_text=True)
    garbled = client.get("/bezwaren/nieuw?zaak=besluit")
    assert "Vul het zaaknummer van het besluit in" in garbled.get_data(as_text=True)


def test_the_consultant_is_sent_back_to_the_decision_after_registering(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    case = _decided(office, travel)
    login(client, office.collega)

    response = client.post("/bezwaren/nieuw", data=_form(case))

    # The objection lies with the team for bezwaar en beroep, which the consultant is not in.
    assert response.headers["Location"].endswith(f"/zaken/{case.id}")
    objection = db.session.scalars(sa.select(Objection)).one()
    assert client.get(f"/zaken/{objection.case_id}").status_code in (403, 404)


def test_a_manager_may_not_register_and_the_jurist_sees_no_unrelated_case(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    case = _decided(office, travel)
    login(client, office.manager)
    assert client.get("/bezwaren/nieuw").status_code == 403
    assert client.post("/bezwaren/nieuw", data=_form(case)).status_code == 403

    client.post("/logout")
    login(client, office.jurist)
    assert client.get(f"/zaken/{case.id}").status_code in (403, 404)
