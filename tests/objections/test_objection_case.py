"""A bezwaar against a decision: linked to it, its decision term counted from the end of the
bezwaar term (Awb 7:10), heard or not (7:2, 7:3), and an upheld objection opens a new decision
for the same client (7:11)."""

from datetime import date

import pytest
import sqlalchemy as sa
import time_machine

from caseflow.extensions import db
from caseflow.models import Case, DeadlineStatus, Objection, Outcome
from caseflow.objections.register import objection_of
from caseflow.workflow.deadline_effects import explain_deadline
from caseflow.workflow.engine import fire
from caseflow.workflow.errors import GuardFailed
from tests.objections.helpers import at, lodge, refused_wmo, take_up
from tests.offices import Office

HEARD = {"hoorverslag": "Mevrouw lichtte toe dat zij de trap niet meer op kan."}


def _deadline(case: Case, code: str):  # type: ignore[no-untyped-def]
    return next(d for d in case.deadlines if d.code == code)


def _objection_on_the_last_day(office: Office, travel: time_machine.Traveller) -> Case:
    at(travel, "2026-04-02")
    contested = refused_wmo(office)
    at(travel, "2026-05-15")
    return lodge(office, contested, made_known="2026-04-02", received="2026-05-15")


def test_the_objection_is_linked_to_the_decision_and_the_client(
    office: Office, travel: time_machine.Traveller
) -> None:
    objection = _objection_on_the_last_day(office, travel)

    row = objection_of(objection)
    assert row is not None
    assert row.contested_case.case_type == "wmo_aanvraag"
    assert row.contested_event.trigger == "besluiten"
    assert row.lodging_ends_on == date(2026, 5, 15)
    assert row.in_time
    assert objection.person_id == office.client.id
    assert objection.team_id == office.bezwaar.id
    assert objection.events[0].data["bestreden_zaak"] == row.contested_case_id


def test_the_decision_term_counts_six_weeks_from_the_end_of_the_bezwaar_term(
    office: Office, travel: time_machine.Traveller
) -> None:
    objection = _objection_on_the_last_day(office, travel)

    term = _deadline(objection, "beslissing")
    assert term.start_date == date(2026, 5, 15)
    assert term.due_date == date(2026, 6, 26)
    steps = explain_deadline(term, date(2026, 5, 15))
    assert steps[0] == "Einde van de bezwaartermijn op vrijdag 15 mei 2026."
    assert steps[-1] == "Uiterste datum: vrijdag 26 juni 2026."


def test_a_late_objection_still_counts_from_the_end_of_the_bezwaar_term(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-04-02")
    contested = refused_wmo(office)
    at(travel, "2026-06-01")
    objection = lodge(office, contested, made_known="2026-04-02", received="2026-06-01")

    assert objection_of(objection) is not None and not objection_of(objection).in_time  # type: ignore[union-attr]
    assert _deadline(objection, "beslissing").due_date == date(2026, 6, 26)


def test_an_advisory_committee_gives_twelve_weeks_and_one_extension_of_six(
    office: Office, travel: time_machine.Traveller
) -> None:
    objection = _objection_on_the_last_day(office, travel)
    take_up(office, objection)
    at(travel, "2026-05-20")
    fire(objection, "naar_adviescommissie", office.jurist)

    assert _deadline(objection, "beslissing").outcome == Outcome.LAPSED
    committee = _deadline(objection, "beslissing_adviescommissie")
    assert committee.start_date == date(2026, 5, 15)
    assert committee.due_date == date(2026, 8, 7)

    fire(objection, "verdagen", office.jurist, {"reden": "Advies volgt later.", "weken": 6})
    assert committee.due_date == date(2026, 9, 18)
    with pytest.raises(GuardFailed, match="maar één keer"):
        fire(objection, "verdagen", office.jurist, {"reden": "Nog later.", "weken": 1})


def test_no_decision_before_the_objector_is_heard_or_a_ground_not_to_hear_is_recorded(
    office: Office, travel: time_machine.Traveller
) -> None:
    objection = _objection_on_the_last_day(office, travel)
    take_up(office, objection)
    decision = {"resultaat": "ongegrond", "motivering": "Het besluit blijft in stand."}

    with pytest.raises(GuardFailed, match="verslag van het horen"):
        fire(objection, "besluiten", office.jurist, decision)

    fire(objection, "niet_horen", office.jurist, {"grond_niet_horen": "afgezien"})
    fire(objection, "besluiten", office.jurist, decision)
    assert objection.result == "ongegrond"
    assert _deadline(objection, "beslissing").outcome == Outcome.IN_TIME


def test_upheld_opens_a_new_decision_for_the_same_client_with_its_handler(
    office: Office, travel: time_machine.Traveller
) -> None:
    objection = _objection_on_the_last_day(office, travel)
    contested = objection_of(objection).contested_case  # type: ignore[union-attr]
    take_up(office, objection)
    fire(objection, "hoorzitting_plannen", office.jurist, {"hoorzitting_op": "2026-05-28"})
    at(travel, "2026-05-28")
    fire(objection, "hoorzitting_gehouden", office.jurist, HEARD)
    event = fire(
        objection,
        "besluiten",
        office.jurist,
        {"resultaat": "gegrond", "motivering": "De trap is onveilig; opnieuw beslissen."},
    )

    new = db.session.scalars(sa.select(Case).where(Case.parent_id == objection.id)).one()
    assert event.data["nieuw_besluit"] == new.id
    assert new.case_type == "wmo_aanvraag"
    assert (new.person_id, new.intake_id) == (contested.person_id, contested.intake_id)
    assert new.team_id == office.wmo.id
    assert new.assignee_id == office.consulent.id
    assert new.events[0].data["heroverweging_van"] == contested.id
    assert _deadline(new, "beschikking").status == DeadlineStatus.RUNNING


@pytest.mark.parametrize("resultaat", ["ongegrond", "niet_ontvankelijk"])
def test_an_objection_that_is_not_upheld_opens_nothing(
    office: Office, travel: time_machine.Traveller, resultaat: str
) -> None:
    objection = _objection_on_the_last_day(office, travel)
    take_up(office, objection)
    fire(objection, "niet_horen", office.jurist, {"grond_niet_horen": "kennelijk_ongegrond"})
    event = fire(objection, "besluiten", office.jurist, {"resultaat": resultaat, "motivering": "."})

    assert "nieuw_besluit" not in event.data
    assert db.session.scalar(sa.select(sa.func.count()).where(Case.parent_id == objection.id)) == 0


def test_a_late_objection_that_is_not_excusable_can_only_be_niet_ontvankelijk(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-04-02")
    contested = refused_wmo(office)
    at(travel, "2026-05-26")
    late = lodge(office, contested, made_known="2026-04-02", received="2026-05-26")
    take_up(office, late)
    fire(late, "niet_horen", office.jurist, {"grond_niet_horen": "kennelijk_niet_ontvankelijk"})

    with pytest.raises(GuardFailed, match="niet verschoonbaar"):
        fire(late, "besluiten", office.jurist, {"resultaat": "ongegrond", "motivering": "."})
    fire(late, "besluiten", office.jurist, {"resultaat": "niet_ontvankelijk", "motivering": "."})
    assert late.result == "niet_ontvankelijk"


def test_a_late_but_excusable_objection_is_judged_on_its_merits(
    office: Office, travel: time_machine.Traveller
) -> None:
    at(travel, "2026-04-02")
    contested = refused_wmo(office)
    at(travel, "2026-05-26")
    excuse = "Mevrouw lag in het ziekenhuis tot 22 mei."
    late = lodge(office, contested, made_known="2026-04-02", received="2026-05-26", excuse=excuse)
    row = db.session.get(Objection, late.id)
    assert row is not None and not row.in_time and row.excused and row.excuse == excuse

    take_up(office, late)
    fire(late, "niet_horen", office.jurist, {"grond_niet_horen": "afgezien"})
    fire(late, "besluiten", office.jurist, {"resultaat": "ongegrond", "motivering": "."})
    assert late.result == "ongegrond"


def test_withdrawn_after_informal_contact_is_its_own_outcome_and_ends_the_term(
    office: Office, travel: time_machine.Traveller
) -> None:
    objection = _objection_on_the_last_day(office, travel)
    take_up(office, objection)
    fire(objection, "informeel_contact", office.jurist, {"toelichting": "Gebeld met mevrouw."})
    fire(
        objection,
        "informeel_opgelost",
        office.jurist,
        {"verslag": "Uitgelegd dat een trapleuning wel kan; zij trekt het bezwaar in."},
    )

    assert objection.state == "opgelost_informeel"
    assert objection.result == "opgelost_informeel"
    assert _deadline(objection, "beslissing").outcome == Outcome.LAPSED
