"""A partner sees only the actions given to its organisation, on the life domains the household
consented to, while the consent runs; it updates them with a note the director reads; every view
is in the processing log with its purpose; a withdrawn or lapsed consent ends the access."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import AccessLog, HouseholdPlan, PlanAction, PlanVersion, User
from caseflow.partners.work import actions_for
from caseflow.plans.consent import ConsentInput, record_consent, withdraw_consent
from caseflow.plans.content import ActionInput, add_action
from caseflow.unit_of_work import commit
from tests.offices import Office, login
from tests.plans.helpers import Cocreation, cocreation, partner
from tests.security.helpers import separate_sessions


@pytest.fixture
def world(app: Flask, office: Office) -> Iterator[Cocreation]:
    with separate_sessions(app):
        yield cocreation(office)


def _log(user: User) -> list[AccessLog]:
    return list(
        db.session.scalars(
            sa.select(AccessLog).where(AccessLog.actor_id == user.id).order_by(AccessLog.id)
        )
    )


def _health_action_for_the_kredietbank(world: Cocreation, director: User) -> PlanAction:
    """An action of the plan on a domain the household did not consent to share."""
    health = world.plan.goals[1]
    return add_action(
        world.plan,
        director,
        ActionInput(
            health.id,
            "Meegaan naar de fysiotherapeut",
            "partner",
            clock.today() + timedelta(days=14),
            partner_organisation_id=world.kredietbank.id,
        ),
    )


def test_the_partner_sees_only_its_own_actions_on_the_consented_domains(
    client: FlaskClient, office: Office, world: Cocreation
) -> None:
    health = _health_action_for_the_kredietbank(world, office.regisseur)
    commit()
    assert [a.id for a in actions_for(world.partner_user)] == [world.action.id]
    login(client, world.partner_user)
    home = client.get("/partner/")
    page = home.get_data(as_text=True)
    assert home.status_code == 200
    assert "Budgetbeheer starten" in page and "Huishouden Peters" in page
    assert "Meegaan naar de fysiotherapeut" not in page  # no consent for health
    assert "Schuldhulpmaatje" not in page  # Humanitas's action, a free-text partner
    assert "Budgetcoach zoeken" not in page  # the director's own action
    assert client.get(f"/partner/acties/{health.id}").status_code == 403
    refused = [r for r in _log(world.partner_user) if r.result == "denied"]
    assert [(r.case_id, r.purpose) for r in refused] == [
        (world.plan.case_id, "actie bekijken: geen toestemming (meer)")
    ]


def test_another_partner_with_consent_for_the_same_domain_sees_nothing_of_it(
    client: FlaskClient, office: Office, world: Cocreation
) -> None:
    woonpunt, other = partner(office, "Woonpunt", "woningcorporatie", "woonpunt", "Ilse Bours")
    record_consent(
        world.plan,
        office.regisseur,
        ConsentInput(
            partner_organisation_id=woonpunt.id,
            domains=["financien", "huisvesting"],
            information=None,
            valid_from=clock.today(),
            valid_until=None,
            given_how="mondeling",
            witness="Petra Vossen",
            giver_ids=[world.plan.members[0].id],
        ),
    )
    commit()
    assert actions_for(other) == []
    login(client, other)
    assert "Budgetbeheer" not in client.get("/partner/").get_data(as_text=True)
    assert client.get(f"/partner/acties/{world.action.id}").status_code == 403


def test_the_partner_updates_the_action_and_the_director_reads_the_note(
    client: FlaskClient, office: Office, world: Cocreation
) -> None:
    login(client, world.partner_user)
    versions = len(world.plan.versions)
    response = client.post(
        f"/partner/acties/{world.action.id}",
        data={"actie-state": "bezig", "actie-note": "Intake gehad; budgetplan volgt."},
    )
    assert response.status_code == 302
    db.session.expire_all()
    action = db.session.get_one(PlanAction, world.action.id)
    assert action.state == "bezig"
    assert [(n.text, n.partner_organisation_id) for n in action.notes] == [
        ("Intake gehad; budgetplan volgt.", world.kredietbank.id)
    ]
    plan = db.session.get_one(HouseholdPlan, world.plan.id)
    assert len(plan.versions) == versions + 1
    assert plan.versions[-1].summary == "Actie 'Budgetbeheer starten': Bezig (Kredietbank Limburg)"
    assert plan.versions[-1].author_id == world.partner_user.id
    # Nothing changed and nothing said: a Dutch message beside the note, nothing written.
    same = client.post(f"/partner/acties/{world.action.id}", data={"actie-state": "bezig"})
    assert same.status_code == 400
    assert "Er is niets veranderd" in same.get_data(as_text=True)
    client.post("/logout")
    login(client, office.regisseur)
    plan_page = client.get(f"/plannen/{world.plan.id}").get_data(as_text=True)
    assert "Kredietbank Limburg: Intake gehad; budgetplan volgt." in plan_page


def test_every_view_of_the_partner_is_logged_with_its_purpose(
    client: FlaskClient, world: Cocreation
) -> None:
    login(client, world.partner_user)
    client.get("/partner/")
    client.get(f"/partner/acties/{world.action.id}")
    rows = [r for r in _log(world.partner_user) if r.result == "ok"]
    applicant = world.plan.case.person_id
    assert [(r.action, r.person_id, r.case_id) for r in rows] == [
        ("view", applicant, world.plan.case_id),
        ("view", applicant, world.plan.case_id),
    ]
    assert rows[0].purpose == "actielijst door Kredietbank Limburg, toestemming van 02-03-2026"
    assert rows[1].purpose == "actie bekijken door Kredietbank Limburg, toestemming van 02-03-2026"


def test_withdrawing_consent_ends_the_access_at_once_and_the_attempt_is_logged(
    client: FlaskClient, office: Office, world: Cocreation
) -> None:
    login(client, world.partner_user)
    assert client.get(f"/partner/acties/{world.action.id}").status_code == 200
    withdraw_consent(world.consent, office.regisseur, clock.today(), "Wil het zelf doen.")
    commit()
    assert actions_for(world.partner_user) == []
    assert "Budgetbeheer" not in client.get("/partner/").get_data(as_text=True)
    assert client.get(f"/partner/acties/{world.action.id}").status_code == 403
    post = client.post(f"/partner/acties/{world.action.id}", data={"actie-state": "klaar"})
    assert post.status_code == 403
    assert db.session.get_one(PlanAction, world.action.id).state == "open"
    refused = [r for r in _log(world.partner_user) if r.result == "denied"]
    assert [(r.action, r.case_id) for r in refused] == [
        ("view", world.plan.case_id),
        ("change", world.plan.case_id),
    ]
    summaries = db.session.scalars(
        sa.select(PlanVersion.summary).where(PlanVersion.plan_id == world.plan.id)
    ).all()
    assert "Toestemming ingetrokken: Kredietbank Limburg" in summaries


def test_a_consent_until_a_day_ends_after_that_day(
    office: Office, world: Cocreation, travel: time_machine.Traveller
) -> None:
    world.consent.valid_until = clock.today() + timedelta(days=30)
    commit()
    travel.shift(timedelta(days=30))
    assert [a.id for a in actions_for(world.partner_user)] == [world.action.id]
    travel.shift(timedelta(days=1))
    assert actions_for(world.partner_user) == []


def test_an_ended_plan_or_an_inactive_account_shows_nothing(
    office: Office, world: Cocreation
) -> None:
    world.partner_user.active = False
    commit()
    assert actions_for(world.partner_user) == []
    world.partner_user.active = True
    world.plan.ended_at = clock.now()
    commit()
    assert actions_for(world.partner_user) == []
