"""Integraal gebiedsteam: triage in the casusoverleg, one regisseur, one plan; or send it back."""

from datetime import date

import pytest
import sqlalchemy as sa
import time_machine

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, Household, HouseholdDirector, HouseholdMember
from caseflow.workflow.engine import assign, fire
from caseflow.workflow.errors import GuardFailed, InvalidData
from tests.offices import Office
from tests.workflow.helpers import due_dates, go_to, open_case, outcomes


def test_triage_assigns_a_regisseur_who_makes_the_plan(
    office: Office, travel: time_machine.Traveller
) -> None:
    case = open_case("gebiedsteam", office, starter=office.toegang)
    # Registered Monday 2 March: 10 working days is Monday 16 March, 6 weeks Monday 13 April.
    assert due_dates(case) == {"triage": date(2026, 3, 16), "plan": date(2026, 4, 13)}
    fire(case, "agenderen", office.consulent, {"casusoverleg_op": "2026-03-10"})
    assert case.state == "triage"
    go_to(travel, date(2026, 3, 10))
    household = Household(name="Huishouden Jansen", municipality=office.gemeente)
    household.members.append(HouseholdMember(person=office.client, relation="aanvrager"))
    case.household = household
    db.session.commit()
    # The consulent who registered the case holds it; the household needs its one regisseur.
    with pytest.raises(GuardFailed) as info:
        fire(case, "regisseur_toewijzen", office.teammanager, {"verslag": "Wmo, schulden, jeugd."})
    assert info.value.reasons == [
        "Wijs eerst een regisseur toe als behandelaar.",
        "Het huishouden heeft nog geen regisseur; die wijst het casusoverleg toe.",
    ]
    db.session.add(
        HouseholdDirector(household=household, director=office.regisseur, started_at=clock.now())
    )
    assign(case, office.regisseur, office.teammanager, reason="Casusoverleg 10 maart")
    fire(case, "regisseur_toewijzen", office.teammanager, {"verslag": "Wmo, schulden en jeugd."})
    assert case.state == "regisseur_toegewezen"
    assert outcomes(case) == {"triage": ("stopped", "in_time"), "plan": ("running", None)}
    go_to(travel, date(2026, 4, 14))
    fire(case, "plan_vastleggen", office.regisseur, {"plan": "Eerst rust in de financiën."})
    assert outcomes(case)["plan"] == ("stopped", "late")  # one day after the 6 weeks
    fire(case, "afsluiten", office.regisseur, {"resultaat": "gezinsplan"})
    assert (case.state, case.result) == ("afgesloten", "gezinsplan")


def test_single_domain_question_is_sent_back(
    office: Office, travel: time_machine.Traveller
) -> None:
    go_to(travel, date(2026, 3, 31))
    case = open_case("gebiedsteam", office)
    # Ten working days from Tuesday 31 March skip Good Friday and Easter Monday.
    assert due_dates(case) == {"triage": date(2026, 4, 16), "plan": date(2026, 5, 12)}
    fire(case, "agenderen", office.consulent, {"casusoverleg_op": "2026-04-07"})
    go_to(travel, date(2026, 4, 7))
    with pytest.raises(InvalidData) as info:
        fire(case, "terugsturen", office.consulent)
    assert set(info.value.field_errors) == {"reden", "domein"}
    fire(case, "terugsturen", office.consulent, {"reden": "Alleen een Wmo-vraag.", "domein": "wmo"})
    assert (case.state, case.closed_at is not None) == ("teruggestuurd", True)
    assert outcomes(case) == {"triage": ("stopped", "lapsed"), "plan": ("stopped", "lapsed")}
    # A single question is handled single: the Wmo melding opens at once for the same client.
    melding = db.session.scalars(sa.select(Case).where(Case.parent_id == case.id)).one()
    assert (melding.case_type, melding.person_id) == ("wmo_melding", case.person_id)
