"""Plan reminders on a travelling clock: evaluations coming up or missed, overdue actions."""

from datetime import date

import pytest
import sqlalchemy as sa
import time_machine
from flask.testing import FlaskClient

from caseflow.extensions import db
from caseflow.models import HouseholdPlan, PlanReminder, PlanReminderKind
from caseflow.plans.content import set_action_state
from caseflow.signals import scan_plan_reminders, unread_signal_count
from tests.factories import Factory
from tests.jobs.helpers import go_to
from tests.offices import Office, area_office, login
from tests.plans.helpers import running_plan

SOON, MISSED, OVERDUE = (k.value for k in PlanReminderKind)
EVALUATION = date(2026, 5, 25)  # twelve weeks after Monday 2 March 2026
ACTIONS_DUE = date(2026, 3, 30)  # four weeks after


@pytest.fixture
def office(factory: Factory, travel: time_machine.Traveller) -> Office:
    return area_office(factory)


def _reminders(kind: str | None = None) -> list[PlanReminder]:
    db.session.expire_all()
    query = sa.select(PlanReminder).order_by(PlanReminder.id)
    if kind is not None:
        query = query.where(PlanReminder.kind == kind)
    return list(db.session.scalars(query))


def _finish_actions(plan: HouseholdPlan, office: Office) -> None:
    for action in plan.actions:
        set_action_state(action, office.regisseur, "klaar")


def test_an_evaluation_coming_up_reminds_the_director_once(
    office: Office, travel: time_machine.Traveller
) -> None:
    plan = running_plan(office)
    assert plan.next_evaluation_on == EVALUATION
    _finish_actions(plan, office)

    go_to(travel, date(2026, 5, 11))  # two weeks ahead: not yet
    assert scan_plan_reminders() == 0

    go_to(travel, date(2026, 5, 20))  # within five working days
    assert scan_plan_reminders() == 1
    [reminder] = _reminders()
    assert (reminder.kind, reminder.plan_id, reminder.action_id) == (SOON, plan.id, None)
    assert reminder.due_date == EVALUATION
    assert reminder.user_id == office.regisseur.id
    assert reminder.team_id == office.team_noordwest.id
    assert reminder.municipality_id == office.maastricht.id
    assert unread_signal_count(office.regisseur) == 1
    assert unread_signal_count(office.collega_regisseur) == 0

    assert scan_plan_reminders() == 0
    assert len(_reminders()) == 1


def test_a_missed_evaluation_reminds_once(office: Office, travel: time_machine.Traveller) -> None:
    plan = running_plan(office)
    _finish_actions(plan, office)

    go_to(travel, date(2026, 5, 26))
    assert scan_plan_reminders() == 1
    [missed] = _reminders(MISSED)
    assert (missed.plan_id, missed.due_date, missed.user_id) == (
        plan.id,
        EVALUATION,
        office.regisseur.id,
    )
    go_to(travel, date(2026, 6, 8))
    assert scan_plan_reminders() == 0


def test_an_overdue_action_reminds_once_and_a_done_action_not(
    office: Office, travel: time_machine.Traveller
) -> None:
    plan = running_plan(office)
    first, second, third = plan.actions
    set_action_state(second, office.regisseur, "klaar")
    set_action_state(third, office.regisseur, "gestopt")

    go_to(travel, ACTIONS_DUE)  # the due date itself is still in time
    assert scan_plan_reminders() == 0

    go_to(travel, date(2026, 3, 31))
    assert scan_plan_reminders() == 1
    [overdue] = _reminders(OVERDUE)
    assert (overdue.plan_id, overdue.action_id, overdue.due_date) == (
        plan.id,
        first.id,
        ACTIONS_DUE,
    )
    assert overdue.user_id == office.regisseur.id
    assert scan_plan_reminders() == 0

    set_action_state(first, office.regisseur, "klaar")
    go_to(travel, date(2026, 4, 7))
    assert scan_plan_reminders() == 0
    assert len(_reminders()) == 1


def test_a_moved_evaluation_date_reminds_again(
    office: Office, travel: time_machine.Traveller
) -> None:
    plan = running_plan(office)
    _finish_actions(plan, office)
    go_to(travel, date(2026, 5, 26))
    assert scan_plan_reminders() == 1  # missed

    plan.next_evaluation_on = date(2026, 5, 29)
    db.session.commit()
    assert scan_plan_reminders() == 1  # coming up, for the new date
    assert [(r.kind, r.due_date) for r in _reminders()] == [
        (MISSED, EVALUATION),
        (SOON, date(2026, 5, 29)),
    ]
    assert scan_plan_reminders() == 0


def test_an_ended_plan_gives_no_reminders(office: Office, travel: time_machine.Traveller) -> None:
    plan = running_plan(office)
    plan.ended_at = plan.created_at
    db.session.commit()
    go_to(travel, date(2026, 6, 1))
    assert scan_plan_reminders() == 0


def test_the_signal_list_shows_unread_reminders_linking_to_the_plan(
    office: Office, travel: time_machine.Traveller, client: FlaskClient
) -> None:
    plan = running_plan(office)
    go_to(travel, date(2026, 3, 31))
    assert scan_plan_reminders() == 3  # three open actions overdue
    login(client, office.regisseur)
    page = client.get("/signalen").get_data(as_text=True)
    assert f'href="/plannen/{plan.id}"' in page
    assert "Actie uit het gezinsplan is over tijd" in page

    reminder = _reminders()[0]
    response = client.post(f"/signalen/plan-herinneringen/{reminder.id}/gelezen")
    assert response.status_code == 302
    assert unread_signal_count(office.regisseur) == 2
    client.post("/signalen/gelezen")
    assert unread_signal_count(office.regisseur) == 0
    assert "Actie uit het gezinsplan" not in client.get("/signalen").get_data(as_text=True)
