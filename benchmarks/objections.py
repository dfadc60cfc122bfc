"""Bezwaar, beroep and klachten at scale, as the services that register them write them.

A few percent of the decisions that are made known get a bezwaarschrift (more of the refusals
than of the grants; the seeds count 18 objections and appeals per 1,000 Wmo decisions), mostly
on time, some late and a few of those excusable (`caseflow.objections.register`, with the
engine's own `lodging_term`). The bezwaar case is opened for the team for bezwaar en beroep and
walked like any case; an upheld objection opens a new decision of the contested type for the
same client (the effect nieuw_besluit_bij_gegrond_bezwaar). Some decisions on bezwaar go to the
rechtbank (`caseflow.objections.appeals`). A few cases in every thousand draw a complaint about
their team (`caseflow.complaints.register`), most of them about the case itself.
"""

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from benchmarks.sim_model import Row, SimCase, Staff, Tables
from benchmarks.simulate import Walker, handed_on
from caseflow import clock
from caseflow.deadlines.app_calendar import holiday_calendar
from caseflow.objections.appeals import DEFAULT_COURT
from caseflow.objections.hooks import NOT_ADMISSIBLE, UPHELD
from caseflow.objections.terms import lodging_term
from caseflow.workflow.fields import to_json
from caseflow.workflow.schema import TransitionDef, Workflow

OBJECTION_TABLES = ("objections", "appeals", "complaints")
# Chance that a decision made known is objected to: a refusal or an end more often than a grant.
OBJECTED = {"refused": 0.05, "granted": 0.01}
REFUSING = ("afgewezen", "afwijz", "weiger", "beeindig")
LATE = 0.1
EXCUSED = 0.3
POSTED = 0.25
APPEALED = 0.12
COMPLAINED = 0.004
ABOUT_NO_CASE = 0.15
# How decisions on bezwaar, rulings and complaints come out (DVO norms: under 25% of the
# objections and under 10% of the complaints upheld).
OBJECTION_RESULTS = {"gegrond": 10, "deels_gegrond": 7, "ongegrond": 68, "niet_ontvankelijk": 15}
APPEAL_RESULTS = {"gegrond": 10, "deels_gegrond": 5, "ongegrond": 75, "niet_ontvankelijk": 10}
COMPLAINT_RESULTS = {"gegrond": 5, "deels_gegrond": 4, "ongegrond": 91}
# A bezwaar goes to the committee now and then, and after its advice it can only be decided
# when the objector was heard before (the guard gehoord_of_grond_vastgelegd): most are handled by
# the jurist, and an informal call resolves some.
OBJECTION_LEANING = {
    "naar_adviescommissie": 0.15,
    "informeel_contact": 0.4,
    "informeel_opgelost": 0.5,
    "intrekken": 0.4,
}
CHANNELS = {"brief": 30, "email": 35, "telefoon": 20, "balie": 5, "medewerker": 10}
GROUNDS = "De bezwaarmaker is het niet eens met het besluit: de situatie is anders dan beschreven."
COMPLAINT = "De inwoner is niet teruggebeld en voelt zich niet serieus genomen."
EXCUSE = "In de bezwaartermijn opgenomen in het ziekenhuis."


class Objections:
    """Opens bezwaar, beroep and klacht cases next to the walk, with their register rows."""

    def __init__(
        self,
        rng: random.Random,
        walker: Walker,
        tables: Tables,
        staff: dict[int, Staff],
        end: datetime,
    ) -> None:
        self.rng, self.walker, self.tables, self.staff, self.end = rng, walker, tables, staff, end
        self.calendar = holiday_calendar()

    # -- bezwaar -----------------------------------------------------------------------------

    def decided(
        self,
        case: SimCase,
        transition: TransitionDef,
        event_id: int,
        moment: datetime,
        sent_on: date | None,
    ) -> None:
        """After a decision (the walker's on_decision): perhaps a bezwaarschrift against it."""
        rng = self.rng
        if case.person_id is None and case.household_id is None:
            return
        if transition.letter is not None and sent_on is None:
            return  # not made known yet
        outcome = f"{transition.trigger} {case.result or ''}"
        refused = any(word in outcome for word in REFUSING)
        if rng.random() >= OBJECTED["refused" if refused else "granted"]:
            return
        decided_on = clock.local_date(moment)
        made_known = sent_on or decided_on + timedelta(days=rng.randint(1, 3))
        ends_on = lodging_term(made_known, made_known, None, self.calendar).ends_on
        if rng.random() < LATE:
            received = ends_on + timedelta(days=rng.randint(1, 30))
        else:
            received = made_known + timedelta(days=rng.randint(2, (ends_on - made_known).days))
        posted = None
        if rng.random() < POSTED:
            posted = max(made_known, received - timedelta(days=rng.randint(1, 9)))
        term = lodging_term(made_known, received, posted, self.calendar)
        excused = not term.in_time and rng.random() < EXCUSED
        opened = self._working_moment(received + timedelta(days=rng.randint(0, 4)))
        if opened >= self.end:
            return
        data: Row = {
            "bestreden_zaak": case.id,
            "bekendgemaakt_op": made_known,
            "ontvangen_op": received,
            "verzonden_op": posted,
            "bezwaartermijn_einde": term.ends_on,
            "tijdig": term.in_time,
            "gronden": GROUNDS,
        }
        if excused:
            data["verschoonbaar"] = EXCUSE
        objection = self._open("bezwaar", case, case, opened, data, self.walker.route)
        if term.in_time or excused:
            objection.fixed["resultaat"] = _pick(rng, OBJECTION_RESULTS)
        else:
            objection.fixed["resultaat"] = NOT_ADMISSIBLE
        objection.links["contested"] = case
        objection.leaning = dict(OBJECTION_LEANING)
        self.tables.add(
            "objections",
            {
                "case_id": objection.id,
                "contested_case_id": case.id,
                "contested_event_id": event_id,
                "made_known_on": made_known,
                "received_on": received,
                "posted_on": posted,
                "lodging_ends_on": term.ends_on,
                "in_time": term.in_time,
                "excused": excused,
                "excuse": EXCUSE if excused else None,
            },
        )
        self.walker.pending.append(objection)

    def upheld(self, case: SimCase, transition: TransitionDef, data: Row, moment: datetime) -> Row:
        """The effect nieuw_besluit_bij_gegrond_bezwaar: a new decision of the contested type
        for the same client, following from the bezwaar case."""
        contested = case.links.get("contested")
        if contested is None or data.get("resultaat") not in UPHELD:
            return {}
        walker = self.walker
        workflow = walker.local(walker.registry[contested.case_type], contested.municipality_id)
        new = walker.open_case(
            workflow,
            municipality_id=contested.municipality_id,
            team_id=walker.route(workflow.domain, contested),
            person_id=contested.person_id,
            household_id=contested.household_id,
            intake_id=contested.intake_id,
            parent=case,
            actor_id=case.assignee_id,
            moment=moment,
            data={"vervolg_op": case.id, "heroverweging_van": contested.id},
            melding=handed_on(contested),
        )
        walker.pending.append(new)
        return {"nieuw_besluit": new.id}

    # -- after a case is walked: beroep, klacht -------------------------------------------------

    def after_walk(self, case: SimCase) -> list[SimCase]:
        """The cases that follow a walked case from outside its workflow."""
        if case.case_type == "bezwaar":
            return self._appeal(case)
        if case.case_type in ("beroep", "klacht") or case.team_id is None:
            return []
        return self._complaint(case)

    def _appeal(self, objection: SimCase) -> list[SimCase]:
        rng = self.rng
        if objection.closed_at is None or objection.state != "besloten":
            return []
        if objection.result in UPHELD or rng.random() >= APPEALED:
            return []
        filed = clock.local_date(objection.closed_at) + timedelta(days=rng.randint(10, 42))
        opened = self._working_moment(filed + timedelta(days=rng.randint(0, 3)))
        if opened >= self.end:
            return []
        court = DEFAULT_COURT["beroep"]
        data: Row = {"beroep_tegen": objection.id, "ingesteld_op": filed, "rechter": court}

        def same_team(domain: str, case: SimCase) -> int:
            # The team that handled the objection handles its appeal.
            return objection.team_id or 0

        appeal = self._open("beroep", objection, objection, opened, data, same_team)
        appeal.fixed["resultaat"] = _pick(rng, APPEAL_RESULTS)
        self.tables.add(
            "appeals",
            {
                "case_id": appeal.id,
                "contested_case_id": objection.id,
                "level": "beroep",
                "court": court,
                "filed_on": filed,
            },
        )
        return [appeal]

    def _complaint(self, case: SimCase) -> list[SimCase]:
        rng = self.rng
        if rng.random() >= COMPLAINED:
            return []
        received = clock.local_date(case.opened_at) + timedelta(days=rng.randint(3, 60))
        opened = self._working_moment(received + timedelta(days=rng.randint(0, 3)))
        if opened >= self.end:
            return []
        about = None if rng.random() < ABOUT_NO_CASE else case
        data: Row = {"ontvangen_op": received, "klacht": COMPLAINT}
        if about is None:
            data["klager"] = "J. Custers"
        complaint = self._open("klacht", case, about, opened, data, self.walker.route)
        complaint.fixed["resultaat"] = _pick(rng, COMPLAINT_RESULTS)
        self.tables.add(
            "complaints",
            {
                "case_id": complaint.id,
                "team_id": case.team_id,
                "about_case_id": about.id if about else None,
                "received_on": received,
                "channel": _pick(rng, CHANNELS),
            },
        )
        return [complaint]

    # -- helpers -----------------------------------------------------------------------------

    def _open(
        self,
        case_type: str,
        origin: SimCase,
        client_of: SimCase | None,
        moment: datetime,
        data: Row,
        route: Callable[[str, SimCase], int],
    ) -> SimCase:
        """A case registered by someone of the team it goes to (`start_case`, no parent)."""
        walker = self.walker
        workflow: Workflow = walker.local(walker.registry[case_type], origin.municipality_id)
        team_id = route(workflow.domain, origin)
        return walker.open_case(
            workflow,
            municipality_id=origin.municipality_id,
            team_id=team_id,
            person_id=client_of.person_id if client_of else None,
            household_id=client_of.household_id if client_of and case_type != "klacht" else None,
            intake_id=None,
            parent=None,
            actor_id=self.rng.choice(self.staff[team_id].handlers),
            moment=moment,
            data=to_json({k: v for k, v in data.items() if v is not None}),
        )

    def _working_moment(self, day: date) -> datetime:
        """Some time during office hours on `day`, in UTC."""
        start = datetime.combine(day, time(8, 30), tzinfo=clock.LOCAL_TZ)
        return (start + timedelta(minutes=self.rng.randint(0, 8 * 60))).astimezone(UTC)


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


__all__ = ["OBJECTION_TABLES", "Objections"]
