"""Wmo 2015 art. 2.3.2: the receipt confirmed, the client told about the personal plan and free
client support, the report handed over; the onderzoek closes only when all are recorded."""

from datetime import date

import pytest
import time_machine
from flask.testing import FlaskClient

from caseflow.models import Case
from caseflow.workflow.engine import available_triggers, fire
from caseflow.workflow.errors import GuardFailed, InvalidData
from tests.offices import Office, login
from tests.workflow.helpers import go_to, open_case

RECEIPT = "Leg eerst vast wanneer de ontvangst van de melding is bevestigd."
PLAN = (
    "Leg eerst vast dat de inwoner is gewezen op het recht om binnen 7 dagen na de melding "
    "een persoonlijk plan in te leveren."
)
SUPPORT = "Leg eerst vast dat de inwoner is gewezen op gratis cliëntondersteuning."
REPORT = "Leg eerst vast wanneer de inwoner het verslag van het onderzoek heeft gekregen."


def _why_not_closing(case: Case, office: Office) -> tuple[str, ...]:
    option = next(
        o for o in available_triggers(case, office.consulent) if o.trigger == "onderzoek_afronden"
    )
    return option.reasons


def _talked(case: Case, office: Office) -> None:
    fire(case, "onderzoek_starten", office.consulent)
    fire(
        case,
        "verslag_vastleggen",
        office.consulent,
        {"gespreksvorm": "keukentafelgesprek", "verslag": "Trap is het probleem."},
    )


def test_each_duty_is_one_action_and_closing_waits_for_all_of_them(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = open_case("wmo_melding", office)
    _talked(case, office)
    assert _why_not_closing(case, office) == (RECEIPT, PLAN, SUPPORT, REPORT)
    with pytest.raises(GuardFailed):
        fire(case, "onderzoek_afronden", office.consulent, {"resultaat": "geen_aanvraag"})

    fire(case, "ontvangst_bevestigen", office.consulent, {"ontvangst_bevestigd_op": "2026-03-02"})
    assert _why_not_closing(case, office) == (PLAN, SUPPORT, REPORT)
    fire(
        case, "wijzen_op_persoonlijk_plan", office.consulent, {"persoonlijk_plan_aangeboden": "ja"}
    )
    fire(
        case,
        "wijzen_op_clientondersteuning",
        office.consulent,
        {"clientondersteuning_aangeboden": "ja"},
    )
    assert _why_not_closing(case, office) == (REPORT,)
    go_to(travel, date(2026, 3, 20))
    fire(case, "verslag_verstrekken", office.consulent)
    assert case.events[-1].data == {
        "verslag_verstrekt_op": "2026-03-20",  # today, by default
        "brief": "Verslag van het onderzoek",  # drafted, to be sent from the case page
    }
    assert _why_not_closing(case, office) == ()
    fire(case, "onderzoek_afronden", office.consulent, {"resultaat": "geen_aanvraag"})
    assert (case.state, case.result) == ("onderzoek_afgerond", "geen_aanvraag")


def test_the_confirmation_letter_can_carry_both_notices(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = open_case("wmo_melding", office, starter=office.toegang)
    fire(
        case,
        "ontvangst_bevestigen",
        office.toegang,
        {"persoonlijk_plan_aangeboden": "ja", "clientondersteuning_aangeboden": "ja"},
    )
    assert case.events[-1].data == {
        "ontvangst_bevestigd_op": "2026-03-02",
        "persoonlijk_plan_aangeboden": True,
        "clientondersteuning_aangeboden": True,
        "brief": "Ontvangstbevestiging melding",
    }
    _talked(case, office)
    assert _why_not_closing(case, office) == (REPORT,)


def test_a_notice_not_ticked_is_not_recorded(office: Office) -> None:
    case = open_case("wmo_melding", office)
    with pytest.raises(InvalidData) as info:
        fire(case, "wijzen_op_clientondersteuning", office.consulent, {})
    assert info.value.field_errors == {
        "clientondersteuning_aangeboden": "Gewezen op gratis cliëntondersteuning is verplicht."
    }
    fire(case, "ontvangst_bevestigen", office.consulent, {"clientondersteuning_aangeboden": ""})
    _talked(case, office)
    assert SUPPORT in _why_not_closing(case, office)


def test_dates_of_what_was_done_cannot_lie_ahead(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = open_case("wmo_melding", office)
    with pytest.raises(GuardFailed, match="De datum mag niet in de toekomst liggen"):
        fire(
            case, "ontvangst_bevestigen", office.consulent, {"ontvangst_bevestigd_op": "2026-03-03"}
        )
    fire(case, "onderzoek_starten", office.consulent)
    # The report is handed over only once there is one.
    with pytest.raises(GuardFailed, match="Leg eerst het verslag van het onderzoek vast"):
        fire(case, "verslag_verstrekken", office.consulent)


def test_a_confirmation_sent_earlier_can_be_recorded_later(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = open_case("wmo_melding", office)
    go_to(travel, date(2026, 3, 9))
    fire(case, "ontvangst_bevestigen", office.consulent, {"ontvangst_bevestigd_op": "2026-03-03"})
    assert case.events[-1].data["ontvangst_bevestigd_op"] == "2026-03-03"


def test_on_the_case_page_a_duty_is_a_tick_and_a_date_already_filled_in(
    office: Office, travel: time_machine.Traveller, client: FlaskClient
) -> None:
    case = open_case("wmo_melding", office)
    login(client, office.consulent)
    page = client.get(f"/zaken/{case.id}").get_data(as_text=True)
    assert (
        '<input type="date" id="ontvangst_bevestigen-ontvangst_bevestigd_op" '
        'name="ontvangst_bevestigd_op" value="2026-03-02"'
    ) in page
    assert 'id="ontvangst_bevestigen-persoonlijk_plan_aangeboden"' in page
    response = client.post(
        f"/zaken/{case.id}/acties/ontvangst_bevestigen",
        data={
            "version": case.version,
            "ontvangst_bevestigd_op": "2026-03-02",
            "persoonlijk_plan_aangeboden": "ja",
            "clientondersteuning_aangeboden": "ja",
        },
    )
    assert response.status_code == 302
    fire(case, "onderzoek_starten", office.consulent)
    page = client.get(f"/zaken/{case.id}").get_data(as_text=True)
    # What is still missing, named beside the action: the report and handing it over.
    assert (
        "<strong>Onderzoek afronden</strong>: nu niet mogelijk. "
        f"Leg eerst het verslag van het onderzoek vast. {REPORT}"
    ) in page
