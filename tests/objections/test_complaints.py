"""Klachten (Awb chapter 9): registered by any colleague, handled by the coordinator within six
weeks of receipt, ten with a committee, one postponement of four weeks (9:11); heard unless a
ground is recorded (9:10); about a team, not a name."""

from datetime import date

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.complaints.register import ComplaintInput, complaint_of, register_complaint
from caseflow.extensions import db
from caseflow.models import Case, Complaint, Outcome
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, fire
from caseflow.workflow.errors import GuardFailed, InvalidData
from tests.objections.helpers import at, refused_wmo
from tests.offices import Office, login


def _deadline(case: Case, code: str):  # type: ignore[no-untyped-def]
    return next(d for d in case.deadlines if d.code == code)


def _complaint(office: Office, received: str = "2026-04-02", about: Case | None = None) -> Case:
    case = register_complaint(
        office.gemeente,
        office.consulent,
        ComplaintInput(
            team_id=office.wmo.id,
            received_on=date.fromisoformat(received),
            channel="brief",
            description="De consulent kwam twee keer niet op de afspraak.",
            complainant="" if about else "Anna Jansen",
        ),
        about=about,
    )
    assign(case, office.coordinator, office.coordinator)
    fire(case, "ontvangst_bevestigen", office.coordinator, {})
    return case


def test_six_weeks_from_receipt_across_ascension_day_and_one_postponement_of_four(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-04-07")  # the letter of Thursday 2 April is registered on Tuesday
    complaint = _complaint(office)

    term = _deadline(complaint, "afhandeling")
    assert term.start_date == date(2026, 4, 2)
    # Six weeks end on Ascension Day, Thursday 14 May: Friday 15 May (Atw art. 1).
    assert term.due_date == date(2026, 5, 15)

    fire(complaint, "verdagen", office.coordinator, {"reden": "Getuige op vakantie.", "weken": 4})
    assert term.due_date == date(2026, 6, 11)
    with pytest.raises(GuardFailed, match="maar één keer"):
        fire(complaint, "verdagen", office.coordinator, {"reden": "Nog later.", "weken": 1})


def test_ten_weeks_with_a_complaints_committee(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-04-07")
    complaint = _complaint(office)
    fire(complaint, "naar_adviescommissie", office.coordinator)

    assert _deadline(complaint, "afhandeling").outcome == Outcome.LAPSED
    assert _deadline(complaint, "afhandeling_adviescommissie").due_date == date(2026, 6, 11)


def test_heard_before_the_outcome_and_the_letters_are_drafted(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-04-07")
    complaint = _complaint(office)
    assert complaint.events[-1].data["brief"] == "Ontvangstbevestiging klacht"
    outcome = {"resultaat": "gegrond", "bevindingen": "Afspraken zijn twee keer vergeten."}

    with pytest.raises(GuardFailed, match="verslag van het horen"):
        fire(complaint, "afhandelen", office.coordinator, outcome)
    fire(complaint, "hoorzitting_plannen", office.coordinator, {"hoorzitting_op": "2026-04-14"})
    at(travel, "2026-04-14")
    fire(complaint, "hoorzitting_gehouden", office.coordinator, {"hoorverslag": "Klager gehoord."})
    event = fire(complaint, "afhandelen", office.coordinator, outcome)

    assert complaint.result == "gegrond"
    assert event.data["brief"] == "Afhandeling klacht"
    assert _deadline(complaint, "afhandeling").outcome == Outcome.IN_TIME


def test_a_complaint_is_about_a_team_and_needs_a_complainant_without_a_case(
    office: Office, travel: time_machine.Traveller
) -> None:
    with pytest.raises(InvalidData) as refused:
        register_complaint(
            office.gemeente,
            office.consulent,
            ComplaintInput(None, None, "fax", ""),
        )
    assert refused.value.field_errors == {
        "team": "Kies het team waarover de klacht gaat.",
        "ontvangen_op": "Vul de datum van ontvangst in.",
        "kanaal": "Kies hoe de klacht binnenkwam.",
        "klacht": "Beschrijf waar de klacht over gaat.",
        "klager": "Vul de naam van de klager in.",
    }
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Complaint)) == 0


def test_the_coordinator_sees_the_complaint_and_its_case_the_colleague_does_not(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-04-02")
    decided = refused_wmo(office)
    commit()
    login(client, office.consulent)
    form = {
        "team": str(office.wmo.id),
        "ontvangen_op": "02-04-2026",
        "kanaal": "telefoon",
        "klacht": "Mevrouw voelde zich niet gehoord aan de telefoon.",
    }
    response = client.post(f"/klachten/nieuw?zaak={decided.id}", data=form)

    assert response.status_code == 302
    complaint = db.session.scalars(sa.select(Complaint)).one()
    assert complaint.case.team_id == office.klachten.id
    assert complaint.case.person_id == office.client.id
    assert complaint_of(complaint.case) is complaint
    # The consultant is sent back to the case; the complaint is not theirs to read.
    assert response.headers["Location"].endswith(f"/zaken/{decided.id}")
    assert client.get(f"/zaken/{complaint.case_id}").status_code in (403, 404)
    client.post("/logout")

    login(client, office.coordinator)
    page = client.get(f"/zaken/{complaint.case_id}").get_data(as_text=True)
    assert "Waar de klacht over gaat" in page and "Team Wmo" in page
    assert decided.reference in page
    assert client.get(f"/zaken/{decided.id}").status_code == 200


def test_the_form_says_in_dutch_what_is_missing(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    login(client, office.consulent)

    response = client.post(
        "/klachten/nieuw", data={"gemeente": str(office.gemeente.id), "ontvangen_op": "02-04-2026"}
    )

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Kies het team waarover de klacht gaat." in page
    assert "Vul de naam van de klager in." in page
