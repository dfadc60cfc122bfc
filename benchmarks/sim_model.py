"""The in-memory rows a walk works on: cases, deadlines with their suspensions, and the ids and
tables they go into; due dates by `caseflow.deadlines.legal_due_date`."""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from caseflow.deadlines import HolidayCalendar, TermSpec, legal_due_date
from caseflow.models import DeadlineStatus
from caseflow.workflow.deadline_rules import counted_suspensions
from caseflow.workflow.schema import DeadlineDef, Workflow

Row = dict[str, Any]


class Ids:
    """Primary keys handed out in memory, so parent and child rows go in one bulk insert."""

    def __init__(self, start: dict[str, int]) -> None:
        self._next = dict(start)

    def take(self, table: str) -> int:
        value = self._next.get(table, 1)
        self._next[table] = value + 1
        return value


@dataclass(slots=True)
class SimSuspension:
    id: int
    start_date: date
    end_date: date | None
    reason: str | None
    started_by_id: int | None
    ended_by_id: int | None = None


@dataclass(slots=True)
class SimDeadline:
    id: int
    code: str
    cycle: int
    spec: DeadlineDef
    start_date: date
    due_date: date
    created_at: datetime
    # How the day it counts from came in, when that is not the day it started.
    counted_from: str | None = None
    extension_weeks: int = 0
    status: str = DeadlineStatus.RUNNING
    stopped_on: date | None = None
    outcome: str | None = None
    suspensions: list[SimSuspension] = field(default_factory=list)
    extensions: list[Row] = field(default_factory=list)


@dataclass(slots=True)
class SimCase:
    id: int
    case_type: str
    workflow: Workflow
    state: str
    municipality_id: int
    team_id: int | None
    assignee_id: int | None
    person_id: int | None
    household_id: int | None
    intake_id: int | None
    parent: "SimCase | None"
    opened_at: datetime
    state_entered_at: datetime
    last_event_at: datetime
    # The melding (caseflow.workflow.melding): the intake's day, handed on to follow-ups.
    melding_date: date | None = None
    melding_via: str | None = None
    closed_at: datetime | None = None
    result: str | None = None
    version: int = 0
    deadlines: list[SimDeadline] = field(default_factory=list)
    # What its events recorded: the keys, and the last value of each (a term counts from one).
    recorded: set[str] = field(default_factory=set)
    values: Row = field(default_factory=dict)
    # Field values its walk must give (a late objection is decided as niet-ontvankelijk), and
    # how much more or less often it takes a trigger than the walk would.
    fixed: Row = field(default_factory=dict)
    leaning: dict[str, float] = field(default_factory=dict)
    # What a register keeps of it (the decision an objection contests).
    links: Row = field(default_factory=dict)
    plan: Row | None = None
    director: Row | None = None
    has_extension: bool = False
    taken: dict[str, int] = field(default_factory=dict)
    # The last days of the provisions and benefits its decision granted (None: open-ended).
    granted_ends: list[date | None] = field(default_factory=list)
    destroy_from: date | None = None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


@dataclass
class Staff:
    """Who works a team: handlers (by role) and its manager."""

    handlers: list[int]
    regisseurs: list[int]
    manager: int
    # Roles of its handlers beyond consulent and toegang (jurist, klachtencoordinator).
    roles: frozenset[str] = frozenset()


@dataclass
class Tables:
    """Rows waiting for the next bulk insert, per table, in insert order."""

    rows: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.rows.setdefault(table, []).append(row)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


class DueDates:
    """legal_due_date with a cache: most terms share a start date and a length."""

    def __init__(self, calendar: HolidayCalendar) -> None:
        self.calendar = calendar
        self.compute = lru_cache(maxsize=500_000)(self._compute)

    def _compute(self, start: date, term: TermSpec) -> date:
        return legal_due_date(start, term, calendar=self.calendar)

    def of(self, deadline: SimDeadline, today: date) -> date:
        spec = deadline.spec
        periods = [(s.start_date, s.end_date) for s in deadline.suspensions]
        term = TermSpec(
            weeks=spec.weeks,
            days=spec.days,
            working_days=spec.working_days,
            statutory=spec.statutory and not spec.set_by_regulation,
            by_regulation=spec.set_by_regulation,
            extension_weeks=deadline.extension_weeks,
            suspensions=counted_suspensions(periods, today),
        )
        return self.compute(deadline.start_date, term)
