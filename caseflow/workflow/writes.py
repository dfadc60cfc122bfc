"""A step's rows written with the engine's own statements instead of the ORM's unit of work.

A step of the engine writes a few rows of five tables: the case it opens or moves, its new
event, its deadlines with their suspensions and extensions. The ORM's flush spent most of a
step deciding in what order to write those few rows (about two thirds of a transition,
docs/performance.md); the engine knows the order. So it writes them itself: one `UPDATE cases
... WHERE id = :id AND version = :v` with a rowcount check, the new rows as INSERTs, the changed
deadlines and suspensions as one executemany per set of changed columns. Then the objects are
marked as written exactly as a flush marks them: the same session reads what was written
without asking the database again, and a rollback undoes them in memory too.

A step that staged anything else (a note, a letter, a provision, a deletion, a relation the
engine never changes) is left to the ORM's flush whole: such rows have their own order,
cascades and mapper events, which the ORM keeps. Session flush events do not fire for the
engine's own statements; the unit of work is told that the transaction wrote.
"""

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ColumnProperty, InstanceState, Mapper, RelationshipDirection, Session
from sqlalchemy.orm.attributes import instance_state, set_committed_value
from sqlalchemy.sql.dml import Insert, Update

from caseflow.models.cases import Case, CaseEvent
from caseflow.models.deadlines import Deadline, Extension, Suspension
from caseflow.unit_of_work import mark_written
from caseflow.workflow.errors import ConflictError

# In the order they are written: a row after the row it points to.
ORDER: tuple[type[Any], ...] = (Case, CaseEvent, Deadline, Suspension, Extension)
INSERTED: frozenset[type[Any]] = frozenset(ORDER)  # a new case: start_case, a follow-up
# Events are never updated (append-only): a changed event goes to the flush, which refuses it.
UPDATED: frozenset[type[Any]] = frozenset({Case, Deadline, Suspension})

State = InstanceState[Any]
# A changed row and the attributes set on it since it was last written.
Changed = tuple[State, AbstractSet[str]]


@dataclass(frozen=True)
class _Shape:
    """What writing rows of one mapped class needs to know, read once from its mapper."""

    mapper: Mapper[Any]
    table: sa.Table
    keys: frozenset[str]  # every attribute
    # Attribute key -> column key, for the attributes that are columns of the table, and back.
    columns: dict[str, str]
    attributes: dict[str, str]
    # Columns where None is a value to write (JSON null), not "leave to the default".
    writes_none: frozenset[str]
    primary_key: tuple[str, ...]  # attribute keys
    # Many-to-one relations: attribute key -> the row's own attributes holding the parent's
    # primary key, in the order of that key.
    parents: dict[str, tuple[str, ...]]
    # One-to-many relations whose children point back (the child's parent attribute is set).
    children: frozenset[str]
    # Anything else the flush would have to work out (many-to-many, one-way collections).
    others: frozenset[str]
    version: str | None  # attribute key of the version column
    order: int


@dataclass
class _Plan:
    """What the step staged, per class: new rows and changed ones with what changed."""

    inserts: dict[type[Any], list[State]] = field(default_factory=dict)
    updates: dict[type[Any], list[Changed]] = field(default_factory=dict)
    states: set[State] = field(default_factory=set)


def write_staged(session: Session, before_flush: Callable[[], None] = lambda: None) -> None:
    """Write what the step staged: with the engine's statements when it is only the engine's
    own rows, otherwise with the ORM's flush, after `before_flush`."""
    plan = _plan(session)
    if plan is None:
        before_flush()
        session.flush()
        return
    if not plan.states:
        return
    connection = session.connection()
    # Before the first statement: a failure halfway must undo the transaction, not keep it.
    mark_written(session)
    with session.no_autoflush:
        for cls in ORDER:
            if cls in plan.inserts:
                _insert(connection, _shape(cls), plan.inserts[cls])
            if cls in plan.updates:
                _update(connection, _shape(cls), plan.updates[cls])
    # What a flush does once it has written: pending objects become persistent, every attribute
    # counts as committed, and the transaction remembers them for a rollback.
    session._register_persistent(plan.states)


def _plan(session: Session) -> _Plan | None:
    """The step's rows if the engine's statements can write all of them; None otherwise."""
    if session.deleted:
        return None
    plan = _Plan()
    for obj in session.new:
        cls = type(obj)
        if cls not in plan.inserts:
            if cls not in INSERTED or _has_listeners(cls, "insert"):
                return None
            plan.inserts[cls] = []
        state = instance_state(obj)
        plan.inserts[cls].append(state)
        plan.states.add(state)
    for obj in session.dirty:
        cls = type(obj)
        if cls not in plan.updates:
            if cls not in UPDATED or _has_listeners(cls, "update"):
                return None
            plan.updates[cls] = []
        state = instance_state(obj)
        plan.updates[cls].append((state, _shape(cls).keys - state.unmodified))
        plan.states.add(state)
    for states in plan.inserts.values():
        if not all(_new_writable(state, plan) for state in states):
            return None
    for changed in plan.updates.values():
        if not all(_changes_writable(state, modified, plan) for state, modified in changed):
            return None
    return plan


def _has_listeners(cls: type[Any], kind: str) -> bool:
    """Mapper events for these rows would be skipped by plain statements: the flush runs them."""
    dispatch = _shape(cls).mapper.dispatch
    return bool(getattr(dispatch, f"before_{kind}")) or bool(getattr(dispatch, f"after_{kind}"))


def _new_writable(state: State, plan: _Plan) -> bool:
    """A new row's parents are there or written before it; its children are new rows too."""
    shape = _shape(state.class_)
    for key, value in state.dict.items():
        if key in shape.parents:
            if value is not None and not _written_before(instance_state(value), shape, plan):
                return False
        elif key in shape.children:
            if any(instance_state(child) not in plan.states for child in value):
                return False
        elif key in shape.others and value:
            return False
    return True


def _changes_writable(state: State, modified: AbstractSet[str], plan: _Plan) -> bool:
    """A changed row moved only to parents that are there, gained only new children and lost
    none (a lost child could be an orphan to delete), and kept its version as it was."""
    shape = _shape(state.class_)
    if shape.version in modified or modified & shape.others:
        return False  # a version set by hand, a relation the flush has to work out
    for key in modified & shape.parents.keys():
        parents = state.attrs[key].history.added
        if any(not instance_state(parent).has_identity for parent in parents if parent is not None):
            return False
    for key in modified & shape.children:
        history = state.attrs[key].history
        if history.deleted or any(instance_state(c) not in plan.states for c in history.added):
            return False
    return True


def _written_before(parent: State, shape: _Shape, plan: _Plan) -> bool:
    if parent.has_identity:
        return True
    return parent in plan.states and _shape(parent.class_).order < shape.order


_SHAPES: dict[type[Any], _Shape] = {}


def _shape(cls: type[Any]) -> _Shape:
    shape = _SHAPES.get(cls)
    if shape is None:
        shape = _SHAPES[cls] = _read_shape(cls)
    return shape


def _read_shape(cls: type[Any]) -> _Shape:
    mapper: Mapper[Any] = sa.inspect(cls)
    table = mapper.local_table
    assert isinstance(table, sa.Table)
    columns = {
        prop.key: prop.columns[0].key
        for prop in mapper.column_attrs
        if isinstance(prop, ColumnProperty) and prop.columns[0].table is table
    }
    attribute = {column: key for key, column in columns.items()}
    parents: dict[str, tuple[str, ...]] = {}
    children: set[str] = set()
    others: set[str] = set()
    for relationship in mapper.relationships:
        if relationship.viewonly:
            continue
        if relationship.direction is RelationshipDirection.MANYTOONE:
            remote_key = [str(column.key) for column in relationship.mapper.primary_key]
            pairs = {
                str(remote.key): attribute[str(local.key)]
                for local, remote in relationship.local_remote_pairs
            }
            parents[relationship.key] = tuple(pairs[key] for key in remote_key)
        elif (
            relationship.direction is RelationshipDirection.ONETOMANY
            and relationship.back_populates
        ):
            children.add(relationship.key)
        else:
            others.add(relationship.key)
    version = mapper.version_id_col
    return _Shape(
        mapper=mapper,
        table=table,
        keys=frozenset(mapper.attrs.keys()),
        columns=columns,
        attributes=attribute,
        writes_none=frozenset(
            key for key, column in columns.items() if table.c[column].type.should_evaluate_none
        ),
        primary_key=tuple(attribute[column.key] for column in table.primary_key),
        parents=parents,
        children=frozenset(children),
        others=frozenset(others),
        version=attribute[str(version.key)] if version is not None else None,
        order=ORDER.index(cls),
    )


def _key_of(state: State) -> tuple[Any, ...]:
    """The primary key of a row, without loading anything (a new row: as just written)."""
    if state.identity is not None:
        return tuple(state.identity)
    return tuple(state.dict[key] for key in _shape(state.class_).primary_key)


def _parent_columns(state: State, shape: _Shape, keys: Iterable[str]) -> dict[str, Any]:
    """The row's own columns that hold the keys of the parents named in `keys`, by column key,
    copied into the object as a flush copies them."""
    obj, values = state.obj(), {}
    for key in keys:
        parent = state.dict.get(key)
        parent_key = _key_of(instance_state(parent)) if parent is not None else None
        for position, attribute in enumerate(shape.parents[key]):
            value = parent_key[position] if parent_key is not None else None
            set_committed_value(obj, attribute, value)
            values[shape.columns[attribute]] = value
    return values


def _insert(connection: Connection, shape: _Shape, states: list[State]) -> None:
    """New rows, one executemany per set of given columns; what a row did not give (its id,
    column defaults) comes back from RETURNING into the object."""
    groups: dict[tuple[str, ...], list[tuple[State, dict[str, Any]]]] = {}
    for state in states:
        # The parents' keys first, so that the row's columns below hold them.
        _parent_columns(state, shape, shape.parents.keys() & state.dict.keys())
        params = {
            shape.columns[key]: value
            for key, value in state.dict.items()
            if key in shape.columns and (value is not None or key in shape.writes_none)
        }
        groups.setdefault(tuple(sorted(params)), []).append((state, params))
    for given, rows in groups.items():
        statement, missing = _insert_statement(shape.table, given)
        result = connection.execute(statement, [params for _, params in rows])
        attributes = [shape.attributes[column] for column in missing]
        for (state, _), returned in zip(rows, result.all(), strict=True):
            obj = state.obj()
            for attribute, value in zip(attributes, returned, strict=True):
                set_committed_value(obj, attribute, value)


@cache
def _insert_statement(table: sa.Table, given: tuple[str, ...]) -> tuple[Insert, tuple[str, ...]]:
    missing = tuple(column.key for column in table.columns if column.key not in given)
    returning = [table.c[key] for key in missing]
    return sa.insert(table).returning(*returning, sort_by_parameter_order=True), missing


def _update(connection: Connection, shape: _Shape, changed: list[Changed]) -> None:
    """Changed rows as one executemany per set of changed columns; a versioned row (the case)
    alone, on the version it was read at."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for state, modified in changed:
        moved = [k for k in modified & shape.parents.keys() if state.attrs[k].history.has_changes()]
        values = _changes(state, shape, modified) | _parent_columns(state, shape, moved)
        if not values:
            continue
        where = {
            f"pk_{shape.columns[key]}": value
            for key, value in zip(shape.primary_key, _key_of(state), strict=True)
        }
        if shape.version is not None:
            _update_versioned(connection, state, shape, values | where)
            continue
        groups.setdefault(tuple(sorted(values)), []).append(values | where)
    for rows in groups.values():
        result = connection.execute(_update_statement(shape.table, None), rows)
        if connection.dialect.supports_sane_multi_rowcount and result.rowcount != len(rows):
            raise ConflictError()


def _update_versioned(
    connection: Connection, state: State, shape: _Shape, params: dict[str, Any]
) -> None:
    assert shape.version is not None
    column = shape.columns[shape.version]
    version = state.dict[shape.version]
    row = params | {column: version + 1, f"pk_{column}": version}
    if connection.execute(_update_statement(shape.table, column), row).rowcount != 1:
        raise ConflictError()
    set_committed_value(state.obj(), shape.version, version + 1)


@cache
def _update_statement(table: sa.Table, version: str | None) -> Update:
    """`UPDATE table SET ... WHERE <primary key> [AND <version> = :v]`. The parameters name
    the SET columns by their keys and the WHERE values as `pk_<column>`."""
    condition = [column == sa.bindparam(f"pk_{column.key}") for column in table.primary_key]
    if version is not None:
        condition.append(table.c[version] == sa.bindparam(f"pk_{version}"))
    return sa.update(table).where(*condition)


def _changes(state: State, shape: _Shape, modified: AbstractSet[str]) -> dict[str, Any]:
    """The columns whose value changed, by column key, with their new values."""
    values = {}
    for key in modified & shape.columns.keys():
        added = state.attrs[key].history.added
        if added:
            values[shape.columns[key]] = added[0]
    return values
