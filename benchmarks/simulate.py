"""Case histories walked in memory by the rules of the workflow definitions.

The walk does what `caseflow.workflow.engine.fire` does to a case, its events and its deadlines,
without a database round trip per step: which terms start, stop, lapse, suspend or resume comes
from the engine's own `caseflow.workflow.deadline_rules`, applied to in-memory rows the way
`caseflow.workflow.deadline_effects.apply_deadline_effects` applies them to Deadline rows, and
every due date comes from `caseflow.deadlines.legal_due_date`. `benchmarks.verify` replays a
sample of the written cases through the engine's own deadline code to prove the two agree.
"""

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from benchmarks.papers import Papers
from benchmarks.sim_deadlines import DeadlineSteps
from benchmarks.sim_model import (
    DueDates,
    Ids,
    Row,
    SimCase,
    SimDeadline,
    SimSuspension,
    Staff,
    Tables,
)
from caseflow import clock
from caseflow.letters.kinds import KINDS
from caseflow.models import DeadlineStatus
from caseflow.retention import anniversary_after
from caseflow.workflow.effects import OBJECTION_CLAUSE
from caseflow.workflow.engine import ASSIGN_TRIGGER, CREATE_TRIGGER, NOTE_TRIGGER
from caseflow.workflow.fields import field_def, to_json
from caseflow.workflow.melding import place
from caseflow.workflow.papers import LETTER_SENT
from caseflow.workflow.schema import StateDef, TransitionDef, Workflow

DecisionHook = Callable[[SimCase, TransitionDef, int, datetime, date | None], None]
FILLER = "Besproken met de inwoner; afspraken vastgelegd in het dossier."
RARE = ("intrekken", "terugsturen", "beeindigen", "spoed", "escaleren", "verdagen")
LIFE_DOMAIN_CODES = ("financien", "huisvesting", "sociaal_netwerk", "werk_opleiding")


class Walker(DeadlineSteps):
    """Moves simulated cases the way the engine would and collects the rows it would write."""

    def __init__(
        self,
        rng: random.Random,
        ids: Ids,
        due: DueDates,
        staff: dict[int, Staff],
        route: Callable[[str, SimCase], int],
        local: Callable[[Workflow, int], Workflow],
        tables: Tables,
    ) -> None:
        self.rng = rng
        self.ids = ids
        self.due = due
        self.staff = staff
        self.route = route
        self.local = local
        self.tables = tables
        self.registry: dict[str, Workflow] = {}
        # What a transition's named effects write (benchmarks.registers, benchmarks.objections);
        # each returns what its event records.
        self.effects: dict[str, Callable[[SimCase, TransitionDef, Row, datetime], Row]] = {}
        # The letters transitions draft and send (benchmarks.papers).
        self.papers: Papers | None = None
        # After a decision: its case, transition, event id, moment, the day its letter went.
        self.on_decision: DecisionHook | None = None
        # Cases the hooks opened (an objection, a new decision), for the walk to hand on.
        self.pending: list[SimCase] = []
        self.skipped_guards: set[str] = set()
        self.guards: dict[str, Callable[[SimCase, TransitionDef], bool]] = {
            "heeft_behandelaar": lambda c, t: c.assignee_id is not None,
            "heeft_client": lambda c, t: c.person_id is not None or c.household_id is not None,
            "onderzoeksverslag_aanwezig": lambda c, t: _recorded(c, "verslag"),
            "plan_vastgelegd": lambda c, t: _recorded(c, "plan"),
            "datum_in_toekomst": lambda c, t: True,  # every generated *_tot date is ahead
            "datum_niet_in_toekomst": lambda c, t: True,  # a date with a default is today's
            "ontvangst_bevestigd": lambda c, t: _recorded(c, "ontvangst_bevestigd_op"),
            "gewezen_op_persoonlijk_plan": lambda c, t: _recorded(c, "persoonlijk_plan_aangeboden"),
            "gewezen_op_clientondersteuning": lambda c, t: _recorded(
                c, "clientondersteuning_aangeboden"
            ),
            "verslag_verstrekt": lambda c, t: _recorded(c, "verslag_verstrekt_op"),
            "behandelaar_is_regisseur": self._assignee_is_regisseur,
            "nog_niet_verdaagd": lambda c, t: not c.has_extension,
            "regisseur_van_huishouden": self._assignee_directs,
            "gezinsplan_compleet": lambda c, t: c.plan is not None,
            "gezinsplan_afgesloten": lambda c, t: True,  # the plan ends with the transition
            # Heard, or a ground not to hear recorded, in the case itself (Awb 7:2, 9:10).
            "gehoord_of_grond_vastgelegd": lambda c, t: bool(
                c.recorded & {"hoorverslag", "grond_niet_horen"}
            ),
            # A late objection that is not excusable gets niet_ontvankelijk (SimCase.fixed).
            "ontvankelijk_of_niet_ontvankelijk": lambda c, t: True,
        }

    # -- creating -------------------------------------------------------------------------

    def open_case(
        self,
        workflow: Workflow,
        *,
        municipality_id: int,
        team_id: int | None,
        person_id: int | None,
        household_id: int | None,
        intake_id: int | None,
        parent: SimCase | None,
        actor_id: int | None,
        moment: datetime,
        data: Row,
        melding: tuple[date, str] | None = None,
    ) -> SimCase:
        case = SimCase(
            id=self.ids.take("cases"),
            case_type=workflow.name,
            workflow=workflow,
            state=workflow.initial,
            municipality_id=municipality_id,
            team_id=team_id,
            assignee_id=None,
            person_id=person_id,
            household_id=household_id,
            intake_id=intake_id,
            parent=parent,
            opened_at=moment,
            state_entered_at=moment,
            last_event_at=moment,
            melding_date=melding[0] if melding else None,
            melding_via=melding[1] if melding else None,
        )
        self._event(case, CREATE_TRIGGER, None, workflow.initial, actor_id, moment, None, data)
        self._deadline_effects(case, workflow, None, None, {}, actor_id, moment)
        return case

    # -- walking --------------------------------------------------------------------------

    def walk(self, case: SimCase, end: datetime, max_steps: int = 24) -> list[SimCase]:
        """Take steps until the case closes, runs out of steps or reaches `end`; return the
        follow-up cases it opened (not yet walked)."""
        rng = self.rng
        staff = self.staff.get(case.team_id or 0)
        moment = case.last_event_at
        opened: list[SimCase] = []
        if staff is not None and rng.random() < 0.9:
            moment += timedelta(seconds=rng.randint(600, 2 * 86400))
            if moment < end:
                self._assign_first(case, staff, moment)
        for _ in range(max_steps):
            moment += timedelta(seconds=rng.randint(2 * 3600, 9 * 86400))
            if moment >= end or case.closed:
                break
            if rng.random() < 0.5:
                self._note(case, moment - timedelta(seconds=rng.randint(60, 3600)))
            step = self._choose(case)
            if step is None:
                break
            transition, actor_id = step
            follow_up = self.fire(case, transition, actor_id, moment)
            if follow_up is not None:
                opened.append(follow_up)
            # A letter sent after the step: the next step comes after it.
            moment = max(moment, case.last_event_at)
        opened.extend(self.pending)
        self.pending.clear()
        return opened

    def _assign_first(self, case: SimCase, staff: Staff, moment: datetime) -> None:
        pool = staff.regisseurs if case.workflow.domain == "integraal" else staff.handlers
        if not pool:
            return
        assignee = self.rng.choice(pool)
        if self.rng.random() < 0.8:
            self._assign(case, assignee, assignee, None, moment)
        else:
            reason = "Verdeling werkvoorraad in het teamoverleg."
            self._assign(case, assignee, staff.manager, reason, moment)

    def _assign(
        self, case: SimCase, assignee: int, actor: int, reason: str | None, moment: datetime
    ) -> None:
        data = {"van": case.assignee_id, "naar": assignee}
        self._event(case, ASSIGN_TRIGGER, case.state, case.state, actor, moment, reason, data)
        case.assignee_id = assignee

    def _note(self, case: SimCase, moment: datetime) -> None:
        if moment <= case.last_event_at:
            return
        author = case.assignee_id or (self.staff[case.team_id].manager if case.team_id else None)
        if author is None:
            return
        self.tables.add(
            "notes",
            {
                "id": self.ids.take("notes"),
                "case_id": case.id,
                "author_id": author,
                "created_at": moment,
                "text": FILLER,
            },
        )
        self._event(case, NOTE_TRIGGER, case.state, case.state, author, moment, None, {})

    def _choose(self, case: SimCase) -> tuple[TransitionDef, int | None] | None:
        options: list[tuple[TransitionDef, int | None]] = []
        weights: list[float] = []
        for transition in case.workflow.transitions_from(case.state):
            if not self._allowed(case, transition):
                continue
            actor = self._actor(case, transition)
            if actor is False:
                continue
            weight = 0.08 if transition.trigger.startswith(RARE) else 1.0
            if transition.dest == case.state:
                # Recording the same report twice is rare; an extension is the exception.
                weight = 0.1 if _requires_recorded(case, transition) else 0.6
            # Loops (ask for information again, evaluate again) get rarer each round, and a
            # case that has been worked on for a while moves towards its end: no case is left
            # open for years unless its history says so.
            steps = sum(case.taken.values())
            weight *= 0.35 ** case.taken.get(transition.trigger, 0)
            weight *= case.leaning.get(transition.trigger, 1.0)
            if case.workflow.states[transition.dest].final and weight >= 1.0:
                weight *= 1 + 0.4 * steps
            options.append((transition, actor if isinstance(actor, int) else None))
            weights.append(weight)
        if not options:
            return None
        return self.rng.choices(options, weights)[0]

    def _allowed(self, case: SimCase, transition: TransitionDef) -> bool:
        for name in transition.guards:
            check = self.guards.get(name)
            if check is None:
                self.skipped_guards.add(name)
                return False
            if not check(case, transition):
                return False
        if transition.extends is not None:
            deadline = _current(case, transition.extends)
            spec = case.workflow.deadlines[transition.extends]
            if deadline is None or deadline.status == DeadlineStatus.STOPPED:
                return False
            if spec.extendable_weeks - deadline.extension_weeks < 1:
                return False
        return transition.creates is None or case.team_id is not None

    def _actor(self, case: SimCase, transition: TransitionDef) -> int | bool | None:
        """Someone holding one of the roles: the assignee, a colleague, the team manager."""
        roles = transition.roles
        staff = self.staff.get(case.team_id or 0)
        if staff is None:
            return None if "systeem" in roles else False
        if case.assignee_id is not None and (
            "consulent" in roles
            or "toegang" in roles
            or ("regisseur" in roles and case.assignee_id in staff.regisseurs)
            or roles & staff.roles
        ):
            return case.assignee_id
        if roles & staff.roles and staff.handlers:
            return self.rng.choice(staff.handlers)
        if "regisseur" in roles and staff.regisseurs:
            return self.rng.choice(staff.regisseurs)
        if ("consulent" in roles or "toegang" in roles) and staff.handlers:
            return self.rng.choice(staff.handlers)
        if "teammanager" in roles:
            return staff.manager
        return None if "systeem" in roles else False

    def _assignee_is_regisseur(self, case: SimCase, transition: TransitionDef) -> bool:
        staff = self.staff.get(case.team_id or 0)
        return staff is not None and case.assignee_id in staff.regisseurs

    def _assignee_directs(self, case: SimCase, transition: TransitionDef) -> bool:
        return case.household_id is not None and case.assignee_id is not None

    def fire(
        self, case: SimCase, transition: TransitionDef, actor_id: int | None, moment: datetime
    ) -> SimCase | None:
        """One transition as the engine makes it; returns the follow-up case it opens."""
        workflow = case.workflow
        dest = workflow.states[transition.dest]
        data = self._data(case, workflow, transition, dest, moment)
        if "regisseur_van_huishouden" in transition.guards and case.director is None:
            self._start_director(case, moment)
        if dest.final and case.plan is not None:
            # The plan page ends the plan just before the case closes (gezinsplan_afgesloten).
            case.plan["ended_at"] = moment - timedelta(minutes=1)
        from_state = case.state
        case.taken[transition.trigger] = case.taken.get(transition.trigger, 0) + 1
        recorded: Row = {}
        if transition.decision_basis is not None:
            recorded |= {
                "beschikking": transition.label,
                "grondslag": transition.decision_basis,
                "bezwaar": OBJECTION_CLAUSE,
            }
        for name in transition.effects:
            effect = self.effects.get(name)
            if effect is not None:
                recorded |= effect(case, transition, data, moment)
        kind = transition.letter.kind_for(data) if transition.letter else None
        letter = None
        if kind is not None and self.papers is not None:
            letter = self.papers.draft(case, kind, transition, data, actor_id, moment)
            recorded |= {"brief": KINDS[kind].label}
        event_id = self._event(
            case,
            transition.trigger,
            from_state,
            transition.dest,
            actor_id,
            moment,
            data.get("reden"),
            to_json(data) | recorded,
        )
        case.state = transition.dest
        if from_state != transition.dest:
            case.state_entered_at = moment
        if dest.final:
            case.closed_at = moment
            case.result = data.get("resultaat") or transition.dest
            case.destroy_from = _destroy_from(case, moment)
            if case.director is not None:
                case.director["ended_at"] = moment
                case.director["ended_by_id"] = actor_id
                case.director["end_reason"] = "Zaak afgesloten."
        self._deadline_effects(case, workflow, transition, from_state, data, actor_id, moment)
        if transition.extends is not None:
            case.has_extension = True
        follow_type = transition.creates.case_type_for(data) if transition.creates else None
        follow_up = self._follow_up(case, follow_type, actor_id, moment) if follow_type else None
        sent_on = self._send(case, letter, actor_id) if letter is not None else None
        if transition.decision_basis is not None and self.on_decision is not None:
            self.on_decision(case, transition, event_id, moment, sent_on)
        return follow_up

    def _follow_up(
        self, case: SimCase, follow_type: str, actor_id: int | None, moment: datetime
    ) -> SimCase:
        follow = self.registry[follow_type]
        municipality_workflow = self.local(follow, case.municipality_id)
        return self.open_case(
            municipality_workflow,
            municipality_id=case.municipality_id,
            team_id=self.route(follow.domain, case),
            person_id=case.person_id,
            household_id=case.household_id,
            intake_id=case.intake_id,
            parent=case,
            actor_id=actor_id,
            moment=moment,
            data={"vervolg_op": case.id},
            melding=handed_on(case),
        )

    def _send(self, case: SimCase, letter: Row, actor_id: int | None) -> date | None:
        """Send a drafted letter later, as `send_letter` does; the day it went, if it went."""
        assert self.papers is not None
        sender = actor_id or case.assignee_id
        sent_at = self.papers.send_moment(letter["created_at"])
        if sender is None or sent_at is None:
            return None
        data = self.papers.send(case, letter, sender, sent_at)
        kind = KINDS[letter["kind"]]
        sent_on = clock.local_date(sent_at)
        if kind.suspends_when_sent:
            titles = self.suspend_on_sending(case, sent_on, sender, f"{kind.label} verstuurd")
            if titles:
                data["opgeschort"] = ", ".join(titles)
        self._event(case, LETTER_SENT, case.state, case.state, sender, sent_at, None, data)
        return sent_on

    def _data(
        self,
        case: SimCase,
        workflow: Workflow,
        transition: TransitionDef,
        dest: StateDef,
        moment: datetime,
    ) -> Row:
        rng = self.rng
        today = clock.local_date(moment)
        data: Row = {}
        for name in (*transition.requires, *transition.optional):
            if name in case.fixed:
                data[name] = case.fixed[name]
                continue
            needed = transition.requires_for.get(str(data.get("resultaat")), ())
            if name not in transition.requires and name not in needed and rng.random() < 0.5:
                continue
            definition = field_def(workflow.fields, name, dest)
            if name == "weken":
                deadline = _current(case, transition.extends or "")
                spec = workflow.deadlines.get(transition.extends or "")
                left = (spec.extendable_weeks if spec else 1) - (
                    deadline.extension_weeks if deadline else 0
                )
                data[name] = rng.randint(1, max(1, min(left, 6)))
            elif definition.type == "text":
                data[name] = FILLER
            elif definition.type == "date" and definition.default == "today":
                data[name] = today  # what the form offers
            elif definition.type == "date":
                data[name] = today + timedelta(days=rng.randint(7, 21))
            elif definition.type == "int":
                low = definition.minimum or 1
                high = max(low, min(definition.maximum or low + 100, low + 2000))
                data[name] = rng.randint(low, high)
            elif definition.type == "choice":
                data[name] = rng.choice(sorted(definition.options))
            elif definition.type == "rows":
                continue  # a decision's products: the decisions hook writes and records them
            else:
                data[name] = True  # a bool records that something was done
        return data

    def _start_director(self, case: SimCase, moment: datetime) -> None:
        assert case.household_id is not None and case.assignee_id is not None
        case.director = {
            "id": self.ids.take("household_directors"),
            "household_id": case.household_id,
            "director_id": case.assignee_id,
            "team_id": case.team_id,
            "started_at": moment - timedelta(hours=1),
            "started_by_id": self.staff[case.team_id or 0].manager if case.team_id else None,
            "start_reason": "Besloten in het casusoverleg.",
            "ended_at": None,
            "ended_by_id": None,
            "end_reason": None,
        }

    # -- rows -----------------------------------------------------------------------------

    def _event(
        self,
        case: SimCase,
        trigger: str,
        from_state: str | None,
        to_state: str,
        actor_id: int | None,
        moment: datetime,
        reason: str | None,
        data: Row,
    ) -> int:
        seconds = max(0, int((moment - case.last_event_at).total_seconds()))
        event_id = self.ids.take("case_events")
        self.tables.add(
            "case_events",
            {
                "id": event_id,
                "case_id": case.id,
                "trigger": trigger,
                "from_state": from_state,
                "to_state": to_state,
                "actor_id": actor_id,
                "occurred_at": moment,
                "seconds_in_previous_state": seconds,
                "reason": reason,
                "data": data,
            },
        )
        case.last_event_at = moment
        case.version += 1
        for key, value in data.items():
            if value:
                case.recorded.add(key)
                case.values[key] = value
        return event_id

    def case_rows(self, case: SimCase) -> None:
        """The final rows of a walked case: the case, its deadlines, plan and director."""
        self.tables.add(
            "cases",
            {
                "id": case.id,
                "case_type": case.case_type,
                "state": case.state,
                "municipality_id": case.municipality_id,
                "team_id": case.team_id,
                "assignee_id": case.assignee_id,
                "person_id": case.person_id,
                "household_id": case.household_id,
                "intake_id": case.intake_id,
                "parent_id": case.parent.id if case.parent else None,
                "opened_at": case.opened_at,
                "melding_date": case.melding_date,
                "melding_via": case.melding_via,
                "closed_at": case.closed_at,
                "result": case.result,
                "state_entered_at": case.state_entered_at,
                "last_event_at": case.last_event_at,
                "version": case.version,
                "destroy_from": case.destroy_from,
            },
        )
        self.deadline_rows(case)
        if case.director is not None:
            self.tables.add("household_directors", case.director)
        if case.plan is not None:
            self.tables.add("household_plans", case.plan)


def handed_on(origin: SimCase) -> tuple[date, str]:
    """caseflow.workflow.melding.handed_on for a walked case."""
    if origin.melding_date is not None:
        return origin.melding_date, origin.melding_via or ""
    opened = clock.local_date(origin.opened_at)
    reference = f"Z-{clock.to_local(origin.opened_at).year}-{origin.id:06d}"
    return opened, place(origin.workflow.domain, reference)


def _current(case: SimCase, code: str) -> SimDeadline | None:
    found = None
    for deadline in case.deadlines:
        if deadline.code == code:
            found = deadline
    return found


def _recorded(case: SimCase, key: str) -> bool:
    current: SimCase | None = case
    while current is not None:
        if key in current.recorded:
            return True
        current = current.parent
    return False


def _requires_recorded(case: SimCase, transition: TransitionDef) -> bool:
    return any(name in case.recorded for name in transition.requires if name != "reden")


def _destroy_from(case: SimCase, closed: datetime) -> date | None:
    """As caseflow.retention.destroy_from: from the close, or the end of what it granted."""
    retention = case.workflow.retention
    if retention is None or any(end is None for end in case.granted_ends):
        return None
    ends = [e for e in case.granted_ends if e is not None]
    return anniversary_after(max([clock.local_date(closed), *ends]), retention.years)


__all__ = [
    "DueDates",
    "Ids",
    "Row",
    "SimCase",
    "SimDeadline",
    "SimSuspension",
    "Staff",
    "Tables",
    "Walker",
    "handed_on",
]
