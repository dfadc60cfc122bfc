"""A household is its members, each from a day until a day: the director adds a partner and the
children (found within scope or new), ends a membership or moves a member to a household of
their own; the plan's members follow, the agreement names who agreed, and the network around
the household is kept with contact details and a period."""

import html
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Household, HouseholdMember, HouseholdPlan, Person
from caseflow.plans.members import MemberInput, add_member, end_membership, find_people, move_member
from caseflow.plans.network import RelationInput, add_relation
from caseflow.workflow.errors import InvalidData, NotAuthorised
from tests.offices import Office, login
from tests.plans.helpers import concept_plan

VALID_BSN = "111222333"


def _page(client: FlaskClient, url: str) -> str:
    return html.unescape(client.get(url).get_data(as_text=True))


def _child(given: str, born: date, **extra: object) -> MemberInput:
    return MemberInput(
        relation="kind",
        started_on=born,
        given_names=given,
        family_name="Peters",
        date_of_birth=born,
        **extra,  # type: ignore[arg-type]
    )


def test_the_director_adds_a_partner_and_two_children_on_the_household_page(
    client: FlaskClient, office: Office
) -> None:
    plan = concept_plan(office)
    household = plan.household
    login(client, office.regisseur)
    url = f"/regie/huishoudens/{household.id}/leden"
    for given, relation, born in (
        ("Kees", "partner", "1973-08-30"),
        ("Daan", "kind", "2012-01-15"),
        ("Noor", "kind", "2015-06-01"),
    ):
        response = client.post(
            url,
            data={
                "lid-relation": relation,
                "lid-started_on": "2026-01-01" if relation == "partner" else born,
                "lid-given_names": given,
                "lid-family_name": "Peters",
                "lid-date_of_birth": born,
                "lid-join_plan": "y",
            },
        )
        assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    household = db.session.get_one(Household, household.id)
    assert [(m.person.given_names, m.relation) for m in household.members] == [
        ("Anna", "aanvrager"),
        ("Kees", "partner"),
        ("Daan", "kind"),
        ("Noor", "kind"),
    ]
    kees = household.members[1].person
    assert (kees.postcode, kees.municipality_id) == ("6212 AB", office.maastricht.id)  # same home
    plan = db.session.get_one(HouseholdPlan, plan.id)
    assert {p.given_names for p in plan.members} == {"Anna", "Kees", "Daan", "Noor"}
    assert plan.versions[-1].summary == "Noor Peters doet mee aan het plan"
    page = _page(client, f"/regie/huishoudens/{household.id}")
    assert (
        '<td class="utrecht-table__cell">Noor Peters</td>' in page
        and '<td class="utrecht-table__cell">Kind</td>' in page
    )
    # The children have no case of their own; the director sees them through the household.
    assert client.get(f"/clienten/{kees.id}").status_code == 200


def test_bad_input_is_refused_beside_its_field_and_nothing_is_added(
    client: FlaskClient, office: Office
) -> None:
    plan = concept_plan(office)
    login(client, office.regisseur)
    response = client.post(
        f"/regie/huishoudens/{plan.household_id}/leden",
        data={"lid-relation": "", "lid-started_on": "2099-01-01", "lid-bsn": "123"},
    )
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert 'id="lid-relation-fout">Kies hoe deze persoon bij het huishouden hoort.' in page
    assert 'id="lid-started_on-fout">Deze datum ligt in de toekomst.' in page
    assert 'id="lid-given_names-fout">Vul de voornamen in.' in page
    assert 'id="lid-bsn-fout">Een BSN bestaat uit precies 9 cijfers.' in page
    assert db.session.scalar(sa.select(sa.func.count(HouseholdMember.id))) == 1


def test_a_member_is_found_within_scope_and_a_known_bsn_is_the_same_person(
    office: Office,
) -> None:
    plan = concept_plan(office)
    director = office.regisseur
    # Someone of another household, unknown to the director: not found by name ...
    stranger = Person(
        given_names="Kees",
        family_name="Peters",
        bsn=VALID_BSN,
        date_of_birth=date(1973, 8, 30),
        municipality_id=office.maastricht.id,
    )
    db.session.add(stranger)
    db.session.flush()
    assert find_people(director, "Kees Peters") == []
    assert [p.full_name for p in find_people(office.toegang, VALID_BSN)] == ["Kees Peters"]
    # ... but a BSN with the same name and birth date is that person, not a second one.
    with pytest.raises(InvalidData) as wrong:
        add_member(
            plan.household,
            director,
            MemberInput(
                "partner",
                date(2026, 1, 1),
                bsn=VALID_BSN,
                given_names="Kees",
                family_name="Pieters",
                date_of_birth=date(1973, 8, 30),
            ),
        )
    assert "andere naam of geboortedatum" in wrong.value.field_errors["bsn"]
    row = add_member(
        plan.household,
        director,
        MemberInput(
            "partner",
            date(2026, 1, 1),
            bsn=VALID_BSN,
            given_names="Kees",
            family_name="Peters",
            date_of_birth=date(1973, 8, 30),
        ),
    )
    assert row.person_id == stranger.id
    assert [p.full_name for p in find_people(director, "kees")] == ["Kees Peters"]
    # Someone already at home here is not added twice.
    with pytest.raises(InvalidData) as twice:
        add_member(
            plan.household, director, MemberInput("kind", clock.today(), person_id=stranger.id)
        )
    assert "hoort al bij dit huishouden" in twice.value.field_errors["person_id"]


def test_only_the_director_or_the_team_manager_changes_the_household(
    client: FlaskClient, office: Office
) -> None:
    plan = concept_plan(office)
    with pytest.raises(NotAuthorised):
        add_member(plan.household, office.collega_regisseur, _child("Daan", date(2012, 1, 15)))
    add_member(plan.household, office.teammanager, _child("Daan", date(2012, 1, 15)))
    login(client, office.wmo_consulent)
    response = client.post(
        f"/regie/huishoudens/{plan.household_id}/leden",
        data={
            "lid-relation": "kind",
            "lid-started_on": "2026-01-01",
            "lid-given_names": "X",
            "lid-family_name": "Y",
        },
    )
    assert response.status_code == 403


def test_a_member_who_leaves_keeps_the_past_membership_and_leaves_the_plan(
    client: FlaskClient, office: Office
) -> None:
    plan = concept_plan(office)
    kees = add_member(
        plan.household,
        office.regisseur,
        MemberInput("partner", date(2025, 6, 1), given_names="Kees", family_name="Peters"),
    )
    with pytest.raises(InvalidData) as early:
        end_membership(kees, office.regisseur, date(2025, 1, 1), "Uit elkaar")
    assert early.value.field_errors["ended_on"] == (
        "Deze persoon hoort pas sinds 01-06-2025 bij het huishouden."
    )
    end_membership(kees, office.regisseur, clock.today(), "Uit elkaar")
    db.session.expire_all()
    household = db.session.get_one(Household, plan.household_id)
    assert [m.person.given_names for m in household.members] == ["Anna"]
    assert [(m.person.given_names, m.ended_on, m.end_reason) for m in household.history] == [
        ("Kees", clock.today(), "Uit elkaar"),  # joined in 2025, before the household registered
        ("Anna", None, None),
    ]
    assert [p.given_names for p in db.session.get_one(HouseholdPlan, plan.id).members] == ["Anna"]
    login(client, office.regisseur)
    page = _page(client, f"/regie/huishoudens/{plan.household_id}")
    assert "Eerdere leden" in page and "Uit elkaar" in page
    # The last member cannot leave: the household would be nobody.
    with pytest.raises(InvalidData) as last:
        end_membership(household.members[0], office.regisseur, clock.today(), "Verhuisd")
    assert last.value.field_errors["ended_on"].startswith("Een huishouden houdt minstens één lid.")


def test_a_grown_up_child_moves_to_a_household_of_their_own(office: Office) -> None:
    plan = concept_plan(office)
    daan = add_member(plan.household, office.regisseur, _child("Daan", date(2005, 1, 15)))
    moved_on = clock.today() - timedelta(days=3)
    row = move_member(daan, office.regisseur, moved_on, new_household_name="Huishouden Daan Peters")
    db.session.expire_all()
    old = db.session.get_one(HouseholdMember, daan.id)
    assert (old.ended_on, old.end_reason) == (moved_on, "Verhuisd naar Huishouden Daan Peters")
    new = db.session.get_one(HouseholdMember, row.id)
    assert (new.household.name, new.relation, new.started_on) == (
        "Huishouden Daan Peters",
        "aanvrager",
        moved_on,
    )
    assert new.household.municipality_id == plan.household.municipality_id
    assert [m.person.given_names for m in new.person.memberships] == ["Daan"]


def test_the_agreement_and_the_printed_plan_name_the_members_who_agreed(
    client: FlaskClient, office: Office
) -> None:
    plan = concept_plan(office)
    kees = add_member(
        plan.household,
        office.regisseur,
        MemberInput(
            "partner",
            date(2026, 1, 1),
            given_names="Kees",
            family_name="Peters",
            date_of_birth=date(1973, 8, 30),
        ),
    )
    anna = plan.household.members[0].person
    login(client, office.regisseur)
    form = _page(client, f"/plannen/{plan.id}")
    assert "Wie gaven akkoord?" in form and "Kees Peters" in form
    response = client.post(
        f"/plannen/{plan.id}/afstemmen",
        data={
            "akkoord-agreed_on": "2026-03-02",
            "akkoord-how": "schriftelijk",
            "akkoord-agreed_by_ids": [str(anna.id), str(kees.person_id)],
            "akkoord-next_evaluation_on": "2026-05-25",
        },
    )
    assert response.status_code == 302
    shown = _page(client, f"/plannen/{plan.id}")
    assert "met Kees Peters, Anna Peters" in shown  # the eldest first
    printed = _page(client, f"/plannen/{plan.id}/afdrukken")
    assert "Kees Peters en Anna Peters gingen akkoord" in printed


def test_the_network_keeps_who_is_involved_with_contact_details_and_a_period(
    client: FlaskClient, office: Office
) -> None:
    plan = concept_plan(office)
    anna = plan.members[0]
    with pytest.raises(InvalidData) as missing:
        add_relation(
            plan.household,
            anna,
            office.regisseur,
            RelationInput("professional", "Dr. Smeets", None, "Huisarts", None, None, None),
        )
    assert missing.value.field_errors == {
        "organisation": "Vul de organisatie van de professional in.",
        "phone": "Vul een telefoonnummer of e-mailadres in, zodat het team contact kan opnemen.",
        "started_on": "Vul in sinds wanneer deze persoon betrokken is.",
    }
    login(client, office.regisseur)
    response = client.post(
        f"/regie/huishoudens/{plan.household_id}/netwerk",
        data={
            "netwerk-person_id": str(anna.id),
            "netwerk-kind": "bewindvoerder",
            "netwerk-name": "Mr. J. Coenen",
            "netwerk-organisation": "Bewindvoering Zuid",
            "netwerk-phone": "043 321 00 00",
            "netwerk-started_on": "2025-11-01",
        },
    )
    assert response.status_code == 302
    page = _page(client, f"/regie/huishoudens/{plan.household_id}")
    assert "Wettelijk vertegenwoordiger: beschermingsbewindvoerder" in page
    assert "043 321 00 00" in page and "01-11-2025 – nu" in page
    dossier = _page(client, f"/clienten/{anna.id}")
    assert "Mr. J. Coenen, Bewindvoering Zuid" in dossier
