"""Decisions and objections built through the engine and the services, on a frozen clock."""

from datetime import date, datetime

import time_machine

from caseflow.clock import LOCAL_TZ
from caseflow.models import Case, Person
from caseflow.objections.decisions import decisions_of
from caseflow.objections.register import ObjectionInput, register_objection
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import granted
from tests.offices import Office


def at(travel: time_machine.Traveller, day: str, hour: int = 10) -> None:
    """Freeze the clock on an Amsterdam working day, e.g. '2026-04-02'."""
    travel.move_to(datetime.fromisoformat(day).replace(hour=hour, tzinfo=LOCAL_TZ))


def refused_wmo(office: Office, resultaat: str = "afgewezen", client: Person | None = None) -> Case:
    """A Wmo-aanvraag the consultant decides today (for the office's client by default)."""
    consultant = office.consulent
    case = start_case(
        "wmo_aanvraag",
        municipality=office.gemeente,
        actor=consultant,
        person=client or office.client,
        team=office.wmo,
    )
    assign(case, consultant, consultant)
    fire(case, "oppakken", consultant)
    fire(case, "verslag_vastleggen", consultant, {"verslag": "Keukentafelgesprek gevoerd."})
    fire(
        case,
        "besluiten",
        consultant,
        {"resultaat": resultaat, "motivering": "Zie verslag.", **granted(case, resultaat)},
    )
    return case


def lodge(
    office: Office,
    contested: Case,
    *,
    made_known: str,
    received: str,
    posted: str | None = None,
    excuse: str = "",
) -> Case:
    """The jurist registers a bezwaarschrift against the case's latest decision."""
    return register_objection(
        contested,
        office.jurist,
        ObjectionInput(
            decision_id=decisions_of(contested)[0].id,
            made_known_on=date.fromisoformat(made_known),
            received_on=date.fromisoformat(received),
            posted_on=date.fromisoformat(posted) if posted else None,
            grounds="De traplift is nodig; de trap is niet veilig.",
            excused=bool(excuse),
            excuse=excuse,
        ),
    )


def take_up(office: Office, objection: Case) -> None:
    assign(objection, office.jurist, office.jurist)
    fire(objection, "oppakken", office.jurist)
