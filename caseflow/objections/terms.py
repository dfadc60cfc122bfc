"""The bezwaar term and whether an objection came in on time: Awb 6:7, 6:8, 6:9 and 6:11.

Six weeks, beginning the day after the decision was made known (6:7, 6:8), moved to the next
working day when it ends on a weekend or public holiday (Algemene termijnenwet art. 1). On time
when received before the end, or posted before the end and received within a week after it
(6:9). Pure date arithmetic on the app's holiday calendar, so a test can travel through it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from caseflow.deadlines import HolidayCalendar, TermSpec, explain, legal_due_date
from caseflow.deadlines.dutch_dates import format_date

LODGING_WEEKS = 6
# Awb 6:9 lid 2: posted before the end of the term and received no later than a week after it.
POST_GRACE = timedelta(weeks=1)
MADE_KNOWN = "Bekendgemaakt (de termijn begint de dag erna, Awb 6:8)"


@dataclass(frozen=True)
class LodgingTerm:
    ends_on: date
    in_time: bool
    # How the end date was reached and why the objection is on time or late, in Dutch.
    explanation: tuple[str, ...]


def lodging_term(
    made_known_on: date,
    received_on: date,
    posted_on: date | None,
    calendar: HolidayCalendar,
) -> LodgingTerm:
    term = TermSpec(weeks=LODGING_WEEKS)
    ends_on = legal_due_date(made_known_on, term, calendar=calendar)
    steps = explain(made_known_on, term, calendar=calendar, received_as=MADE_KNOWN)
    in_time, verdict = _judged(ends_on, received_on, posted_on)
    return LodgingTerm(ends_on, in_time, (*steps, verdict))


def _judged(ends_on: date, received_on: date, posted_on: date | None) -> tuple[bool, str]:
    received = f"ontvangen op {format_date(received_on)}"
    if received_on <= ends_on:
        return True, f"Tijdig: {received}, binnen de termijn (Awb 6:9 lid 1)."
    if posted_on is not None and posted_on <= ends_on and received_on <= ends_on + POST_GRACE:
        return True, (
            f"Tijdig: op {format_date(posted_on)} per post verstuurd, binnen de termijn, en "
            f"{received}, niet later dan een week na het einde (Awb 6:9 lid 2)."
        )
    return False, (
        f"Te laat: {received}, na het einde van de termijn. Het bezwaar is niet-ontvankelijk, "
        "tenzij de bezwaarmaker redelijkerwijs niet kan worden verweten dat hij te laat is "
        "(Awb 6:11)."
    )
