"""Who receives a follow-up case: the handler of the case it comes from, whenever they can.

One point of contact: the consultant who did the Wmo onderzoek keeps the aanvraag, so the client
does not meet someone new and nobody has to claim the case again. The source handler receives
the follow-up only when they can work on it there: active, working for the municipality, a member
of the receiving team, and holding a role that can take every step out of the follow-up's first
state. Otherwise it opens unassigned for that team, as before, and its creation event says why.
A team manager who decides otherwise reassigns it with a reason (`engine.assign`).

The creation event records the handover as facts the reports count (`van`/`naar` for the handler,
`team_van`/`team_naar` for the team), in the same keys a reassignment or a team move uses.
"""

from dataclasses import dataclass
from typing import Any

from caseflow.models.cases import Case
from caseflow.models.organisation import ROLE_LABELS, Role, Team, User
from caseflow.permissions import HANDLE_CASES
from caseflow.workflow.schema import Workflow

# The Dutch line in the follow-up's timeline that says who received it, or why nobody did.
HANDOVER_NOTE = "toewijzing"


@dataclass(frozen=True)
class Receiver:
    """The handler a follow-up opens with (None: the team picks one), and the Dutch why."""

    handler: User | None
    note: str


def handler_roles(workflow: Workflow) -> frozenset[str]:
    """The handler roles that may take every step forward out of the workflow's first state.

    A handler who could take only some of them would be stuck at the first real step (a front-door
    worker may note a personal plan on a Wmo melding, but only a consultant starts the onderzoek).
    """
    forward = [
        t for t in workflow.transitions_from(workflow.initial) if not workflow.states[t.dest].final
    ]
    roles: set[str] = set(HANDLE_CASES.roles)
    for transition in forward:
        roles &= transition.roles
    return frozenset(roles)


def receiver(source: Case, workflow: Workflow, team: Team) -> Receiver:
    """The source case's handler when they can handle the follow-up in `team`, else nobody."""
    handler = source.assignee
    if handler is None:
        return Receiver(
            None, "Niet toegewezen: de zaak waar deze uit voortkomt had geen behandelaar."
        )
    name = handler.full_name
    needed = handler_roles(workflow)
    if not handler.is_active:
        why = f"{name} is niet meer actief"
    elif not handler.serves(source.municipality_id):
        why = f"{name} werkt niet voor {source.municipality.name}"
    elif all(member.id != handler.id for member in team.members):
        why = f"{name} hoort niet bij {team.name}"
    elif handler.roles.isdisjoint(needed):
        why = f"{name} heeft niet de rol die deze zaak vraagt ({_role_names(needed)})"
    else:
        return Receiver(handler, f"Toegewezen aan {name}, die de vorige zaak behandelde.")
    return Receiver(None, f"Niet toegewezen: {why}. Het team wijst een behandelaar toe.")


def handover(source: Case, team: Team, received: Receiver) -> dict[str, Any]:
    """What the follow-up's creation event records about the step from `source` to it."""
    return {
        "van": source.assignee_id,
        "naar": received.handler.id if received.handler else None,
        "team_van": source.team_id,
        "team_naar": team.id,
        HANDOVER_NOTE: received.note,
    }


def _role_names(roles: frozenset[str]) -> str:
    if not roles:
        return "geen enkele behandelaarsrol kan alle eerste stappen zetten"
    return " of ".join(ROLE_LABELS[Role(r)].lower() for r in sorted(roles))
