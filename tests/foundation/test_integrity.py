"""A database refusal reaches the user as a Dutch message chosen by the constraint's name."""

from datetime import date

import pytest
import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.integrity import FALLBACK, constraint_name, refusal_message
from caseflow.models import Team, TeamMeeting
from caseflow.plans.errors import REFUSALS, PlanError, flushed
from tests.factories import Factory


def _team(factory: Factory) -> Team:
    return factory.team([factory.municipality("meerssen")], name="Team Wmo Meerssen")


def _meeting_twice(team: Team) -> None:
    db.session.add(TeamMeeting(team=team, held_on=date(2026, 3, 2)))
    db.session.flush()
    db.session.add(TeamMeeting(team=team, held_on=date(2026, 3, 2)))


def test_the_unique_constraint_is_named_on_both_databases(factory: Factory) -> None:
    _meeting_twice(_team(factory))
    with pytest.raises(sa.exc.IntegrityError) as refused:
        db.session.flush()
    assert constraint_name(refused.value) == "uq_team_meetings_team_id_held_on"
    assert refusal_message(refused.value, REFUSALS) == REFUSALS[constraint_name(refused.value)]


def test_a_service_refusal_becomes_its_dutch_message_and_nothing_of_it_stays(
    factory: Factory,
) -> None:
    team = _team(factory)
    message = "Er is net een casusoverleg op deze datum vastgelegd"
    with pytest.raises(PlanError, match=message), flushed():
        _meeting_twice(team)
    assert db.session.scalar(sa.select(sa.func.count(TeamMeeting.id))) == 0


def test_an_unknown_refusal_says_nothing_was_saved(factory: Factory) -> None:
    _meeting_twice(_team(factory))
    with pytest.raises(sa.exc.IntegrityError) as refused:
        db.session.flush()
    assert refusal_message(refused.value, {}) == FALLBACK
