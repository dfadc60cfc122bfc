"""The database itself refuses a second active director or plan for a household.

These inserts bypass every service on purpose; the suite runs them on SQLite and on PostgreSQL.
"""

import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Household, HouseholdDirector, HouseholdPlan
from caseflow.workflow.engine import start_case
from tests.conftest import TEST_DATABASE_URL
from tests.offices import Office


def _household(office: Office) -> Household:
    household = Household(name="Huishouden Peters", municipality=office.maastricht)
    db.session.add(household)
    db.session.commit()
    return household


def _director(household: Household, office: Office, ended: bool = False) -> HouseholdDirector:
    return HouseholdDirector(
        household_id=household.id,
        director_id=office.regisseur.id,
        started_at=clock.now(),
        ended_at=clock.now() if ended else None,
        end_reason="Overgedragen" if ended else None,
    )


def _plan(household: Household, office: Office, ended: bool = False) -> HouseholdPlan:
    case = start_case(
        "gezinsplan",
        municipality=office.maastricht,
        actor=office.regisseur,
        household=household,
    )
    return HouseholdPlan(
        household_id=household.id,
        case_id=case.id,
        wishes="Rust in huis.",
        ended_at=clock.now() if ended else None,
    )


def test_a_second_active_director_is_refused_by_the_database(office: Office) -> None:
    household = _household(office)
    db.session.add(_director(household, office))
    db.session.commit()
    db.session.add(_director(household, office))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(HouseholdDirector.id))) == 1


def test_ended_directors_stay_as_history_beside_the_active_one(office: Office) -> None:
    household = _household(office)
    db.session.add_all([_director(household, office, ended=True) for _ in range(2)])
    db.session.add(_director(household, office))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(HouseholdDirector.id))) == 3


def test_a_second_active_plan_is_refused_by_the_database(office: Office) -> None:
    household = _household(office)
    db.session.add(_plan(household, office))
    db.session.commit()
    second = _plan(household, office)
    db.session.add(second)
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(HouseholdPlan.id))) == 1


def test_a_new_plan_may_follow_an_ended_one(office: Office) -> None:
    household = _household(office)
    db.session.add(_plan(household, office, ended=True))
    db.session.commit()
    db.session.add(_plan(household, office))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(HouseholdPlan.id))) == 2


@pytest.mark.postgres
def test_two_transactions_racing_for_the_regie_cannot_both_win(office: Office) -> None:
    """Two connections insert an active director at once: the second waits for the first to
    commit, and is then refused."""
    household = _household(office)
    engine = sa.create_engine(TEST_DATABASE_URL)
    insert = sa.text(
        "INSERT INTO household_directors (household_id, director_id, started_at) "
        "VALUES (:household, :director, :at)"
    )
    values = {
        "household": household.id,
        "director": office.regisseur.id,
        "at": datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    }
    rival = {**values, "director": office.collega_regisseur.id}
    refused: list[str] = []

    def contender(connection: sa.Connection) -> None:
        try:
            connection.execute(insert, rival)
            connection.commit()
        except sa.exc.IntegrityError as exc:
            connection.rollback()
            refused.append(str(exc.orig))

    try:
        with engine.connect() as first, engine.connect() as second:
            first.execute(insert, values)
            thread = threading.Thread(target=contender, args=(second,))
            thread.start()
            thread.join(timeout=1)
            assert thread.is_alive(), "the second insert waits for the first transaction"
            first.commit()
            thread.join(timeout=10)
    finally:
        engine.dispose()
    assert len(refused) == 1 and "uq_household_directors_active" in refused[0]
    assert db.session.scalars(sa.select(HouseholdDirector.director_id)).all() == [
        office.regisseur.id
    ]
