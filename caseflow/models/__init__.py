"""All models, imported here so the metadata is complete for Alembic and create_all()."""

from caseflow.models.api import API_SCOPES, ApiApplication
from caseflow.models.audit import AccessLog
from caseflow.models.base import Base
from caseflow.models.benefits import BENEFIT_END_REASONS, Benefit, BenefitMutation
from caseflow.models.cases import CHANNELS, LIFE_DOMAINS, Case, CaseEvent, Intake, Note
from caseflow.models.catalogue import CatalogueSettings, Product, Provider
from caseflow.models.clients import Household, HouseholdMember, Person, Relation
from caseflow.models.cohorts import BUDGET_KINDS, BudgetSpending, Cohort, CohortHousehold
from caseflow.models.contacts import CONTACT_KINDS, ContactMoment
from caseflow.models.council import (
    DIRECTIONS,
    REPORT_KINDS,
    UNITS,
    DvoIndicator,
    DvoValue,
    IssuedReport,
    IssuedReportFrozen,
    ReportText,
)
from caseflow.models.deadlines import (
    ClosedDeadlineDay,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Extension,
    Outcome,
    Suspension,
)
from caseflow.models.documents import Document
from caseflow.models.letters import Letter, LetterTemplate
from caseflow.models.network import NETWORK_KINDS, NetworkRelation
from caseflow.models.norms import ALL_CASE_TYPES, Norm, NormKind
from caseflow.models.objections import (
    APPEAL_LEVELS,
    COMPLAINT_CHANNELS,
    Appeal,
    Complaint,
    Objection,
)
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
from caseflow.models.partners import (
    CONSENT_WAYS,
    PARTNER_KINDS,
    InformationRequest,
    PartnerOrganisation,
    PlanActionNote,
    PlanConsent,
    PlanConsentDomain,
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
from caseflow.models.quality import (
    CAUSES,
    VERDICTS,
    QualityFinding,
    QualitySample,
    QualitySampleCase,
)
from caseflow.models.regie import HouseholdDirector, MeetingDecision, TeamMeeting
from caseflow.models.rights import RIGHTS_ACTIONS, RightsChange
from caseflow.models.security import INCIDENT_KINDS, Incident, LoginThrottle
from caseflow.models.signals import JobRun, MailOutbox, Signal, SignalKind, WorklistSnapshot
from caseflow.models.survey import (
    SURVEY_CHANNELS,
    SurveyContact,
    SurveyInvitation,
    SurveyResponse,
)

__all__ = [
    "ALL_CASE_TYPES",
    "API_SCOPES",
    "APPEAL_LEVELS",
    "BENEFIT_END_REASONS",
    "BUDGET_KINDS",
    "CAUSES",
    "CHANNELS",
    "COMPLAINT_CHANNELS",
    "CONSENT_WAYS",
    "CONTACT_KINDS",
    "DIRECTIONS",
    "INCIDENT_KINDS",
    "LIFE_DOMAINS",
    "NETWORK_KINDS",
    "PARTNER_KINDS",
    "PROVISION_END_REASONS",
    "REPORT_KINDS",
    "RIGHTS_ACTIONS",
    "SURVEY_CHANNELS",
    "UNITS",
    "VERDICTS",
    "AccessLog",
    "ApiApplication",
    "Appeal",
    "Area",
    "Base",
    "Benefit",
    "BenefitMutation",
    "BudgetSpending",
    "Case",
    "CaseEvent",
    "CatalogueSettings",
    "ClosedDeadlineDay",
    "Cohort",
    "CohortHousehold",
    "Complaint",
    "ContactMoment",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "Document",
    "DvoIndicator",
    "DvoValue",
    "Extension",
    "Herindicatie",
    "Household",
    "HouseholdDirector",
    "HouseholdMember",
    "HouseholdPlan",
    "Incident",
    "InformationRequest",
    "Intake",
    "IssuedReport",
    "IssuedReportFrozen",
    "JobRun",
    "Letter",
    "LetterTemplate",
    "LoginThrottle",
    "MailOutbox",
    "MeetingDecision",
    "Municipality",
    "NetworkRelation",
    "Norm",
    "NormKind",
    "Note",
    "Objection",
    "Outcome",
    "PartnerOrganisation",
    "Person",
    "PlanAction",
    "PlanActionNote",
    "PlanConsent",
    "PlanConsentDomain",
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
    "QualityFinding",
    "QualitySample",
    "QualitySampleCase",
    "Relation",
    "ReportText",
    "RightsChange",
    "Role",
    "ServiceOrganisation",
    "Signal",
    "SignalKind",
    "SurveyContact",
    "SurveyInvitation",
    "SurveyResponse",
    "Suspension",
    "Team",
    "TeamKind",
    "TeamMeeting",
    "User",
    "UserRole",
    "WorklistSnapshot",
]
