"""All models, imported here so the metadata is complete for Alembic and create_all()."""

from caseflow.models.audit import AccessLog
from caseflow.models.base import Base
from caseflow.models.cases import CHANNELS, LIFE_DOMAINS, Case, CaseEvent, Intake, Note
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
from caseflow.models.plan_reminders import PlanReminder, PlanReminderKind
from caseflow.models.plans import (
    HouseholdPlan,
    PlanAction,
    PlanEvaluation,
    PlanGoal,
    PlanScore,
    PlanVersion,
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
    "APPEAL_LEVELS",
    "CAUSES",
    "CHANNELS",
    "COMPLAINT_CHANNELS",
    "INCIDENT_KINDS",
    "LIFE_DOMAINS",
    "RIGHTS_ACTIONS",
    "SURVEY_CHANNELS",
    "VERDICTS",
    "AccessLog",
    "Appeal",
    "Area",
    "Base",
    "Case",
    "CaseEvent",
    "Complaint",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "Extension",
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
    "Objection",
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
    "QualityFinding",
    "QualitySample",
    "QualitySampleCase",
    "Relation",
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
