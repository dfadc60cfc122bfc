"""Schuldhulp: admission, refusal and termination are beschikkingen (basis and bezwaar recorded),
decided within the term of the municipality's own regulation, else Awb 4:13."""

from datetime import date

import pytest
import time_machine
from flask.testing import FlaskClient

from caseflow.models import Case
from caseflow.workflow.deadline_effects import explain_deadline
from caseflow.workflow.engine import fire
from caseflow.workflow.errors import InvalidData
from tests.offices import MakeOffice, Office, login
from tests.workflow.helpers import deadline, go_to, open_case

MUNICIPALITY = "gulpen-wittem"
BEZWAAR = "Mogelijk binnen 6 weken na de bekendmaking (Awb 6:7 en 6:8)"


def _after_first_conversation(office: Office) -> Case:
    case = open_case("schuldhulp", office)
    fire(case, "eerste_gesprek_voeren", office.consulent, {"verslag": "Huurachterstand."})
    return case


def test_admission_is_a_beschikking_with_its_basis_and_bezwaar(
    office: Office, client: FlaskClient
) -> None:
    case = _after_first_conversation(office)
    with pytest.raises(InvalidData) as info:
        fire(case, "toelaten", office.consulent, {})
    assert info.value.field_errors == {"motivering": "Motivering is verplicht."}
    fire(case, "toelaten", office.consulent, {"motivering": "Problematische schulden."})
    assert case.state == "toegelaten"
    assert case.events[-1].data == {
        "motivering": "Problematische schulden.",
        "beschikking": "Toelaten (beschikking)",
        "grondslag": "Wet gemeentelijke schuldhulpverlening; Awb 1:3",
        "bezwaar": BEZWAAR,
        "brief": "Beschikking: toelating schuldhulpverlening",
    }
    login(client, office.consulent)
    page = client.get(f"/zaken/{case.id}").get_data(as_text=True)
    assert "Grondslag: Wet gemeentelijke schuldhulpverlening; Awb 1:3" in page
    assert f"Bezwaar: {BEZWAAR}" in page


def test_refusal_closes_the_case_as_a_beschikking_in_time(office: Office) -> None:
    case = _after_first_conversation(office)
    fire(case, "weigeren", office.consulent, {"motivering": "Eerdere schuldregeling in 2024."})
    assert (case.state, case.result, case.is_closed) == ("geweigerd", "geweigerd", True)
    assert case.events[-1].data["grondslag"] == (
        "Wet gemeentelijke schuldhulpverlening, art. 3; Awb 1:3"
    )
    assert case.events[-1].data["bezwaar"] == BEZWAAR
    assert (deadline(case, "toelating").status, deadline(case, "toelating").outcome) == (
        "stopped",
        "in_time",
    )


def test_termination_names_its_reason_and_is_a_beschikking(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = _after_first_conversation(office)
    fire(case, "toelaten", office.consulent, {"motivering": "Problematische schulden."})
    fire(case, "plan_vastleggen", office.consulent, {"plan": "Budgetbeheer."})
    fire(case, "traject_starten", office.consulent)
    go_to(travel, date(2026, 6, 1))
    with pytest.raises(InvalidData) as info:
        fire(case, "beeindigen", office.consulent, {"motivering": "Geen contact meer."})
    assert set(info.value.field_errors) == {"beeindigingsgrond"}
    fire(
        case,
        "beeindigen",
        office.consulent,
        {"beeindigingsgrond": "geen_medewerking", "motivering": "Drie afspraken gemist."},
    )
    assert (case.state, case.result) == ("beeindigd", "beeindigd")
    data = case.events[-1].data
    assert (data["beeindigingsgrond"], data["beschikking"], data["bezwaar"]) == (
        "geen_medewerking",
        "Beëindigen (beschikking)",
        BEZWAAR,
    )


def test_without_a_regulation_the_awb_term_applies_and_the_atw_moves_it(
    office: Office, travel: time_machine.Traveller
) -> None:
    go_to(travel, date(2026, 3, 30))
    toelating = deadline(open_case("schuldhulp", office), "toelating")
    # Eight weeks end on Whit Monday 25 May: Atw art. 1 gives Tuesday 26 May.
    assert (toelating.label, toelating.basis) == (
        "Besluit over de toelating binnen 8 weken",
        "Awb 4:13 lid 2",
    )
    assert toelating.due_date == date(2026, 5, 26)


def test_a_municipalitys_regulation_sets_its_own_term_without_the_atw(
    make_office: MakeOffice, travel: time_machine.Traveller
) -> None:
    go_to(travel, date(2026, 3, 30))
    eijsden = make_office("eijsden-margraten")
    toelating = deadline(open_case("schuldhulp", eijsden), "toelating")
    assert (toelating.label, toelating.basis, toelating.kind) == (
        "Besluit over de toelating binnen 4 weken",
        "Verordening schuldhulpverlening Eijsden-Margraten (beslistermijn)",
        "legal",
    )
    # Four weeks end on King's Day, Monday 27 April; a regulation's term does not move.
    assert toelating.due_date == date(2026, 4, 27)
    assert explain_deadline(toelating, date(2026, 3, 30))[-2:] == [
        "Deze termijn staat in een gemeentelijke verordening: de Algemene termijnenwet geldt "
        "niet, dus de termijn blijft op maandag 27 april 2026.",
        "Uiterste datum: maandag 27 april 2026.",
    ]
