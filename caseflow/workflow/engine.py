"""The one door for change: every case is created and moved here, each step in a savepoint of
the caller's unit of work."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from caseflow import clock
from caseflow.extensions import db
from caseflow.models.cases import Case, CaseEvent, Intake, Note
from caseflow.models.clients import Household, Person
from caseflow.models.organisation import ROLE_LABELS, Municipality, Role, Team, User
from caseflow.permissions import ASSIGN_CASES, HANDLE_CASES, WORK_ON_CASES
from caseflow.retention import destroy_from
from caseflow.routing import route
from caseflow.scope.queries import unscoped
from caseflow.workflow.deadline_effects import apply_deadline_effects, extension_problem
from caseflow.workflow.effects import Step, run_effects
from caseflow.workflow.errors import (
    GuardFailed,
    InvalidData,
    NotAuthorised,
    TriggerNotAllowed,
    UnknownTrigger,
)
from caseflow.workflow.fields import clean_data, field_def, to_json
from caseflow.workflow.follow_up import handover, receiver
from caseflow.workflow.guards import GUARDS
from caseflow.workflow.loader import SYSTEM_ROLE
from caseflow.workflow.melding import Melding, from_intake, handed_on
from caseflow.workflow.registry import registry
from caseflow.workflow.schema import FieldDef, TransitionDef, Workflow
from caseflow.workflow.transaction import in_transaction, lock_case, seconds_since

CREATE_TRIGGER = "aanmaken"
ASSIGN_TRIGGER = "toewijzen"
NOTE_TRIGGER = "notitie"
DESTROY_TRIGGER = "vernietigd"


@dataclass(frozen=True)
class TriggerOption:
    """One action on a case as a user sees it: possible now, or not and why."""

    trigger: str
    label: str
    dest: str
    allowed: bool
    reasons: tuple[str, ...]
    fields: tuple[FieldDef, ...]
    required: frozenset[str]
    # The page that carries this transition, when the generic action form does not.
    page: str | None = None


class _StateHolder:
    """What the shared transitions machine moves: only the state, never the case row itself."""

    def __init__(self, state: str) -> None:
        self.state = state


def workflow_for(case: Case) -> Workflow:
    return registry().get(case.case_type).for_municipality(case.municipality.code)


def start_case(
    case_type: str,
    *,
    municipality: Municipality,
    actor: User | None,
    person: Person | None = None,
    household: Household | None = None,
    intake: Intake | None = None,
    parent: Case | None = None,
    team: Team | None = None,
    assignee: User | None = None,
    data: Mapping[str, Any] | None = None,
) -> Case:
    """Open a case in its initial state, with its creation event and starting deadlines.

    The case an intake opens takes its melding from the intake; any other case opened here is
    its own first contact.
    """
    with in_transaction():
        return _create_case(
            case_type,
            municipality=municipality,
            actor=actor,
            person=person,
            household=household,
            intake=intake,
            parent=parent,
            team=team,
            assignee=assignee,
            data=data or {},
            melding=from_intake(intake) if intake is not None and parent is None else None,
        )


def _create_case(
    case_type: str,
    *,
    municipality: Municipality,
    actor: User | None,
    person: Person | None,
    household: Household | None,
    intake: Intake | None,
    parent: Case | None,
    team: Team | None,
    assignee: User | None,
    data: Mapping[str, Any],
    melding: Melding | None,
    roles: Iterable[str] | None = None,
) -> Case:
    workflow = registry().get(case_type).for_municipality(municipality.code)
    _authorise(actor, workflow.start_roles if roles is None else roles, municipality.id)
    now = clock.now()
    case = Case(
        case_type=case_type,
        definition_version=workflow.version,
        state=workflow.initial,
        municipality=municipality,
        person=person,
        household=household,
        intake=intake,
        parent_id=parent.id if parent else None,
        team=team,
        assignee=assignee,
        opened_at=now,
        melding_date=melding.day if melding else None,
        melding_via=melding.via if melding else None,
        state_entered_at=now,
        last_event_at=now,
    )
    db.session.add(case)
    _append_event(case, CREATE_TRIGGER, None, actor, now, data=to_json(data))
    apply_deadline_effects(case, [], workflow, None, None, {}, actor, clock.local_date(now))
    return case


def _append_event(
    case: Case,
    trigger: str,
    from_state: str | None,
    actor: User | None,
    now: datetime,
    *,
    data: dict[str, Any] | None = None,
    reason: str | None = None,
) -> CaseEvent:
    """The case's next event, from `from_state` to where the case is now."""
    event = CaseEvent(
        case=case,
        trigger=trigger,
        from_state=from_state,
        to_state=case.state,
        actor_id=actor.id if actor else None,
        occurred_at=now,
        seconds_in_previous_state=0 if from_state is None else seconds_since(case, now),
        reason=reason,
        data=data or {},
    )
    db.session.add(event)
    case.last_event_at = now
    return event


def _open_follow_up(
    case: Case, transition: TransitionDef, actor: User | None, data: Mapping[str, Any]
) -> Case | None:
    """The case a transition opens (e.g. a Wmo melding after the intake)."""
    case_type = transition.creates.case_type_for(data) if transition.creates else None
    if case_type is None:
        return None
    return open_follow_up(case, case_type, actor, roles=transition.roles)


def open_follow_up(
    origin: Case,
    case_type: str,
    actor: User | None,
    *,
    roles: Iterable[str],
    client_of: Case | None = None,
    data: Mapping[str, Any] | None = None,
) -> Case:
    """A case that follows from `origin`, routed to its team and, when they can take it there,
    given to the handler of the case it comes from. Only inside a transition: its effects
    (`caseflow.workflow.effects`) and `creates` call it, with the transition's `roles`, since
    the transition that opens it was authorised and its consequence needs no start role.

    `client_of` is the case whose client, intake, melding and handler it takes, when that is
    not `origin` itself (the new decision after an upheld bezwaar takes the contested decision's).
    """
    source = client_of or origin
    workflow = registry().get(case_type).for_municipality(source.municipality.code)
    team = route(workflow.domain, source.municipality, source.person)
    received = receiver(source, workflow, team)
    return _create_case(
        case_type,
        municipality=source.municipality,
        actor=actor,
        person=source.person,
        household=source.household,
        intake=source.intake,
        parent=origin,
        team=team,
        # One point of contact: the source's handler keeps the client when they can.
        assignee=received.handler,
        data={"vervolg_op": origin.id, **(data or {})} | handover(source, team, received),
        melding=handed_on(source),
        roles=roles,
    )


def fire(
    case: Case,
    trigger: str,
    actor: User | None,
    data: Mapping[str, Any] | None = None,
    *,
    expected_version: int | None = None,
) -> CaseEvent:
    """Move `case` by `trigger` on behalf of `actor` (None: the system) or raise a WorkflowError.

    `data` is what the user gave; only the fields the transition declares are read from it.
    The step, its effects, its event and its deadlines are flushed, never committed: the
    request or job that called owns the commit.
    """
    with in_transaction():
        workflow = workflow_for(case)
        transition = _transition(workflow, case, trigger)
        _authorise(actor, transition.roles, case.municipality_id)
        cleaned = clean_data(
            workflow.fields, transition, workflow.states[transition.dest], data or {}
        )
        lock_case(case, expected_version)
        _check_guards(workflow, transition, case, cleaned)
        return _transition_case(case, workflow, transition, actor, cleaned)


def assign(
    case: Case,
    assignee: User | None,
    actor: User,
    *,
    reason: str | None = None,
    expected_version: int | None = None,
) -> CaseEvent:
    """Claim (assign to yourself), or as team manager assign, reassign or release a case."""
    with in_transaction():
        if case.is_closed:
            raise TriggerNotAllowed("Een afgesloten zaak kan niet meer worden toegewezen.")
        claiming = assignee is not None and assignee.id == actor.id and case.assignee_id is None
        if claiming:
            _authorise(actor, HANDLE_CASES.roles, case.municipality_id)
        else:
            _authorise(actor, ASSIGN_CASES.roles, case.municipality_id)
            if not reason or not reason.strip():
                raise InvalidData({"reden": "Reden is verplicht."})
        if assignee is not None and not assignee.serves(case.municipality_id):
            raise InvalidData({"assignee": f"{assignee.full_name} werkt niet voor deze gemeente."})
        lock_case(case, expected_version)
        moved = {"van": case.assignee_id, "naar": assignee.id if assignee else None}
        event = _append_event(
            case, ASSIGN_TRIGGER, case.state, actor, clock.now(), data=moved, reason=reason
        )
        case.assignee = assignee
        return event


def add_note(case: Case, actor: User, text: str) -> Note:
    """A note on the case, shown in its timeline."""
    with in_transaction():
        if case.is_destroyed:
            raise TriggerNotAllowed("Deze zaak is vernietigd; er kan niets meer bij.")
        if not text.strip():
            raise InvalidData({"text": "Schrijf eerst een notitie."})
        _authorise(actor, WORK_ON_CASES.roles, case.municipality_id)
        lock_case(case, None)
        now = clock.now()
        note = Note(case_id=case.id, author_id=actor.id, created_at=now, text=text.strip())
        db.session.add(note)
        _append_event(case, NOTE_TRIGGER, case.state, actor, now)
        return note


def record_destruction(case: Case, actor: User) -> CaseEvent:
    """The case's personal data is gone after its retention; the skeleton and its counts stay."""
    with in_transaction():
        now = clock.now()
        case.destroyed_at = now
        return _append_event(case, DESTROY_TRIGGER, case.state, actor, now)


def can_fire(case: Case, trigger: str) -> bool:
    """Whether the case's definition lets `trigger` fire from its state (roles, guards aside)."""
    return workflow_for(case).transition(trigger, case.state) is not None


def available_triggers(case: Case, user: User | None) -> list[TriggerOption]:
    """What `user` may do with `case` now, and for what is not possible, the reasons why."""
    if case.is_closed:
        return []
    workflow = workflow_for(case)
    options = []
    for transition in workflow.transitions_from(case.state):
        reasons = []
        try:
            _authorise(user, transition.roles, case.municipality_id)
        except NotAuthorised as exc:
            reasons.append(exc.message)
        reasons += _guard_reasons(workflow, transition, case, {})
        dest = workflow.states[transition.dest]
        names = (*transition.requires, *transition.optional)
        options.append(
            TriggerOption(
                trigger=transition.trigger,
                label=transition.label,
                dest=transition.dest,
                allowed=not reasons,
                reasons=tuple(reasons),
                fields=tuple(field_def(workflow.fields, n, dest) for n in names),
                required=frozenset(transition.requires),
                page=transition.page,
            )
        )
    return options


def _transition(workflow: Workflow, case: Case, trigger: str) -> TransitionDef:
    transition = workflow.transition(trigger, case.state)
    if transition is not None:
        return transition
    if not workflow.has_trigger(trigger):
        raise UnknownTrigger(f"De actie '{trigger}' bestaat niet voor een {workflow.label}.")
    raise TriggerNotAllowed(
        f"De actie '{trigger}' kan niet in de status '{workflow.state_label(case.state)}'."
    )


def _authorise(actor: User | None, roles: Iterable[str], municipality_id: int) -> None:
    allowed = set(roles)
    if actor is None:
        if SYSTEM_ROLE not in allowed:
            raise NotAuthorised("Deze actie moet door een medewerker worden gedaan.")
        return
    if not actor.is_active:
        raise NotAuthorised("Uw account is niet actief.")
    if actor.roles.isdisjoint(allowed):
        labels = [ROLE_LABELS[Role(r)].lower() for r in sorted(allowed) if r != SYSTEM_ROLE]
        raise NotAuthorised("Alleen een " + " of ".join(labels) + " mag dit doen.")
    if not actor.serves(municipality_id):
        raise NotAuthorised("U werkt niet voor de gemeente van deze zaak.")


def _guard_reasons(
    workflow: Workflow, transition: TransitionDef, case: Case, data: Mapping[str, Any]
) -> list[str]:
    # A guard judges the case on all the facts, also when asked for a page of a scoped viewer.
    with unscoped():
        reasons = [r for name in transition.guards if (r := GUARDS[name](case, data)) is not None]
    if transition.extends is not None:
        spec = workflow.deadlines[transition.extends]
        problem = extension_problem(case.deadlines, spec, int(data.get("weken", 1)))
        if problem:
            reasons.append(problem)
    return reasons


def _check_guards(
    workflow: Workflow, transition: TransitionDef, case: Case, data: Mapping[str, Any]
) -> None:
    reasons = _guard_reasons(workflow, transition, case, data)
    if reasons:
        raise GuardFailed(reasons)


def _transition_case(
    case: Case,
    workflow: Workflow,
    transition: TransitionDef,
    actor: User | None,
    data: dict[str, Any],
) -> CaseEvent:
    machine = registry().machines[case.case_type]
    holder = _StateHolder(case.state)
    machine.events[transition.trigger].trigger(holder)
    from_state, now = case.state, clock.now()
    case.state = holder.state
    if from_state != holder.state:
        case.state_entered_at = now
    dest = workflow.states[holder.state]
    if dest.final:
        case.closed_at = now
        case.result = data.get("resultaat") or holder.state
    done = run_effects(Step(case, transition, actor, data, from_state, now))
    if dest.final:
        # Stored at close, after the effects wrote what the decision granted (caseflow.retention).
        case.destroy_from = destroy_from(case, clock.local_date(now))
    event = _append_event(
        case,
        transition.trigger,
        from_state,
        actor,
        now,
        data=to_json(data) | done,
        reason=data.get("reden"),
    )
    apply_deadline_effects(
        case,
        list(case.deadlines),
        workflow,
        transition,
        from_state,
        data,
        actor,
        clock.local_date(now),
    )
    _open_follow_up(case, transition, actor, data)
    return event
