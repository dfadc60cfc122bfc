"""Who may see what, in one place: the clauses for cases, clients and intakes
(`caseflow.scope.clauses`), the report reader's scope (`caseflow.scope.reports`), and the hook
that puts the case and client clauses into every read of a request (`caseflow.scope.queries`)."""

from caseflow.scope.clauses import (
    case_scope,
    directed_household,
    intake_text_scope,
    municipality_ids,
    need_to_know,
    person_scope,
    processing_log_person_scope,
    report_municipality_ids,
    retention_scope,
    sensitive_case_types,
    team_ids,
)

__all__ = [
    "case_scope",
    "directed_household",
    "intake_text_scope",
    "municipality_ids",
    "need_to_know",
    "person_scope",
    "processing_log_person_scope",
    "report_municipality_ids",
    "retention_scope",
    "sensitive_case_types",
    "team_ids",
]
