"""Herindicatie on time: a provision that ends within its municipality's lead time is signalled
once to the team that decided it, and one click opens its reassessment with nothing retyped."""

import html
import re
from datetime import date

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow import unit_of_work
from caseflow.extensions import db
from caseflow.models import Case, CatalogueSettings, Herindicatie, Provision
from caseflow.provisions.changes import end_early
from caseflow.provisions.herindicatie import scan_herindicaties, start_herindicatie
from caseflow.workflow.engine import fire
from caseflow.workflow.errors import NotAuthorised
from tests.jobs.helpers import go_to
from tests.offices import Office, login
from tests.provisions.helpers import Catalogue, decide, provisions, ready_to_decide, row
from tests.workflow.helpers import confirm_melding, hand_over_report


def _herindicaties() -> list[Herindicatie]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Herindicatie).order_by(Herindicatie.id)))


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _granted(office: Office, catalogue: Catalogue) -> Case:
    """On 2 March 2026: household help to 30 April, guidance to 31 May, a stairlift for good."""
    case = ready_to_decide(office)
    decide(
        case,
        [
            row(catalogue.household, "3", "2026-03-02", "2026-04-30"),
            row(catalogue.guidance, "2", "2026-03-02", "2026-05-31"),
            row(catalogue.stairlift, "1", "2026-03-02", aanbieder=str(catalogue.group.id)),
        ],
    )
    return case


def test_a_provision_is_signalled_once_within_the_lead_time_to_the_deciding_team(
    office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    case = _granted(office, catalogue)
    household, guidance, _lift = provisions()
    # Eight weeks before 30 April is 5 March: not yet on 4 March.
    go_to(travel, date(2026, 3, 4))
    assert scan_herindicaties() == 0
    go_to(travel, date(2026, 3, 5))
    assert scan_herindicaties() == 1
    assert scan_herindicaties() == 0  # a rerun adds nothing
    [signal] = _herindicaties()
    assert (signal.provision_id, signal.due_on) == (household.id, date(2026, 4, 30))
    assert (signal.team_id, signal.user_id) == (office.wmo.id, office.consulent.id)
    assert signal.case_id is None
    go_to(travel, date(2026, 4, 5))
    assert scan_herindicaties() == 1  # the guidance, eight weeks before 31 May
    assert [h.provision_id for h in _herindicaties()] == [household.id, guidance.id]
    assert case.team_id == office.wmo.id


def test_the_municipalitys_own_lead_time_and_a_moved_end(
    office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    _granted(office, catalogue)
    household, guidance, _lift = provisions()
    db.session.add(CatalogueSettings(municipality_id=office.maastricht.id, herindicatie_weeks=4))
    unit_of_work.commit()
    go_to(travel, date(2026, 3, 5))
    assert scan_herindicaties() == 0
    go_to(travel, date(2026, 4, 2))  # four weeks before 30 April
    assert scan_herindicaties() == 1
    # The guidance ends earlier, inside the lead time: that end is signalled, but an end with a
    # reason (it is no longer needed) asks for no herindicatie.
    end_early(guidance, office.consulent, "2026-04-20", "niet_meer_nodig", "")
    unit_of_work.commit()
    assert scan_herindicaties() == 0
    assert [h.provision_id for h in _herindicaties()] == [household.id]


def test_starting_opens_a_linked_melding_with_the_previous_decision_shown(
    client: FlaskClient, office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    decision = _granted(office, catalogue)
    go_to(travel, date(2026, 4, 5))
    assert scan_herindicaties() == 2
    login(client, office.consulent)
    listed = _text(client.get("/herindicaties").text)
    assert "Hulp bij het huishouden, zorg in natura door Thuiszorg Heuvelland" in listed
    assert listed.index("30-04-2026") < listed.index("31-05-2026")

    first = _herindicaties()[0]
    response = client.post(f"/herindicaties/{first.id}/starten")
    assert response.status_code == 302
    melding = db.session.scalars(sa.select(Case).where(Case.case_type == "wmo_melding")).one()
    assert response.headers["Location"].endswith(f"/zaken/{melding.id}")
    assert (melding.person_id, melding.parent_id, melding.intake_id) == (
        decision.person_id,
        decision.id,
        decision.intake_id,
    )
    assert (melding.team_id, melding.assignee_id) == (office.wmo.id, office.consulent.id)
    # One click answers every open herindicatie of that decision.
    assert {h.case_id for h in _herindicaties()} == {melding.id}

    page = _text(client.get(f"/zaken/{melding.id}").text)
    assert f"Deze zaak beoordeelt opnieuw wat besluit {decision.reference} toekende." in page
    assert "Motivering van dat besluit: Past bij wat nodig is." in page
    assert (
        "Hulp bij het huishouden, zorg in natura door Thuiszorg Heuvelland, 3 uur per week, van "
        "2 maart 2026 tot en met 30 april 2026" in page
    )
    assert "Begeleiding individueel" in page
    assert "Herindicatie: Hulp bij het huishouden (loopt tot en met 30 april 2026)" in page
    assert "Geen herindicaties" not in page
    assert "Er zijn geen herindicaties te starten." in _text(client.get("/herindicaties").text)

    again = client.post(f"/herindicaties/{first.id}/starten", follow_redirects=True)
    assert f"Deze herindicatie is al gestart: {melding.reference}." in _text(again.text)


def test_the_reassessing_decision_starts_from_what_runs_and_answers_the_herindicatie(
    client: FlaskClient, office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    _granted(office, catalogue)
    go_to(travel, date(2026, 4, 5))
    scan_herindicaties()
    melding = start_herindicatie(_herindicaties()[0], office.consulent)
    consulent = office.consulent
    confirm_melding(melding, consulent)
    fire(melding, "onderzoek_starten", consulent)
    fire(
        melding,
        "verslag_vastleggen",
        consulent,
        {"gespreksvorm": "huisbezoek", "verslag": "Situatie ongewijzigd."},
    )
    hand_over_report(melding, consulent)
    fire(melding, "onderzoek_afronden", consulent, {"resultaat": "aanvraag_volgt"})
    aanvraag = db.session.scalars(sa.select(Case).where(Case.parent_id == melding.id)).one()
    fire(aanvraag, "oppakken", consulent)
    unit_of_work.commit()

    login(client, consulent)
    form = client.get(f"/zaken/{aanvraag.id}/besluit").text
    # The rows are there already: the same products, from the day after they end.
    assert re.search(
        rf'<option value="{catalogue.household.id}" selected>Hulp bij het huishouden', form
    )
    assert 'name="producten-1-omvang" value="3"' in form
    assert 'name="producten-1-ingangsdatum" value="2026-05-01"' in form
    assert 'name="producten-2-ingangsdatum" value="2026-06-01"' in form
    assert "Dit besluit volgt op wat" in form

    decide(aanvraag, [row(catalogue.household, "3", "2026-05-01", "2027-04-30")])
    answered = _herindicaties()
    assert [h.decided_on for h in answered] == [date(2026, 4, 5)] * 2
    assert len(provisions()) == 4


def test_a_jeugd_herindicatie_opens_a_jeugd_case(
    office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    case = ready_to_decide(office, "jeugd")
    decide(case, [row(catalogue.youth, "2", "2026-03-02", "2026-04-15")])
    assert scan_herindicaties() == 1
    reassessment = start_herindicatie(_herindicaties()[0], office.consulent)
    assert (reassessment.case_type, reassessment.parent_id) == ("jeugd", case.id)


def test_only_a_consultant_of_the_municipality_starts_it(
    office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    _granted(office, catalogue)
    go_to(travel, date(2026, 3, 5))
    scan_herindicaties()
    [signal] = _herindicaties()
    with pytest.raises(NotAuthorised, match="geen herindicatie starten"):
        start_herindicatie(signal, office.vaals_consulent)
    with pytest.raises(NotAuthorised, match="geen herindicatie starten"):
        start_herindicatie(signal, office.beheerder)
    assert _herindicaties()[0].case_id is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Provision)) == 3
