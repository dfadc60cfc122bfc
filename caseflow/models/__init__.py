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

__all__ = [
    "CHANNELS",
    "LIFE_DOMAINS",
    "AccessLog",
    "Area",
    "Base",
    "Case",
    "CaseEvent",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "Extension",
    "Household",
    "HouseholdMember",
    "Intake",
    "Municipality",
    "Note",
    "Outcome",
    "Person",
    "PostcodeRange",
    "Relation",
    "Role",
    "ServiceOrganisation",
    "Suspension",
    "Team",
    "TeamKind",
    "User",
    "UserRole",
]
