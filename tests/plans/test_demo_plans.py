"""The demo shows the regie at work: a plan in every state, each made through the engine."""

import sqlalchemy as sa
import time_machine
from flask import Flask

from caseflow.demo import seed
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, HouseholdDirector, HouseholdPlan, MeetingDecision
from caseflow.workflow.registry import registry


def test_demo_has_households_with_a_plan_in_every_state(
    app: Flask, travel: time_machine.Traveller
) -> None:
    seed(case_count=20)
    plans = db.session.scalars(sa.select(HouseholdPlan)).all()
    states = {plan.case.state for plan in plans}
    assert states == set(registry().get("gezinsplan").states)
    for plan in plans:
        assert plan.goals and plan.actions and plan.versions
        assert plan.is_active == (not plan.case.is_closed)
        events = plan.case.events
        assert events[0].trigger == "aanmaken" and plan.case.state == events[-1].to_state
    assert any(plan.evaluations for plan in plans)


def test_demo_shows_triage_handover_and_a_household_without_director(
    app: Flask, travel: time_machine.Traveller
) -> None:
    seed(case_count=20)
    registrations = db.session.scalars(
        sa.select(Case).where(Case.case_type == "gebiedsteam", Case.parent_id.is_not(None))
    ).all()
    assert {"aangemeld", "triage", "regisseur_toegewezen", "teruggestuurd", "afgesloten"} <= {
        c.state for c in registrations
    }
    assert db.session.scalar(sa.select(sa.func.count(MeetingDecision.id)))
    ended = db.session.scalars(
        sa.select(HouseholdDirector).where(HouseholdDirector.ended_at.is_not(None))
    ).all()
    assert any(d.end_reason and d.end_reason.startswith("Overgedragen") for d in ended)
    assert any(d.end_reason == "Regisseur langdurig afwezig." for d in ended)
    handover_events = db.session.scalars(
        sa.select(CaseEvent.reason).where(CaseEvent.reason.like("Regie overgedragen%"))
    ).all()
    assert handover_events
