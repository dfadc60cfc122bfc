"""What a plan shared with partners goes with the plan's case once its retention has passed: the
consents' words and givers, the partners' notes, the questions and answers, the contacts."""

import sqlalchemy as sa
import time_machine

from caseflow import clock
from caseflow.contacts import record_contact
from caseflow.destruction import destroy_case
from caseflow.extensions import db
from caseflow.models import (
    ContactMoment,
    InformationRequest,
    PlanActionNote,
    PlanConsent,
    Role,
)
from caseflow.models.partners import plan_consent_givers
from caseflow.models.plans import plan_agreed_members
from caseflow.partners.work import update_action
from caseflow.plans.consent import ConsentInput, record_consent
from caseflow.plans.lifecycle import end_plan
from caseflow.plans.requests import answer
from caseflow.unit_of_work import commit
from tests.factories import Factory
from tests.offices import area_office
from tests.plans.helpers import cocreation
from tests.reports.helpers import at


def _givers(plan_id: int) -> int:
    consents = sa.select(PlanConsent.id).where(PlanConsent.plan_id == plan_id)
    rows = sa.select(sa.func.count()).select_from(plan_consent_givers)
    return db.session.scalar(rows.where(plan_consent_givers.c.consent_id.in_(consents))) or 0


def _agreed(plan_id: int) -> int:
    rows = sa.select(sa.func.count()).select_from(plan_agreed_members)
    return db.session.scalar(rows.where(plan_agreed_members.c.plan_id == plan_id)) or 0


def test_destroying_the_plan_removes_what_it_shared(
    factory: Factory, travel: time_machine.Traveller
) -> None:
    at(travel, "2016-02-01 10:00")
    office = area_office(factory)
    world = cocreation(office, family_name="Zwartebeek")
    update_action(world.action, world.partner_user, "bezig", "Schuldenoverzicht opgevraagd.")
    verbal = record_consent(
        world.plan,
        office.regisseur,
        ConsentInput(
            partner_organisation_id=world.kredietbank.id,
            domains=["huisvesting"],
            information=None,
            valid_from=clock.today(),
            valid_until=None,
            given_how="mondeling",
            witness="Petra Vossen",
            giver_ids=[world.plan.members[0].id],
        ),
    )
    answer(world.question, office.wmo_consulent, "Ja, huishoudelijke hulp sinds januari.")
    record_contact(
        world.plan.members[0],
        office.regisseur,
        kind="huisbezoek",
        occurred_at=world.plan.created_at,
        summary="Keukentafelgesprek met de Kredietbank erbij.",
        case=world.plan.case,
    )
    at(travel, "2016-06-01 10:00")
    end_plan(world.plan, office.regisseur, "Verhuisd naar Heerlen", "verhuisd")
    commit()
    plan_id = world.plan.id
    assert (_givers(plan_id), _agreed(plan_id)) == (2, 1)
    privacy = factory.user(Role.PRIVACY, municipalities=[office.maastricht])
    at(travel, "2026-03-02 10:00")
    destroy_case(world.plan.case, privacy)
    commit()
    db.session.expire_all()
    assert _givers(plan_id) == 0
    assert _agreed(plan_id) == 0
    consent = db.session.get_one(PlanConsent, world.consent.id)
    assert (consent.information, consent.partner_organisation_id) == (None, world.kredietbank.id)
    verbal = db.session.get_one(PlanConsent, verbal.id)
    assert (verbal.given_how, verbal.witness) == ("mondeling", "(vernietigd)")
    assert db.session.scalars(sa.select(PlanActionNote)).all() == []
    question = db.session.get_one(InformationRequest, world.question.id)
    assert (question.question, question.answer, question.about_person_id) == ("", None, None)
    assert question.answered_at is not None  # the dated fact stays, its words go
    assert db.session.scalars(sa.select(ContactMoment)).all() == []
