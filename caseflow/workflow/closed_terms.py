"""The day roll-up of stopped terms (`ClosedDeadlineDay`), kept by the step that stops them.

A step adds one to its day, municipality, team, case type, kind and outcome for every term it
stops. A step that moves a case to another team moves the case's earlier stopped terms along,
because the reports count a term with its case's team of today. So the roll-up always equals
counting the stopped deadlines with their cases, which `rebuild` does (after a bulk load).
"""

from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from caseflow.models.cases import Case
from caseflow.models.deadlines import ClosedDeadlineDay, Deadline, DeadlineStatus

# day, municipality, team (0: none), case type, kind, outcome
Key = tuple[date, int, int, str, str, str]
NO_TEAM = 0
_KEY_COLUMNS = ("day", "municipality_id", "team_id", "case_type", "kind", "outcome")


def staged_changes(session: Session) -> Counter[Key]:
    """What the staged step changes in the roll-up (read before it is written: the history of
    each attribute tells what the step changed)."""
    with session.no_autoflush:  # a flush now would write the step and forget its history
        return _changes(session)


def _changes(session: Session) -> Counter[Key]:
    changes: Counter[Key] = Counter()
    stopped_now: set[int] = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Deadline) and _stopped_in_step(obj):
            changes[_key(obj, _team_now(obj.case))] += 1
            stopped_now.add(id(obj))
    for obj in session.dirty:
        if isinstance(obj, Case):
            moved = _team_move(obj)
            if moved is None:
                continue
            before, after = moved
            for deadline in _loaded_deadlines(obj):
                if deadline.status == DeadlineStatus.STOPPED and id(deadline) not in stopped_now:
                    changes[_key(deadline, before)] -= 1
                    changes[_key(deadline, after)] += 1
    return Counter({key: n for key, n in changes.items() if n})


def write_changes(connection: Connection, changes: Counter[Key]) -> None:
    """Add the changes to their rows, creating the rows that are not there yet. In key order,
    so two steps that touch the same rows take them in the same order."""
    if not changes:
        return
    rows = [
        dict(zip(_KEY_COLUMNS, key, strict=True)) | {"terms": changes[key]}
        for key in sorted(changes)
    ]
    connection.execute(_upsert(connection.dialect.name), rows)


def rebuild(connection: Connection) -> None:
    """The roll-up counted afresh from the stopped deadlines and their cases."""
    deadlines, cases = Deadline.__table__, Case.__table__
    assert isinstance(deadlines, sa.Table) and isinstance(cases, sa.Table)
    key = (
        deadlines.c.stopped_on,
        cases.c.municipality_id,
        sa.func.coalesce(cases.c.team_id, NO_TEAM),
        cases.c.case_type,
        deadlines.c.kind,
        deadlines.c.outcome,
    )
    counted = (
        sa.select(*key, sa.func.count())
        .select_from(deadlines.join(cases, cases.c.id == deadlines.c.case_id))
        .where(deadlines.c.status == DeadlineStatus.STOPPED)
        .group_by(*key)
    )
    connection.execute(sa.delete(ClosedDeadlineDay))
    connection.execute(sa.insert(ClosedDeadlineDay).from_select([*_KEY_COLUMNS, "terms"], counted))


@cache
def _upsert(dialect: str) -> Any:
    table = ClosedDeadlineDay
    insert = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    return insert.on_conflict_do_update(
        index_elements=list(_KEY_COLUMNS),
        set_={"terms": table.terms + insert.excluded.terms},
    )


def _stopped_in_step(deadline: Deadline) -> bool:
    if deadline.status != DeadlineStatus.STOPPED:
        return False
    history = sa.inspect(deadline).attrs.status.history
    return bool(history.added) and DeadlineStatus.STOPPED not in history.deleted


def _key(deadline: Deadline, team_id: int) -> Key:
    case = deadline.case
    assert deadline.stopped_on is not None and deadline.outcome is not None
    return (
        deadline.stopped_on,
        case.municipality_id if case.municipality_id is not None else case.municipality.id,
        team_id,
        case.case_type,
        deadline.kind,
        deadline.outcome,
    )


def _team_now(case: Case) -> int:
    """The case's team as the step leaves it, without loading the team."""
    moved = _team_move(case)
    if moved is not None:
        return moved[1]
    return case.team_id if case.team_id is not None else _team_of_new(case)


def _team_of_new(case: Case) -> int:
    # A new case's foreign key is set when it is written; its team object is there.
    state = sa.inspect(case)
    team = state.dict.get("team")
    return team.id if team is not None else NO_TEAM


def _team_move(case: Case) -> tuple[int, int] | None:
    """(team before, team after) when the staged step moved a persistent case's team."""
    state = sa.inspect(case)
    if not state.has_identity or not (
        "team" in state.committed_state or "team_id" in state.committed_state
    ):
        return None  # new, or its team untouched: nothing to look up in the history
    by_relation = state.attrs.team.history
    by_column = state.attrs.team_id.history
    if by_relation.added:
        after = by_relation.added[0].id if by_relation.added[0] is not None else None
    elif by_column.added:
        after = by_column.added[0]
    else:
        return None
    before_values = by_column.deleted or by_column.unchanged
    before = before_values[0] if before_values else None
    if before == after:
        return None
    return (before or NO_TEAM, after or NO_TEAM)


def _loaded_deadlines(case: Case) -> Iterable[Deadline]:
    # The engine's lock loads a case's deadlines before any step changes it.
    return case.deadlines
