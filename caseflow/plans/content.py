"""What the plan says: the household's wishes, goals per life domain and actions.

Goals and actions are set while the plan is a concept or being adjusted (bijgesteld); that is
what the household agrees to. Progress on an action can be recorded as long as the plan runs.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from caseflow import clock
from caseflow.domains import DOMAINS, Routing
from caseflow.extensions import db
from caseflow.models import (
    LIFE_DOMAINS,
    Case,
    Household,
    HouseholdPlan,
    PartnerOrganisation,
    Person,
    PlanAction,
    PlanGoal,
    User,
)
from caseflow.models.plans import ACTION_STATES
from caseflow.permissions import LEAD_TEAMS, WORK_ON_CASES
from caseflow.plans.directors import INTEGRAL_CASE_TYPES, active_director, lock_household
from caseflow.plans.errors import PlanError, flushed, required
from caseflow.plans.versions import lock_plan, record_version
from caseflow.routing import route
from caseflow.scope import case_scope
from caseflow.workflow.engine import assign, start_case, workflow_for
from caseflow.workflow.errors import InvalidData, NotAuthorised
from caseflow.workflow.registry import registry


@dataclass(frozen=True)
class GoalInput:
    life_domain: str
    wording: str
    start_score: int | None
    target_score: int | None


@dataclass(frozen=True)
class ActionInput:
    goal_id: int | None
    description: str
    owner_kind: str  # medewerker | zaak | nieuwe_zaak | partner | huishouden
    due_on: date | None
    owner_user_id: int | None = None
    owner_case_id: int | None = None
    new_case_domain: str | None = None
    owner_person_id: int | None = None
    partner_name: str | None = None
    partner_organisation_id: int | None = None


def active_plan(household_id: int) -> HouseholdPlan | None:
    return db.session.scalar(
        sa.select(HouseholdPlan).where(
            HouseholdPlan.household_id == household_id, HouseholdPlan.ended_at.is_(None)
        )
    )


def require_director(plan_household: Household, actor: User) -> None:
    current = active_director(plan_household.id)
    if current is None:
        raise PlanError(
            f"{plan_household.name} heeft geen regisseur. De teammanager wijst eerst een "
            "regisseur toe."
        )
    if current.director_id != actor.id:
        raise NotAuthorised(
            f"Alleen de regisseur van dit huishouden ({current.director.full_name}) werkt het "
            "plan bij."
        )


def _editable(plan: HouseholdPlan) -> None:
    if not plan.is_active or not workflow_for(plan.case).has_tag(plan.case.state, "editable"):
        raise PlanError(
            "Doelen en acties veranderen alleen in een concept of als het plan wordt bijgesteld."
        )


def start_plan(
    household: Household, actor: User, wishes: str | None, member_ids: list[int]
) -> HouseholdPlan:
    """Open the household's one plan: its gezinsplan case and the plan it will hold."""
    required(wishes=wishes)
    members = [m.person for m in household.members if m.person_id in member_ids]
    if not members:
        raise InvalidData({"member_ids": "Kies wie van het huishouden meedoet aan het plan."})
    with flushed():
        lock_household(household)
        current = active_director(household.id)
        if current is None:
            raise PlanError(
                f"{household.name} heeft nog geen regisseur. Het casusoverleg wijst eerst een "
                "regisseur toe."
            )
        if current.director_id != actor.id and not actor.may(LEAD_TEAMS):
            raise NotAuthorised("Alleen de regisseur of de teammanager start het gezinsplan.")
        if active_plan(household.id) is not None:
            raise PlanError(
                "Dit huishouden heeft al een actief gezinsplan. Werk verder in het plan dat er "
                "al is."
            )
        origin = _origin_case(household)
        case = start_case(
            "gezinsplan",
            municipality=household.municipality,
            actor=actor,
            person=_applicant(household),
            household=household,
            intake=origin.intake if origin else None,
            parent=origin,
            team=current.team or (origin.team if origin else None),
        )
        reason = None if current.director_id == actor.id else "Regisseur van het huishouden"
        assign(case, current.director, actor, reason=reason)
        plan = HouseholdPlan(
            household=household,
            case=case,
            origin_case=origin,
            wishes=(wishes or "").strip(),
            members=members,
            created_at=clock.now(),
        )
        db.session.add(plan)
        db.session.flush()  # a second active plan is refused by the database right here
        record_version(plan, actor, "Plan gestart")
    return plan


def _origin_case(household: Household) -> Case | None:
    return db.session.scalar(
        sa.select(Case)
        .where(Case.household_id == household.id, Case.case_type == INTEGRAL_CASE_TYPES[0])
        .order_by(Case.closed_at.is_not(None), Case.id.desc())
        .limit(1)
    )


def _applicant(household: Household) -> Person | None:
    members = sorted(household.members, key=lambda m: m.relation != "aanvrager")
    return members[0].person if members else None


def update_wishes(plan: HouseholdPlan, actor: User, wishes: str | None) -> None:
    required(wishes=wishes)
    with flushed():
        plan = lock_plan(plan)
        require_director(plan.household, actor)
        _editable(plan)
        plan.wishes = (wishes or "").strip()
        record_version(plan, actor, "Wensen van het huishouden aangepast")


def add_goal(plan: HouseholdPlan, actor: User, goal: GoalInput) -> PlanGoal:
    errors: dict[str, str] = {}
    if goal.life_domain not in LIFE_DOMAINS:
        errors["life_domain"] = "Kies een leefgebied."
    if not goal.wording.strip():
        errors["wording"] = "Schrijf het doel op in de woorden van het huishouden."
    for name, score in (("start_score", goal.start_score), ("target_score", goal.target_score)):
        if score is None or not 1 <= score <= 5:
            errors[name] = "Kies een score van 1 tot en met 5."
    if not errors and (goal.target_score or 0) < (goal.start_score or 0):
        errors["target_score"] = "Het doel kan niet lager liggen dan de score bij de start."
    if errors:
        raise InvalidData(errors)
    with flushed():
        plan = lock_plan(plan)
        require_director(plan.household, actor)
        _editable(plan)
        row = PlanGoal(
            plan=plan,
            life_domain=goal.life_domain,
            wording=goal.wording.strip(),
            start_score=goal.start_score,
            target_score=goal.target_score,
            current_score=goal.start_score,
            created_at=clock.now(),
        )
        db.session.add(row)
        record_version(plan, actor, f"Doel toegevoegd: {row.domain_label}")
    return row


def add_action(plan: HouseholdPlan, actor: User, action: ActionInput) -> PlanAction:
    required(description=action.description)
    if action.due_on is None:
        raise InvalidData({"due_on": "Vul in wanneer de actie klaar moet zijn."})
    if action.due_on < clock.today():
        raise InvalidData({"due_on": "Kies een datum vanaf vandaag."})
    with flushed():
        plan = lock_plan(plan)
        require_director(plan.household, actor)
        _editable(plan)
        goal = next((g for g in plan.goals if g.id == action.goal_id), None)
        if goal is None:
            raise InvalidData({"goal_id": "Kies het doel waar de actie bij hoort."})
        row = PlanAction(
            plan=plan,
            goal=goal,
            description=action.description.strip(),
            due_on=action.due_on,
            state="open",
            created_at=clock.now(),
            **_owner(plan, actor, action),
        )
        db.session.add(row)
        if row.owner_case is not None and row.owner_case not in goal.cases:
            goal.cases.append(row.owner_case)
        record_version(plan, actor, f"Actie toegevoegd: {row.description[:200]}")
    return row


def _owner(plan: HouseholdPlan, actor: User, action: ActionInput) -> dict[str, object]:
    kind = action.owner_kind
    member = next((p for p in plan.members if p.id == action.owner_person_id), None)
    if kind == "medewerker":
        staff = db.session.get(User, action.owner_user_id or 0)
        if (
            staff is None
            or not staff.is_active
            or not staff.serves(plan.case.municipality_id)
            or not staff.may(WORK_ON_CASES)
        ):
            raise InvalidData({"owner_user_id": "Kies een medewerker die met cliënten werkt."})
        return {"owner_kind": kind, "owner_user": staff}
    if kind == "zaak":
        case = next((c for c in linkable_cases(plan, actor) if c.id == action.owner_case_id), None)
        if case is None:
            raise InvalidData({"owner_case_id": "Kies een open zaak van het huishouden."})
        return {"owner_kind": kind, "owner_case": case}
    if kind == "nieuwe_zaak":
        return {"owner_kind": "zaak", "owner_case": _open_domain_case(plan, actor, action, member)}
    if kind == "partner":
        return _partner(action)
    if kind == "huishouden":
        return {"owner_kind": kind, "owner_person": member}
    raise InvalidData({"owner_kind": "Kies wie de actie uitvoert."})


def _partner(action: ActionInput) -> dict[str, object]:
    """A registered partner organisation (whose staff then see the action, with the household's
    consent), or the name of a partner that is not registered."""
    if action.partner_organisation_id:
        partner = db.session.get(PartnerOrganisation, action.partner_organisation_id)
        if partner is None or not partner.active:
            raise InvalidData(
                {"partner_organisation_id": "Kies een partnerorganisatie uit de lijst."}
            )
        return {
            "owner_kind": "partner",
            "partner_organisation": partner,
            "partner_name": partner.name,
        }
    if not (action.partner_name or "").strip():
        missing = "Kies een partnerorganisatie of vul de naam van de partner in."
        raise InvalidData({"partner_organisation_id": missing})
    return {"owner_kind": "partner", "partner_name": (action.partner_name or "").strip()}


def _open_domain_case(
    plan: HouseholdPlan, actor: User, action: ActionInput, member: Person | None
) -> Case:
    chosen = DOMAINS.get(action.new_case_domain or "")
    case_type = chosen.case_type if chosen and chosen.routing is Routing.DOMAIN_TEAM else None
    if case_type is None:
        raise InvalidData({"new_case_domain": "Kies het domein van de nieuwe zaak."})
    person = member or plan.case.person
    domain = registry().get(case_type).domain
    return start_case(
        case_type,
        municipality=plan.case.municipality,
        actor=actor,
        person=person,
        household=plan.household,
        intake=plan.case.intake,
        parent=plan.case,
        team=route(domain, plan.case.municipality, person),
        data={"gezinsplan": plan.case.reference},
    )


def linkable_cases(plan: HouseholdPlan, user: User) -> list[Case]:
    """Open domain cases of the household and its plan members that an action can point to,
    as far as `user` may see them."""
    person_ids = [p.id for p in plan.members]
    return list(
        db.session.scalars(
            sa.select(Case)
            .where(
                sa.or_(Case.household_id == plan.household_id, Case.person_id.in_(person_ids)),
                Case.case_type.not_in(INTEGRAL_CASE_TYPES),
                Case.case_type != "vraagverheldering",
                Case.closed_at.is_(None),
                case_scope(user),
            )
            .order_by(Case.id)
        )
    )


def set_action_state(action: PlanAction, actor: User, state: str) -> None:
    if state not in ACTION_STATES:
        raise InvalidData({"state": "Kies hoe het met de actie staat."})
    with flushed():
        plan = lock_plan(action.plan)
        if not plan.is_active:
            raise PlanError("Dit plan loopt niet meer.")
        if action.owner_user_id != actor.id:
            require_director(plan.household, actor)
        action.state = state
        action.done_on = clock.today() if state == "klaar" else None
        record_version(plan, actor, f"Actie '{action.description[:150]}': {action.state_label}")
