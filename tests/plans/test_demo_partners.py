"""The demo lets a user of `make run` try co-creation: the Kredietbank's employee logs in and
sees the one action the Willems household consented to, with its note and answered question."""

import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient

from caseflow.demo import DEMO_PASSWORD, DEMO_USERS, seed
from caseflow.extensions import db
from caseflow.models import Household, InformationRequest, NetworkRelation, PlanConsent, User
from caseflow.partners.work import actions_for


def test_the_demo_has_a_partner_at_work_on_one_household(
    app: Flask, client: FlaskClient, travel: time_machine.Traveller
) -> None:
    seed(case_count=20)
    assert ("kredietbank", "Marloes Wetzels") in [(u[0], u[1]) for u in DEMO_USERS]
    employee = db.session.scalars(sa.select(User).where(User.username == "kredietbank")).one()
    assert employee.roles == frozenset({"partner"})
    seen = actions_for(employee)
    assert [a.description for a in seen] == [
        "Budgetbeheer starten en de schulden op een rij zetten"
    ]
    action = seen[0]
    assert action.state == "bezig" and action.notes
    household = db.session.get_one(Household, action.plan.household_id)
    assert sorted(m.relation for m in household.members) == ["aanvrager", "kind", "kind", "partner"]
    consent = db.session.scalars(sa.select(PlanConsent)).one()
    assert [g.given_names for g in consent.givers] == ["Roel", "Fleur"]
    assert db.session.scalars(sa.select(InformationRequest)).one().answer
    assert db.session.scalars(sa.select(NetworkRelation)).one().kind == "mantelzorger"
    response = client.post("/login", data={"username": "kredietbank", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = client.get("/partner/").get_data(as_text=True)
    assert "Budgetbeheer starten" in page and "Huishouden Willems" in page
