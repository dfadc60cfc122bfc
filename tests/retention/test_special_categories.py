"""Columns that can hold health or criminal data are marked in the model, and nothing else hides."""

import pytest
import sqlalchemy as sa

from caseflow.models import Base
from caseflow.models.base import special, special_category_columns

# Free text that never holds client data, with the reason.
NOT_SPECIAL = {
    "team_meetings.other_attendees",  # names of partner organisations at a case conference
    "mail_outbox.body",  # signal mail carries only a link, never case content
    "letter_templates.body",  # a letter text with fields, the same for every client
    "api_applications.scopes",  # an API application's scopes: read, write
    "api_applications.case_types",  # the workflow names an API application may see
    "survey_responses.answers",  # fixed answer codes (ja, nee), anonymous by design
    # A municipality's reports count per team and case type, never name a client.
    "dvo_indicators.definition",  # what an agreed indicator measures
    "report_texts.body",  # the Toelichting on the figures, written for the council
    "issued_reports.content",  # the issued figures and texts
    "issued_reports.changes",  # which figures differ from the version before
    "issued_reports.html",  # the issued report as a page
    "issued_reports.reason",  # why a correction was issued
}


def test_the_marked_columns_are_the_free_texts_about_clients() -> None:
    marked = special_category_columns()
    assert marked["notes.text"] == ("gezondheid", "strafrechtelijk")
    assert marked["intakes.question"] == ("gezondheid",)
    assert marked["intakes.domain_scores"] == ("gezondheid", "strafrechtelijk")
    assert marked["incidents.description"] == ("strafrechtelijk",)
    assert marked["case_events.data"] == ("gezondheid", "strafrechtelijk")
    assert "persons.family_name" not in marked  # identifying, anonymised on its own


def test_every_free_text_column_is_marked_or_explained() -> None:
    """A new Text or JSON column must be marked, or be added above with its reason."""
    marked = special_category_columns()
    free = {
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, sa.Text | sa.JSON)
    }
    assert free - set(marked) == NOT_SPECIAL


def test_an_unknown_category_is_refused() -> None:
    with pytest.raises(ValueError, match="religie"):
        special("religie")
