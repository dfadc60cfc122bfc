"""Signals about deadlines and the other work of the scheduled jobs (see caseflow/jobs.py).

The jobs only read cases and deadlines; every change to a case goes through the workflow engine.
The evaluation and escalation terms of household plans (the gezinsplan workflow) are deadlines,
so the deadline scan signals them like any other term.
"""

from caseflow.signals.inbox import (
    addressed_to,
    mark_read,
    mark_reminders_read,
    meant_for,
    of_team,
    page_of_signals,
    reminders_for,
    reminders_of_team,
    unread_reminder_count,
    unread_reminders,
    unread_signal_count,
)
from caseflow.signals.mail import case_path, render_mail, send_pending_mail
from caseflow.signals.plan_reminders import scan_plan_reminders
from caseflow.signals.scan import ScanResult, scan_deadlines
from caseflow.signals.snapshot import take_snapshot

__all__ = [
    "ScanResult",
    "addressed_to",
    "case_path",
    "mark_read",
    "mark_reminders_read",
    "meant_for",
    "of_team",
    "page_of_signals",
    "reminders_for",
    "reminders_of_team",
    "render_mail",
    "scan_deadlines",
    "scan_plan_reminders",
    "send_pending_mail",
    "take_snapshot",
    "unread_reminder_count",
    "unread_reminders",
    "unread_signal_count",
]
