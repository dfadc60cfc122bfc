from flask import Flask

from caseflow.deadlines.app_calendar import holiday_calendar

from .dates import on


def test_extra_holidays_come_from_the_app_config() -> None:
    app = Flask(__name__)
    app.config["EXTRA_HOLIDAYS"] = " 2026-05-15 ,, 2027-05-07"
    with app.app_context():
        calendar = holiday_calendar()
        assert calendar.extra_days == {on("vr 2026-05-15"), on("vr 2027-05-07")}
        assert holiday_calendar() is calendar


def test_outside_an_app_only_the_atw_holidays_count() -> None:
    calendar = holiday_calendar()
    assert calendar.extra_days == frozenset()
    assert calendar.name(on("di 2026-05-05")) == "Bevrijdingsdag"
