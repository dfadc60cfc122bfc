"""All models, imported here so the metadata is complete for Alembic and create_all()."""

from caseflow.models.audit import AccessLog
from caseflow.models.base import Base
from caseflow.models.benefits import BENEFIT_END_REASONS, Benefit, BenefitMutation
from caseflow.models.cases import CHANNELS, LIFE_DOMAINS, Case, CaseEvent, Intake, Note
from caseflow.models.catalogue import CatalogueSettings, Product, Provider
from caseflow.models.clients import Household, HouseholdMember, Person, Relation
from caseflow.models.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Extension,
    Outcome,
    Suspension,
)
from caseflow.models.norms import ALL_CASE_TYPES, Norm, NormKind
from caseflow.models.organisation import (
    Area,
    Municipality,
    PostcodeRange,
    Role,
    ServiceOrganisation,
    Team,
    TeamKind,
    User,
    UserRole,
)
from caseflow.models.plan_reminders import PlanReminder, PlanReminderKind
from caseflow.models.plans import (
    HouseholdPlan,
    PlanAction,
    PlanEvaluation,
    PlanGoal,
    PlanScore,
    PlanVersion,
)
from caseflow.models.provisions import (
    PROVISION_END_REASONS,
    Herindicatie,
    Provision,
    ProvisionChange,
)
from caseflow.models.regie import HouseholdDirector, MeetingDecision, TeamMeeting
from caseflow.models.rights import RIGHTS_ACTIONS, RightsChange
from caseflow.models.security import INCIDENT_KINDS, Incident, LoginThrottle
from caseflow.models.signals import JobRun, MailOutbox, Signal, SignalKind, WorklistSnapshot

__all__ = [
    "ALL_CASE_TYPES",
    "BENEFIT_END_REASONS",
    "CHANNELS",
    "INCIDENT_KINDS",
    "LIFE_DOMAINS",
    "PROVISION_END_REASONS",
    "RIGHTS_ACTIONS",
    "AccessLog",
    "Area",
    "Base",
    "Benefit",
    "BenefitMutation",
    "Case",
    "CaseEvent",
    "CatalogueSettings",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "Extension",
    "Herindicatie",
    "Household",
    "HouseholdDirector",
    "HouseholdMember",
    "HouseholdPlan",
    "Incident",
    "Intake",
    "JobRun",
    "LoginThrottle",
    "MailOutbox",
    "MeetingDecision",
    "Municipality",
    "Norm",
    "NormKind",
    "Note",
    "Outcome",
    "Person",
    "PlanAction",
    "PlanEvaluation",
    "PlanGoal",
    "PlanReminder",
    "PlanReminderKind",
    "PlanScore",
    "PlanVersion",
    "PostcodeRange",
    "Product",
    "Provider",
    "Provision",
    "ProvisionChange",
    "Relation",
    "RightsChange",
    "Role",
    "ServiceOrganisation",
    "Signal",
    "SignalKind",
    "Suspension",
    "Team",
    "TeamKind",
    "TeamMeeting",
    "User",
    "UserRole",
    "WorklistSnapshot",
]
