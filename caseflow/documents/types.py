"""The kinds of document a case takes in: the case type's own (`documents:`) or these."""

from caseflow.workflow.schema import Workflow

COMMON_DOCUMENT_TYPES = {
    "aanvraagformulier": "Aanvraagformulier",
    "bewijsstuk": "Bewijsstuk (zoals een loonstrook of bankafschrift)",
    "medisch_advies": "Medisch advies",
    "correspondentie": "Brief of e-mail van de inwoner",
    "overig": "Overig",
}


def document_types(workflow: Workflow) -> dict[str, str]:
    return workflow.document_types or COMMON_DOCUMENT_TYPES
