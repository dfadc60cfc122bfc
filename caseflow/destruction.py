"""Destruction after the retention period: remove the personal data, keep the anonymous skeleton.

The case row stays with its municipality, team, handler, type, states, times and result; its
deadlines keep their dates and outcomes and its events their states, times and handling seconds.
So every report keeps counting a destroyed case exactly as before. What goes: notes, the content
and names of its documents (their rows stay, so they are still counted), every
special-category column of the case's rows (caseflow.models.base.special_category_columns), the
links to the person, household and intake, and those themselves once no other case needs them.
The processing log is not touched: it is hash-chained and kept under its own retention; it gains
one 'destroy' row.
"""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from caseflow import clock
from caseflow.access_log import record
from caseflow.documents.pending import remove_after_commit
from caseflow.extensions import db
from caseflow.models import (
    Benefit,
    BenefitMutation,
    BudgetSpending,
    Case,
    CaseEvent,
    CohortHousehold,
    ContactMoment,
    Deadline,
    Document,
    Extension,
    Household,
    HouseholdDirector,
    HouseholdMember,
    HouseholdPlan,
    Incident,
    InformationRequest,
    Intake,
    Letter,
    MeetingDecision,
    NetworkRelation,
    Note,
    Person,
    PlanAction,
    PlanActionNote,
    PlanConsent,
    PlanEvaluation,
    PlanGoal,
    PlanVersion,
    Provision,
    ProvisionChange,
    Suspension,
    User,
)
from caseflow.models.base import Base, blank_value, special_columns
from caseflow.models.partners import plan_consent_givers
from caseflow.models.plans import plan_agreed_members, plan_members
from caseflow.permissions import DESTROY_CASES
from caseflow.retention import is_due
from caseflow.scope.queries import unscoped
from caseflow.unit_of_work import all_or_nothing
from caseflow.workflow.engine import record_destruction
from caseflow.workflow.errors import NotAuthorised, WorkflowError
from caseflow.workflow.registry import registry

# Event data the reports read (handovers, result, extension, follow-up link): ids and codes only.
REPORTED_EVENT_KEYS = frozenset(
    {"van", "naar", "team_van", "team_naar", "resultaat", "weken", "vervolg_op"}
)
DESTROYED_NAME = "(vernietigd)"


class DestructionRefused(WorkflowError):
    pass


def destroy_case(case: Case, actor: User, *, origin: str | None = None) -> None:
    """Destroy `case` within the unit of work, or raise a WorkflowError and change nothing."""
    if not actor.may(DESTROY_CASES) or not actor.serves(case.municipality_id):
        raise NotAuthorised(
            "Alleen de privacyfunctionaris van deze gemeente mag een zaak vernietigen."
        )
    # Whether anything else still needs the client is asked of every case, not the officer's.
    with all_or_nothing(), unscoped():
        _destroy(case, actor, origin)


def _destroy(case: Case, actor: User, origin: str | None) -> None:
    destroyed = db.session.execute(
        sa.select(Case.destroyed_at).where(Case.id == case.id).with_for_update()
    ).scalar_one()
    if destroyed is not None:
        raise DestructionRefused("Deze zaak is al vernietigd.")
    if not is_due(case):
        raise DestructionRefused("De bewaartermijn van deze zaak is nog niet voorbij.")
    retention = registry().get(case.case_type).retention
    assert retention is not None  # is_due() holds only for a type with a retention
    record(
        actor,
        "destroy",
        f"vernietigen na bewaartermijn ({retention.years} jaar)",
        person_id=case.person_id,
        case_id=case.id,
        origin=origin,
    )
    persons = {p for p in (case.person_id, case.intake.person_id if case.intake else None) if p}
    intake_id, household_id = case.intake_id, case.household_id
    case.person_id = case.household_id = case.intake_id = None
    record_destruction(case, actor)
    _wipe_case_rows(case.id)
    if intake_id is not None and not _needed(Case.intake_id == intake_id):
        _blank(Intake, Intake.id == intake_id, contact_name=None, person_id=None, household_id=None)
    if household_id is not None:
        persons |= _release_household(household_id)
    for person_id in sorted(persons):
        if not _person_needed(person_id):
            _anonymise_person(person_id)


def _needed(clause: ColumnElement[bool]) -> bool:
    """Whether a case that is not destroyed matches `clause`."""
    live = sa.select(Case.id).where(clause, Case.destroyed_at.is_(None)).limit(1)
    return db.session.scalar(live) is not None


def _blank(model: type[Base], where: ColumnElement[bool], **extra: Any) -> None:
    """Blank every special-category column of `model`'s rows matching `where`."""
    table = model.__table__
    assert isinstance(table, sa.Table)
    values = {c.name: blank_value(c) for c in special_columns(table)} | extra
    db.session.execute(sa.update(table).where(where).values(values))


def _wipe_case_rows(case_id: int) -> None:
    db.session.execute(sa.delete(Note).where(Note.case_id == case_id))
    db.session.execute(sa.delete(ContactMoment).where(ContactMoment.case_id == case_id))
    _keep_reported_event_data(case_id)
    deadline_ids = sa.select(Deadline.id).where(Deadline.case_id == case_id)
    _blank(Suspension, Suspension.deadline_id.in_(deadline_ids))
    _blank(Extension, Extension.deadline_id.in_(deadline_ids))
    _blank(MeetingDecision, MeetingDecision.case_id == case_id)
    plan_ids = sa.select(HouseholdPlan.id).where(HouseholdPlan.case_id == case_id)
    _blank(HouseholdPlan, HouseholdPlan.id.in_(plan_ids), agreed_by=None)
    for part in (PlanGoal, PlanEvaluation, PlanVersion):
        _blank(part, part.plan_id.in_(plan_ids))
    _blank(PlanAction, PlanAction.plan_id.in_(plan_ids), owner_person_id=None)
    db.session.execute(sa.delete(plan_members).where(plan_members.c.plan_id.in_(plan_ids)))
    _blank(Letter, Letter.case_id == case_id)
    _destroy_documents(case_id)
    _wipe_cocreation(plan_ids)
    # What the decision granted stays in the register, counted, without whom it was for.
    provision_ids = sa.select(Provision.id).where(Provision.case_id == case_id)
    _blank(Provision, Provision.case_id == case_id, person_id=None)
    _blank(ProvisionChange, ProvisionChange.provision_id.in_(provision_ids))
    benefit_ids = sa.select(Benefit.id).where(Benefit.case_id == case_id)
    _blank(Benefit, Benefit.case_id == case_id, person_id=None, household_id=None)
    _blank(BenefitMutation, BenefitMutation.benefit_id.in_(benefit_ids))


def _destroy_documents(case_id: int) -> None:
    """Each document's content leaves the store (after the commit) and its name goes; the row
    stays with its type, size and dates, so the counts of documents and letters stay."""
    live = sa.and_(Document.case_id == case_id, Document.storage_key.is_not(None))
    for key in db.session.scalars(sa.select(Document.storage_key).where(live)):
        if key is not None:
            remove_after_commit(key)
    _blank(Document, live, storage_key=None, destroyed_at=clock.now())


def _wipe_cocreation(plan_ids: sa.Select[int]) -> None:
    """What a plan shared with partners: the notes on actions, consents and their givers, the
    questions and answers; the consents and requests stay as dated, anonymous facts."""
    action_ids = sa.select(PlanAction.id).where(PlanAction.plan_id.in_(plan_ids))
    db.session.execute(sa.delete(PlanActionNote).where(PlanActionNote.action_id.in_(action_ids)))
    db.session.execute(
        sa.delete(plan_agreed_members).where(plan_agreed_members.c.plan_id.in_(plan_ids))
    )
    consent_ids = sa.select(PlanConsent.id).where(PlanConsent.plan_id.in_(plan_ids))
    db.session.execute(
        sa.delete(plan_consent_givers).where(plan_consent_givers.c.consent_id.in_(consent_ids))
    )
    # A verbal consent keeps that it had a witness, not who it was.
    witness = sa.case((PlanConsent.witness.is_(None), None), else_=sa.literal(DESTROYED_NAME))
    _blank(PlanConsent, PlanConsent.plan_id.in_(plan_ids), witness=witness)
    _blank(InformationRequest, InformationRequest.plan_id.in_(plan_ids), about_person_id=None)


def _keep_reported_event_data(case_id: int) -> None:
    """Events are append-only for the app; destruction is the one writer allowed to thin them."""
    table = CaseEvent.__table__
    assert isinstance(table, sa.Table)
    rows = db.session.execute(
        sa.select(table.c.id, table.c.data).where(table.c.case_id == case_id)
    ).all()
    kept = [
        {
            "event_id": row.id,
            "kept": {k: v for k, v in (row.data or {}).items() if k in REPORTED_EVENT_KEYS},
        }
        for row in rows
    ]
    if kept:
        db.session.execute(
            sa.update(table)
            .where(table.c.id == sa.bindparam("event_id"))
            .values(reason=None, data=sa.bindparam("kept")),
            kept,
        )


def _release_household(household_id: int) -> set[int]:
    """Anonymise the household when no other case and no needed member keeps it; return the
    members, who may now be free to anonymise as well."""
    members = set(
        db.session.scalars(
            sa.select(HouseholdMember.person_id).where(HouseholdMember.household_id == household_id)
        )
    )
    if _needed(Case.household_id == household_id) or any(
        _needed(Case.person_id == p) for p in members
    ):
        return set()
    db.session.execute(
        sa.delete(HouseholdMember).where(HouseholdMember.household_id == household_id)
    )
    db.session.execute(
        sa.update(Household).where(Household.id == household_id).values(name=DESTROYED_NAME)
    )
    _blank(HouseholdDirector, HouseholdDirector.household_id == household_id)
    in_cohorts = sa.select(CohortHousehold.id).where(CohortHousehold.household_id == household_id)
    _blank(BudgetSpending, BudgetSpending.member_id.in_(in_cohorts))
    return members


def _person_needed(person_id: int) -> bool:
    households = sa.select(HouseholdMember.household_id).where(
        HouseholdMember.person_id == person_id
    )
    live_intake = sa.select(Intake.id).where(Intake.person_id == person_id)
    return _needed(
        sa.or_(
            Case.person_id == person_id,
            Case.household_id.in_(households),
            Case.intake_id.in_(live_intake),
        )
    )


def _anonymise_person(person_id: int) -> None:
    db.session.execute(sa.delete(Incident).where(Incident.person_id == person_id))
    db.session.execute(sa.delete(ContactMoment).where(ContactMoment.person_id == person_id))
    db.session.execute(sa.delete(NetworkRelation).where(NetworkRelation.person_id == person_id))
    db.session.execute(
        sa.delete(plan_agreed_members).where(plan_agreed_members.c.person_id == person_id)
    )
    db.session.execute(
        sa.delete(plan_consent_givers).where(plan_consent_givers.c.person_id == person_id)
    )
    db.session.execute(
        sa.update(InformationRequest)
        .where(InformationRequest.about_person_id == person_id)
        .values(about_person_id=None)
    )
    db.session.execute(sa.delete(HouseholdMember).where(HouseholdMember.person_id == person_id))
    db.session.execute(sa.delete(plan_members).where(plan_members.c.person_id == person_id))
    db.session.execute(
        sa.update(PlanAction)
        .where(PlanAction.owner_person_id == person_id)
        .values(owner_person_id=None)
    )
    db.session.execute(
        sa.update(Intake)
        .where(Intake.person_id == person_id)
        .values(person_id=None, contact_name=None)
    )
    db.session.execute(
        sa.update(Person)
        .where(Person.id == person_id)
        .values(
            bsn=None,
            given_names="",
            family_name=DESTROYED_NAME,
            date_of_birth=None,
            street=None,
            house_number=None,
            postcode=None,
            city=None,
            phone=None,
            safety_flag=False,
            safety_flag_review_on=None,
            destroyed_at=clock.now(),
        )
    )
