"""The legal clock starts at the melding: the first contact at the front door, however late the
domain case is opened after the gebiedsteam passed the question on."""

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow.deadlines.app_calendar import CALENDAR_KEY
from caseflow.extensions import db
from caseflow.intake import IntakeData, record_intake
from caseflow.models import Case, Role
from caseflow.workflow.deadline_effects import explain_deadline
from caseflow.workflow.engine import assign, fire, start_case
from caseflow.workflow.errors import InvalidData
from tests.factories import Factory
from tests.offices import Colleague, District, Office, Town, build_office, login
from tests.workflow.helpers import confirm_melding, deadline, go_to, hand_over_report

GOOD_FRIDAY = date(2026, 4, 3)
THREE_WEEKS_LATER = date(2026, 4, 24)


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    """Maastricht's front door, an area team, and the Wmo, Jeugd and schuldhulp teams."""
    town = Town(
        "maastricht",
        teams={"wmo": "Team Wmo", "jeugd": "Team Jeugd", "schuldhulp": "Team Schuldhulp"},
        front_door="Centrale toegang",
        districts=(District("noordwest", "Noordwest", 6211, 6216, "Gebiedsteam Noordwest"),),
    )
    staff = [
        Colleague("toegang", [Role.TOEGANG], ["front_door"]),
        Colleague("regisseur", [Role.REGISSEUR, Role.CONSULENT], ["team_noordwest"]),
        Colleague("wmo_consulent", [Role.CONSULENT], ["wmo"]),
        Colleague("jeugd_consulent", [Role.CONSULENT], ["jeugd"]),
        Colleague("schuldhulp_consulent", [Role.CONSULENT], ["schuldhulp"]),
    ]
    return build_office(factory, town, staff=staff)


@pytest.fixture
def friday_after_ascension_equated(app: Flask) -> Iterator[None]:
    """The installation equates Friday 15 May 2026 with a holiday (Atw art. 3 lid 3)."""
    before = app.config.get("EXTRA_HOLIDAYS", "")
    app.config["EXTRA_HOLIDAYS"] = "2026-05-15"
    app.extensions.pop(CALENDAR_KEY, None)
    yield
    app.config["EXTRA_HOLIDAYS"] = before
    app.extensions.pop(CALENDAR_KEY, None)


def _on(travel: time_machine.Traveller, day: date, hour: int = 10) -> None:
    """Move the frozen clock to `day` at `hour` o'clock in Amsterdam (summer time)."""
    travel.move_to(datetime(day.year, day.month, day.day, hour - 2, tzinfo=UTC))


def _intake(office: Office, factory: Factory, outcome: str, **extra: object) -> Case:
    person = factory.person(office.maastricht, postcode="6212 AB")
    data = IntakeData(
        channel=str(extra.pop("channel", "telefoon")),
        question="Ik kan de huur niet meer betalen en kom de trap niet op.",
        underlying_question="Schulden, wonen en zorg lopen door elkaar.",
        outcome=outcome,
        person_id=person.id,
        **extra,  # type: ignore[arg-type]
    )
    return record_intake(data, office.toegang)


def _follow_up(case: Case) -> Case:
    return db.session.scalars(sa.select(Case).where(Case.parent_id == case.id)).one()


def _sent_back_from_the_area_team(
    office: Office, factory: Factory, travel: time_machine.Traveller, domain: str
) -> Case:
    """An intake on Good Friday goes to the gebiedsteam; three weeks later the team sends it
    back to one domain, whose case opens that day."""
    _on(travel, GOOD_FRIDAY)
    front_door = _intake(office, factory, "gebiedsteam")
    area_case = _follow_up(front_door)
    _on(travel, THREE_WEEKS_LATER)
    fire(
        area_case,
        "terugsturen",
        office.regisseur,
        {"reden": "Toch één vraag.", "domein": domain},
    )
    return _follow_up(area_case)


def test_wmo_onderzoek_runs_six_weeks_from_the_intake_and_the_page_says_so(
    office: Office, factory: Factory, travel: time_machine.Traveller, client: FlaskClient
) -> None:
    melding = _sent_back_from_the_area_team(office, factory, travel, "wmo")
    assert melding.case_type == "wmo_melding"
    assert (melding.melding_date, melding.melding_via) == (GOOD_FRIDAY, "bij de centrale toegang")
    onderzoek = deadline(melding, "onderzoek")
    # Six weeks from Good Friday 3 April, not from the opening on 24 April (5 June).
    assert (onderzoek.start_date, onderzoek.due_date) == (GOOD_FRIDAY, date(2026, 5, 15))
    # The personal plan's seven days ran out before the Wmo case even opened.
    assert deadline(melding, "persoonlijk_plan").due_date == date(2026, 4, 10)
    assert explain_deadline(onderzoek, THREE_WEEKS_LATER) == [
        "Gemeld bij de centrale toegang op vrijdag 3 april 2026.",
        "Een melding is vormvrij en wie haar aanneemt, handelt namens het college: de "
        "termijn telt vanaf de melding, niet vanaf het openen van deze zaak op vrijdag "
        "24 april 2026.",
        "Termijn van 6 weken: loopt tot vrijdag 15 mei 2026.",
        "Uiterste datum: vrijdag 15 mei 2026.",
    ]
    login(client, office.wmo_consulent)
    page = client.get(f"/zaken/{melding.id}").get_data(as_text=True)
    assert "Gemeld bij de centrale toegang op vrijdag 3 april 2026." in page
    assert "niet vanaf het openen van deze zaak op vrijdag 24 april 2026" in page
    assert "<dt>Meldingsdatum</dt><dd>03-04-2026, gemeld bij de centrale toegang</dd>" in page
    assert "Onderzoek binnen 6 weken na de melding" in page


def test_a_term_ending_on_a_holiday_moves_by_the_atw(
    office: Office,
    factory: Factory,
    travel: time_machine.Traveller,
    friday_after_ascension_equated: None,
) -> None:
    melding = _sent_back_from_the_area_team(office, factory, travel, "wmo")
    onderzoek = deadline(melding, "onderzoek")
    # Friday 15 May is equated with a holiday here, so Atw art. 1 gives Monday 18 May.
    assert onderzoek.due_date == date(2026, 5, 18)
    assert explain_deadline(onderzoek, THREE_WEEKS_LATER)[-2:] == [
        "Vrijdag 15 mei 2026 is een bij koninklijk besluit met een feestdag gelijkgestelde dag; "
        "volgens de Algemene termijnenwet (art. 1) schuift de termijn door naar "
        "maandag 18 mei 2026.",
        "Uiterste datum: maandag 18 mei 2026.",
    ]


def test_an_intake_on_maundy_thursday_ends_on_ascension_day_and_moves_a_day(
    office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    _on(travel, date(2026, 4, 2))
    front_door = _intake(office, factory, "domein", domain="wmo")
    _on(travel, THREE_WEEKS_LATER)
    melding = _follow_up(front_door)
    # Thursday 14 May is Hemelvaartsdag: Atw art. 1 gives Friday 15 May.
    assert deadline(melding, "onderzoek").due_date == date(2026, 5, 15)


def test_wgs_first_conversation_counts_from_the_intake_also_under_threat(
    office: Office, factory: Factory, travel: time_machine.Traveller, client: FlaskClient
) -> None:
    schuldhulp = _sent_back_from_the_area_team(office, factory, travel, "schuldhulp")
    consulent = office.schuldhulp_consulent
    assign(schuldhulp, consulent, consulent)
    # Four weeks from Good Friday: Friday 1 May, a week after the case opened.
    assert deadline(schuldhulp, "eerste_gesprek").due_date == date(2026, 5, 1)
    go_to(travel, date(2026, 4, 28))  # Monday 27 April is King's Day
    fire(schuldhulp, "dreiging_vastleggen", consulent, {"dreiging": "huisuitzetting"})
    threat = deadline(schuldhulp, "eerste_gesprek_dreiging")
    # The eviction was part of the question at the front door: three working days from Good
    # Friday, with Easter Monday not counted, end on Thursday 9 April, long before today.
    assert (threat.start_date, threat.due_date) == (GOOD_FRIDAY, date(2026, 4, 9))
    assert explain_deadline(threat, date(2026, 4, 28))[:2] == [
        "Gemeld bij de centrale toegang op vrijdag 3 april 2026.",
        "Een melding is vormvrij en wie haar aanneemt, handelt namens het college: de "
        "termijn telt vanaf de melding, niet vanaf dinsdag 28 april 2026, toen de termijn in "
        "deze zaak begon.",
    ]
    fire(schuldhulp, "eerste_gesprek_voeren", consulent, {"verslag": "Verhuurder gebeld."})
    # Legally late, though the conversation came a day after the threat was recorded here.
    assert (threat.outcome, deadline(schuldhulp, "eerste_gesprek").outcome) == ("late", "in_time")
    login(client, consulent)
    page = client.get(f"/zaken/{schuldhulp.id}").get_data(as_text=True)
    assert "<dt>Meldingsdatum</dt><dd>03-04-2026, gemeld bij de centrale toegang</dd>" in page
    assert "Eerste gesprek binnen 3 werkdagen bij dreiging" in page
    assert "toen de termijn in deze zaak begon" in page


def test_jeugd_onderzoek_counts_from_the_melding_and_the_decision_from_the_aanvraag(
    office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    jeugd = _sent_back_from_the_area_team(office, factory, travel, "jeugd")
    assert deadline(jeugd, "onderzoek").start_date == GOOD_FRIDAY
    beslissing = deadline(jeugd, "beslissing")  # Awb 4:13 counts from the aanvraag
    assert (beslissing.start_date, beslissing.counted_from) == (THREE_WEEKS_LATER, None)


def test_the_aanvraag_after_the_onderzoek_keeps_its_own_decision_term(
    office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    _on(travel, GOOD_FRIDAY)
    melding = _follow_up(_intake(office, factory, "domein", domain="wmo"))
    consulent = office.wmo_consulent
    assign(melding, consulent, consulent)
    confirm_melding(melding, consulent)
    fire(melding, "onderzoek_starten", consulent)
    fire(melding, "verslag_vastleggen", consulent, {"gespreksvorm": "huisbezoek", "verslag": "."})
    go_to(travel, date(2026, 5, 8))
    hand_over_report(melding, consulent)
    fire(melding, "onderzoek_afronden", consulent, {"resultaat": "aanvraag_volgt"})
    aanvraag = _follow_up(melding)
    assert aanvraag.melding_date == GOOD_FRIDAY  # handed on, and shown
    beschikking = deadline(aanvraag, "beschikking")  # Wmo 2015 art. 2.3.5: from the aanvraag
    assert (beschikking.start_date, beschikking.counted_from) == (date(2026, 5, 8), None)
    assert explain_deadline(beschikking, date(2026, 5, 8))[0] == "Ontvangen op vrijdag 8 mei 2026."


def test_a_call_centre_melding_before_the_intake_counts_from_that_day(
    office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    _on(travel, date(2026, 4, 7))
    front_door = _intake(
        office,
        factory,
        "domein",
        domain="wmo",
        channel="klantcontactcentrum",
        reported_on=date(2026, 3, 31),
    )
    melding = _follow_up(front_door)
    onderzoek = deadline(melding, "onderzoek")
    assert (onderzoek.start_date, onderzoek.due_date) == (date(2026, 3, 31), date(2026, 5, 12))
    assert explain_deadline(onderzoek, date(2026, 4, 7))[0] == (
        "Gemeld bij de gemeente (doorverwezen door klantcontactcentrum) op dinsdag 31 maart 2026."
    )


def test_a_melding_date_in_the_future_is_refused_beside_its_field(
    office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    with pytest.raises(InvalidData) as info:
        _intake(office, factory, "domein", domain="wmo", reported_on=date(2026, 3, 9))
    assert info.value.field_errors == {
        "reported_on": "De meldingsdatum mag niet in de toekomst liggen."
    }
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 0


def test_a_case_opened_directly_is_its_own_first_contact(
    office: Office, factory: Factory, travel: time_machine.Traveller
) -> None:
    _on(travel, GOOD_FRIDAY)
    front_door = _intake(office, factory, "gebiedsteam")
    area_case = _follow_up(front_door)
    _on(travel, THREE_WEEKS_LATER)
    # A new question found later (a plan action opens its case like this): not the intake's.
    later = start_case(
        "schuldhulp",
        municipality=office.maastricht,
        actor=office.regisseur,
        person=area_case.person,
        intake=area_case.intake,
        parent=area_case,
        team=office.schuldhulp,
    )
    first = deadline(later, "eerste_gesprek")
    assert (later.melding_date, first.start_date, first.counted_from) == (
        None,
        THREE_WEEKS_LATER,
        None,
    )
    assert explain_deadline(first, THREE_WEEKS_LATER)[0] == "Ontvangen op vrijdag 24 april 2026."
