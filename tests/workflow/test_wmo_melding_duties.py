"""Wmo 2015 art. 2.3.2: the receipt confirmed, the client told about the personal plan and free
client support, the report handed over; the onderzoek closes only when all are done. The receipt
and the report are letters, and a letter does its duty when it is sent, not when it is drafted."""

from datetime import date

import pytest
import time_machine
from flask.testing import FlaskClient

from caseflow.models import Case, CaseEvent
from caseflow.workflow.engine import available_triggers, fire
from caseflow.workflow.errors import GuardFailed, InvalidData
from tests.letters.helpers import drafted, send_drafted
from tests.offices import Office, login
from tests.workflow.helpers import go_to, open_case

RECEIPT = "Verstuur eerst de ontvangstbevestiging van de melding."
PLAN = (
    "Leg eerst vast dat de inwoner is gewezen op het recht om binnen 7 dagen na de melding "
    "een persoonlijk plan in te leveren."
)
SUPPORT = "Leg eerst vast dat de inwoner is gewezen op gratis cliëntondersteuning."
REPORT = "Verstuur eerst het verslag van het onderzoek aan de inwoner."
DUTIES = (
    "ontvangst_bevestigd_op",
    "persoonlijk_plan_aangeboden",
    "clientondersteuning_aangeboden",
    "verslag_verstrekt_op",
)


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


def _duties(event: CaseEvent) -> dict[str, object]:
    return {key: value for key, value in event.data.items() if key in DUTIES}


def test_a_drafted_letter_does_no_duty_and_sending_it_records_the_day(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = open_case("wmo_melding", office)
    _talked(case, office)
    assert _why_not_closing(case, office) == (RECEIPT, PLAN, SUPPORT, REPORT)

    fire(case, "ontvangst_bevestigen", office.consulent)
    assert case.events[-1].data == {"brief": "Ontvangstbevestiging melding"}
    # Drafted on Monday, nobody has received anything yet.
    assert _why_not_closing(case, office) == (RECEIPT, PLAN, SUPPORT, REPORT)
    go_to(travel, date(2026, 3, 4))
    send_drafted(case, office.consulent, "ontvangstbevestiging_melding")
    sent = case.events[-1]
    assert sent.trigger == "brief_verzonden"
    # The letter tells about the personal plan and client support, so both are recorded too.
    assert _duties(sent) == {
        "ontvangst_bevestigd_op": "2026-03-04",
        "persoonlijk_plan_aangeboden": True,
        "clientondersteuning_aangeboden": True,
    }
    assert _why_not_closing(case, office) == (REPORT,)

    fire(case, "verslag_verstrekken", office.consulent)
    assert _why_not_closing(case, office) == (REPORT,)
    go_to(travel, date(2026, 3, 20))
    send_drafted(case, office.consulent, "verslag_onderzoek")
    assert _duties(case.events[-1]) == {"verslag_verstrekt_op": "2026-03-20"}
    assert _why_not_closing(case, office) == ()
    fire(case, "onderzoek_afronden", office.consulent, {"resultaat": "geen_aanvraag"})
    assert (case.state, case.result) == ("onderzoek_afgerond", "geen_aanvraag")


def test_a_notice_given_in_a_conversation_is_an_action_of_its_own(office: Office) -> None:
    case = open_case("wmo_melding", office)
    with pytest.raises(InvalidData) as info:
        fire(case, "wijzen_op_clientondersteuning", office.consulent, {})
    assert info.value.field_errors == {
        "clientondersteuning_aangeboden": "Gewezen op gratis cliëntondersteuning is verplicht."
    }
    fire(
        case, "wijzen_op_persoonlijk_plan", office.consulent, {"persoonlijk_plan_aangeboden": "ja"}
    )
    fire(
        case,
        "wijzen_op_clientondersteuning",
        office.consulent,
        {"clientondersteuning_aangeboden": "ja"},
    )
    _talked(case, office)
    assert _why_not_closing(case, office) == (RECEIPT, REPORT)


def test_the_report_letter_needs_a_report(office: Office) -> None:
    case = open_case("wmo_melding", office)
    fire(case, "onderzoek_starten", office.consulent)
    with pytest.raises(GuardFailed, match="Leg eerst het verslag van het onderzoek vast"):
        fire(case, "verslag_verstrekken", office.consulent)


def test_on_the_case_page_the_confirmation_is_drafted_and_counts_once_sent(
    office: Office, travel: time_machine.Traveller, client: FlaskClient
) -> None:
    case = open_case("wmo_melding", office)
    login(client, office.consulent)
    page = client.get(f"/zaken/{case.id}").get_data(as_text=True)
    assert "Ontvangstbevestiging opstellen" in page
    # Nothing to fill in: the date is the day the letter is sent.
    assert 'id="ontvangst_bevestigen-ontvangst_bevestigd_op"' not in page
    response = client.post(
        f"/zaken/{case.id}/acties/ontvangst_bevestigen", data={"version": case.version}
    )
    assert response.status_code == 302
    fire(case, "onderzoek_starten", office.consulent)
    page = client.get(f"/zaken/{case.id}").get_data(as_text=True)
    assert "Nog niet verstuurd" in page
    assert (
        "<strong>Onderzoek afronden</strong>: nu niet mogelijk. "
        f"Leg eerst het verslag van het onderzoek vast. {RECEIPT} {PLAN} {SUPPORT} {REPORT}"
    ) in page

    letter = drafted(case, "ontvangstbevestiging_melding")
    sending = client.post(f"/zaken/{case.id}/brieven/{letter.id}/versturen")
    assert sending.status_code == 302
    page = client.get(f"/zaken/{case.id}").get_data(as_text=True)
    assert (
        "<strong>Onderzoek afronden</strong>: nu niet mogelijk. "
        f"Leg eerst het verslag van het onderzoek vast. {REPORT}"
    ) in page
    # The timeline says on which day the receipt was confirmed: the day the letter went out.
    assert "Ontvangst schriftelijk bevestigd op: 2 maart 2026" in page
