"""A household plan's case past its retention: the plan's words go, the household stays."""

import json

import sqlalchemy as sa
import time_machine

from caseflow.destruction import destroy_case
from caseflow.extensions import db
from caseflow.models import (
    HouseholdPlan,
    Person,
    PlanAction,
    PlanGoal,
    PlanVersion,
    Role,
)
from caseflow.plans.lifecycle import end_plan
from tests.factories import Factory
from tests.offices import area_office
from tests.plans.helpers import running_plan
from tests.reports.helpers import at


def _plan_text(plan_id: int) -> str:
    rows = [
        *db.session.execute(sa.select(HouseholdPlan).where(HouseholdPlan.id == plan_id)).scalars(),
        *db.session.scalars(sa.select(PlanGoal).where(PlanGoal.plan_id == plan_id)),
        *db.session.scalars(sa.select(PlanAction).where(PlanAction.plan_id == plan_id)),
        *db.session.scalars(sa.select(PlanVersion).where(PlanVersion.plan_id == plan_id)),
    ]
    return json.dumps(
        [{c.key: str(getattr(r, c.key)) for c in sa.inspect(r).mapper.column_attrs} for r in rows],
        ensure_ascii=False,
    )


def test_the_plan_content_goes_and_the_household_still_needed_stays(
    factory: Factory, travel: time_machine.Traveller
) -> None:
    at(travel, "2016-02-01 10:00")
    office = area_office(factory)
    plan = running_plan(office, family_name="Zwartebeek")
    at(travel, "2016-06-01 10:00")
    end_plan(plan, office.regisseur, "Verhuisd naar Heerlen", "verhuisd")
    plan_id, members = plan.id, [p.id for p in plan.members]
    assert "Zelf de trap op" in _plan_text(plan_id) and "Zwartebeek" in _plan_text(plan_id)
    privacy = factory.user(Role.PRIVACY, municipalities=[office.maastricht])
    at(travel, "2026-03-02 10:00")
    destroy_case(plan.case, privacy)
    db.session.expire_all()
    text = _plan_text(plan_id)
    assert "Zelf de trap op" not in text
    assert "Budgetcoach" not in text
    assert "Zwartebeek" not in text  # agreed_by and the version summaries
    goals = db.session.scalars(sa.select(PlanGoal).where(PlanGoal.plan_id == plan_id)).all()
    assert [(g.life_domain, g.start_score, g.target_score) for g in goals] == [
        ("financien", 2, 4),
        ("lichamelijke_gezondheid", 2, 3),
    ]
    assert db.session.get_one(HouseholdPlan, plan_id).members == []
    # The registration and the Wmo case the plan opened are not destroyed: the family stays.
    people = db.session.scalars(sa.select(Person).where(Person.id.in_(members))).all()
    assert people and all(p.destroyed_at is None and p.family_name == "Zwartebeek" for p in people)
