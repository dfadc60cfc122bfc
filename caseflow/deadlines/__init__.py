"""Legal terms (termijnen): due dates per the Algemene termijnenwet, explained in Dutch."""

from caseflow.deadlines.calendar import (
    DEFAULT_CALENDAR,
    HolidayCalendar,
    add_working_days,
    is_working_day,
    working_days_between,
)
from caseflow.deadlines.terms import TermSpec, describe_length, explain, legal_due_date

__all__ = [
    "DEFAULT_CALENDAR",
    "HolidayCalendar",
    "TermSpec",
    "add_working_days",
    "describe_length",
    "explain",
    "is_working_day",
    "legal_due_date",
    "working_days_between",
]
