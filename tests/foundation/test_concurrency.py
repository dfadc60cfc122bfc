"""Two sessions acting on the same case: one wins, the other is told, nothing lost or doubled."""

import threading
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from flask import Flask

from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Municipality, Role, User
from caseflow.unit_of_work import commit, unit_of_work
from caseflow.workflow.engine import assign, fire, start_case
from caseflow.workflow.errors import ConflictError, WorkflowError
from tests.factories import Factory


def _case_with_handler(factory: Factory) -> tuple[int, int]:
    gemeente = db.session.scalar(sa.select(Municipality)) or factory.municipality("meerssen")
    consulent = db.session.scalar(sa.select(User)) or factory.user(
        Role.CONSULENT, municipalities=[gemeente]
    )
    case = start_case("wmo_aanvraag", municipality=gemeente, actor=consulent)
    assign(case, consulent, consulent)
    commit(keep_loaded=True)
    return case.id, consulent.id


def _event_count(case_id: int) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id)
        )
        or 0
    )


def test_a_stale_copy_of_a_case_is_refused(app: Flask, factory: Factory) -> None:
    case_id, user_id = _case_with_handler(factory)
    with app.app_context():  # a second session that read the case before the first one moved it
        other = db.session.get(Case, case_id)
        assert other is not None and other.state == "ontvangen"
        with app.app_context():
            first = db.session.get(Case, case_id)
            with unit_of_work():
                fire(first, "oppakken", db.session.get_one(User, user_id))
        with pytest.raises(ConflictError):
            fire(other, "intrekken", other.assignee, {"reden": "Dubbel ingediend"})
    db.session.expire_all()
    case = db.session.get_one(Case, case_id)
    assert case.state == "in_behandeling"
    assert [e.trigger for e in case.events] == ["aanmaken", "toewijzen", "oppakken"]


def _race(app: Flask, case_id: int, moves: list[Callable[[Case], None]]) -> list[str]:
    """Load the case in one session per move, then let all of them fire at the same moment."""
    loaded = threading.Barrier(len(moves))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(move: Callable[[Case], None]) -> None:
        with app.app_context():
            case = db.session.get_one(Case, case_id)
            _ = case.assignee, case.municipality, case.deadlines, case.events
            loaded.wait(timeout=10)
            try:
                with unit_of_work():  # each session is a request of its own
                    move(case)
                outcome = "ok"
            except ConflictError:
                outcome = "conflict"
            except WorkflowError as exc:
                outcome = type(exc).__name__
            finally:
                db.session.remove()
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(move,)) for move in moves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.postgres
def test_concurrent_transitions_one_succeeds_the_other_conflicts(
    app: Flask, factory: Factory
) -> None:
    for _ in range(5):
        case_id, _user = _case_with_handler(factory)
        before = _event_count(case_id)
        outcomes = _race(
            app,
            case_id,
            [
                lambda c: fire(c, "oppakken", c.assignee) and None,
                lambda c: fire(c, "intrekken", c.assignee, {"reden": "Dubbel ingediend"}) and None,
            ],
        )
        assert outcomes == ["conflict", "ok"]
        db.session.expire_all()
        case = db.session.get_one(Case, case_id)
        assert _event_count(case_id) == before + 1
        assert case.state == case.events[-1].to_state
        assert case.version == 3  # created, assigned, one transition


@pytest.mark.postgres
def test_concurrent_same_trigger_is_not_doubled(app: Flask, factory: Factory) -> None:
    case_id, _user = _case_with_handler(factory)
    outcomes = _race(app, case_id, [lambda c: fire(c, "oppakken", c.assignee) and None] * 2)
    assert outcomes == ["conflict", "ok"]
    assert _event_count(case_id) == 3
