"""Beroep against a decision on bezwaar and hoger beroep against the ruling: linked to the
outcome they contest, handled by the jurist, the verweerschrift within four weeks (Awb 8:42)."""

from datetime import date

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import Appeal, Case
from caseflow.objections.appeals import AppealInput, appeal_level, register_appeal
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period
from caseflow.reports.registry import indicator
from caseflow.unit_of_work import commit
from caseflow.workflow.engine import assign, fire
from caseflow.workflow.errors import InvalidData
from tests.objections.helpers import at, lodge, refused_wmo, take_up
from tests.offices import Office, login


def _decided_objection(office: Office, travel: time_machine.Traveller) -> Case:
    at(travel, "2026-04-02")
    contested = refused_wmo(office)
    at(travel, "2026-04-09")
    objection = lodge(office, contested, made_known="2026-04-02", received="2026-04-09")
    take_up(office, objection)
    fire(objection, "niet_horen", office.jurist, {"grond_niet_horen": "afgezien"})
    fire(objection, "besluiten", office.jurist, {"resultaat": "ongegrond", "motivering": "."})
    return objection


def test_beroep_then_hoger_beroep_each_linked_to_what_it_contests(
    office: Office, travel: time_machine.Traveller
) -> None:
    objection = _decided_objection(office, travel)
    assert appeal_level(objection) == "beroep"
    at(travel, "2026-05-11")
    beroep = register_appeal(
        objection, office.jurist, AppealInput(date(2026, 5, 8), "Rechtbank Limburg")
    )
    row = db.session.get(Appeal, beroep.id)
    assert row is not None and (row.level, row.contested_case_id) == ("beroep", objection.id)
    assert (beroep.person_id, beroep.team_id) == (objection.person_id, office.bezwaar.id)

    assign(beroep, office.jurist, office.jurist)
    at(travel, "2026-05-14")  # the day before the Friday after Ascension
    fire(beroep, "stukken_gevraagd", office.jurist, {"verzoek_ontvangen_op": "2026-05-13"})
    term = next(d for d in beroep.deadlines if d.code == "verweerschrift")
    assert (term.start_date, term.due_date) == (date(2026, 5, 13), date(2026, 6, 10))
    fire(beroep, "verweer_indienen", office.jurist, {"verslag": "Verweerschrift ingediend."})
    fire(
        beroep, "uitspraak_vastleggen", office.jurist, {"resultaat": "ongegrond", "motivering": "."}
    )

    assert appeal_level(beroep) == "hoger_beroep"
    at(travel, "2026-05-21")
    hoger = register_appeal(
        beroep, office.jurist, AppealInput(date(2026, 5, 20), "Centrale Raad van Beroep")
    )
    assert db.session.get(Appeal, hoger.id).level == "hoger_beroep"  # type: ignore[union-attr]


def test_no_appeal_against_an_open_objection_nor_before_the_decision(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-04-02")
    contested = refused_wmo(office)
    at(travel, "2026-04-09")
    open_objection = lodge(office, contested, made_known="2026-04-02", received="2026-04-09")
    assert appeal_level(open_objection) is None
    with pytest.raises(InvalidData) as refused:
        register_appeal(open_objection, office.jurist, AppealInput(None, ""))
    assert set(refused.value.field_errors) == {"zaak", "ingesteld_op", "rechter"}


def test_appeals_are_not_counted_as_objections(
    office: Office, travel: time_machine.Traveller
) -> None:
    objection = _decided_objection(office, travel)
    register_appeal(objection, office.jurist, AppealInput(date(2026, 4, 9), "Rechtbank Limburg"))

    result = indicator("bezwaren_gegrond").run(
        ReportFilter(today=date(2026, 4, 30), period=Period.parse("2026-04"))
    )
    assert result.total.values["ingediend"] == 1


def test_the_jurist_registers_an_appeal_from_the_objection_page(
    client: FlaskClient, office: Office, travel: time_machine.Traveller
) -> None:
    objection = _decided_objection(office, travel)
    commit()
    login(client, office.jurist)

    page = client.get(f"/zaken/{objection.id}").get_data(as_text=True)
    assert f"/beroep/{objection.id}" in page
    response = client.post(
        f"/beroep/{objection.id}",
        data={"ingesteld_op": "2026-04-09", "rechter": "Rechtbank Limburg"},
    )
    assert response.status_code == 302
    appeal = db.session.scalars(sa.select(Appeal)).one()
    assert "Beroep tegen de uitkomst van" in client.get(f"/zaken/{appeal.case_id}").get_data(
        as_text=True
    )
    bad = client.post(f"/beroep/{objection.id}", data={"ingesteld_op": "", "rechter": ""})
    assert bad.status_code == 400
    assert "Vul de rechter in." in bad.get_data(as_text=True)
