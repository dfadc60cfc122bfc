"""Stapeling in view: the client dossier lists what a person and their household receive at once,
across domains, flags more than the municipality's limit, and asks about the Wlz above its
threshold of Wmo hours."""

import html
import re
from datetime import date

import time_machine
from flask.testing import FlaskClient

from caseflow import unit_of_work
from caseflow.extensions import db
from caseflow.models import CatalogueSettings, Household, HouseholdMember
from caseflow.provisions.stacking import stacking_for
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import Factory
from tests.offices import Office, login
from tests.provisions.helpers import Catalogue, decide, ready_to_decide, row


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _benefit(office: Office) -> None:
    case = start_case(
        "pw_aanvraag",
        municipality=office.maastricht,
        actor=office.consulent,
        person=office.client,
        team=office.participatie,
    )
    assign(case, office.consulent, office.consulent)
    fire(case, "aanvraag_ontvangen", office.consulent)
    fire(case, "oppakken", office.consulent)
    fire(
        case,
        "besluiten",
        office.consulent,
        {
            "resultaat": "toegekend",
            "motivering": "Geen inkomen.",
            "ingangsdatum": "2026-03-02",
            "arbeidsvermogen": "verminderd",
        },
    )
    unit_of_work.commit()


def _much(office: Office, catalogue: Catalogue) -> None:
    """12 hours of household help and 10 of guidance, a stairlift, and a benefit."""
    decide(
        ready_to_decide(office),
        [
            row(catalogue.household, "12", "2026-03-02", "2027-03-01"),
            row(catalogue.guidance, "10", "2026-03-02", "2027-03-01"),
            row(catalogue.stairlift, "1", "2026-03-02", aanbieder=str(catalogue.group.id)),
        ],
    )
    _benefit(office)


def test_the_dossier_lists_what_runs_across_domains_and_flags_stapeling_and_the_wlz(
    client: FlaskClient, office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    _much(office, catalogue)
    login(client, office.consulent)
    page = _text(client.get(f"/clienten/{office.client.id}").text)
    assert "Lopende voorzieningen en uitkeringen" in page
    assert (
        "Maria Smeets Voorziening Wmo Hulp bij het huishouden, zorg in natura door Thuiszorg "
        "Heuvelland, 12 uur per week, van 2 maart 2026 tot en met 1 maart 2027" in page
    )
    assert (
        "Maria Smeets Uitkering Participatie en inkomen Participatiewet, vanaf 2 maart 2026" in page
    )
    # Four at once is more than the default limit of three.
    assert (
        "Stapeling: Maria Smeets heeft 4 voorzieningen en uitkeringen tegelijk (meer dan 3)" in page
    )
    # 22 hours of Wmo support a week is more than the default threshold of 20.
    assert (
        "Past het in de Wlz? De Wmo-ondersteuning van Maria Smeets is samen 22 uur per week" in page
    )


def test_the_municipalitys_own_limits_and_an_ended_provision(
    office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    _much(office, catalogue)
    db.session.add(
        CatalogueSettings(
            municipality_id=office.maastricht.id, stacking_limit=4, wlz_hours_per_week=24
        )
    )
    unit_of_work.commit()
    now = stacking_for(office.client, date(2026, 3, 2))
    assert (len(now.own), now.person_stacked, now.ask_wlz) == (4, False, False)
    later = stacking_for(office.client, date(2027, 3, 2))  # the hours have ended
    assert [r.what for r in later.rows] == ["Voorziening", "Uitkering"]
    assert later.wmo_hours == 0


def test_a_household_counts_together(
    office: Office, catalogue: Catalogue, factory: Factory, travel: time_machine.Traveller
) -> None:
    _much(office, catalogue)
    son = factory.person(office.maastricht, "Smeets", given_names="Joep")
    household = Household(name="Huishouden Smeets", municipality=office.maastricht)
    household.members = [
        HouseholdMember(person=office.client, relation="aanvrager"),
        HouseholdMember(person=son, relation="kind"),
    ]
    db.session.add(household)
    db.session.commit()
    case = start_case(
        "jeugd",
        municipality=office.maastricht,
        actor=office.consulent,
        person=son,
        team=office.jeugd,
    )
    assign(case, office.consulent, office.consulent)
    fire(case, "oppakken", office.consulent)
    fire(
        case,
        "verslag_vastleggen",
        office.consulent,
        {"gespreksvorm": "gezinsgesprek", "verslag": "Joep heeft ambulante hulp nodig."},
    )
    unit_of_work.commit(keep_loaded=True)
    decide(case, [row(catalogue.youth, "2", "2026-03-02", "2026-12-31")])
    view = stacking_for(son, date(2026, 3, 2))
    assert [r.person.given_names for r in view.rows] == ["Maria", "Maria", "Maria", "Joep", "Maria"]
    assert (view.person_stacked, view.household_stacked) == (False, True)


def test_only_what_the_reader_may_see_is_listed(
    client: FlaskClient, office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    _much(office, catalogue)
    login(client, office.collega)  # Team Wmo only: the income case is not theirs to see
    page = _text(client.get(f"/clienten/{office.client.id}").text)
    assert "Hulp bij het huishouden" in page
    assert "Participatiewet, vanaf" not in page
