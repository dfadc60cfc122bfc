"""The installation's holiday calendar: the Atw holidays plus the EXTRA_HOLIDAYS of its config.

Kept apart from `calendar` so the date arithmetic stays free of Flask. Every part of the app
that counts working days asks here, so the deadlines and the signals see the same days.
"""

from datetime import date

from flask import current_app, has_app_context

from caseflow.deadlines.calendar import HolidayCalendar

CALENDAR_KEY = "caseflow.calendar"


def holiday_calendar() -> HolidayCalendar:
    """The app's calendar, built once per app; the bare Atw calendar outside an app."""
    if not has_app_context():
        return HolidayCalendar()
    cal = current_app.extensions.get(CALENDAR_KEY)
    if cal is None:
        extra = [
            date.fromisoformat(day.strip())
            for day in current_app.config.get("EXTRA_HOLIDAYS", "").split(",")
            if day.strip()
        ]
        cal = current_app.extensions[CALENDAR_KEY] = HolidayCalendar(extra_days=extra)
    return cal
