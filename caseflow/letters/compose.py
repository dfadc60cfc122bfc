"""A letter put together for one date: its letterhead, recipient, text and signature.

The preview and the PDF are both made from this, so what the consultant reads before sending is
what the client receives.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app
from markupsafe import Markup

from caseflow.letters.fields import addressee_name, blank_fields, case_fields
from caseflow.letters.letterheads import Letterhead, letterhead_for
from caseflow.letters.render import fill, to_html
from caseflow.letters.texts import Text, shipped
from caseflow.models import Letter, User
from caseflow.workflow.engine import workflow_for


@dataclass(frozen=True)
class Composed:
    letter: Letter
    head: Letterhead
    title: str
    basis: str
    body: Markup
    personal: Markup
    recipient: tuple[str, ...]
    dated: str
    reference: str
    sender: str


def text_of(letter: Letter) -> Text:
    row = letter.template
    if row is None:
        return shipped(letter.kind)
    return Text(row.kind, row.title, row.basis, row.body, row.version, row)


def compose(letter: Letter, on: date, sender: User | None) -> Composed:
    case = letter.case
    text = text_of(letter)
    facts = case_fields(case, workflow_for(case), on, sender)
    fields = blank_fields() | facts | dict(letter.fields)
    # A text shared by several case types names the decision's own basis in its basis line
    # ({{ besluit.grondslag }}); a decision without a basis of its own reads the text's.
    basis = fill(text.basis, fields)
    besluit = dict(fields.get("besluit") or {})
    besluit["grondslag"] = besluit.get("grondslag") or basis
    fields["besluit"] = besluit
    return Composed(
        letter=letter,
        head=letterhead_for(case.municipality),
        title=fill(text.title, fields),
        basis=basis,
        body=to_html(fill(text.body, fields)),
        personal=to_html(letter.personal_paragraph or ""),
        recipient=_recipient(letter),
        dated=str(fields["datum"]),
        reference=case.reference,
        sender=str(fields["afzender"]["naam"]),
    )


def _recipient(letter: Letter) -> tuple[str, ...]:
    person = letter.case.person
    if person is None:
        # A complaint without a case of the complainant's: the name is all the case knows.
        name = addressee_name(letter.case)
        return (name,) if name else ()
    street = " ".join(p for p in (person.street, person.house_number) if p)
    place = " ".join(p for p in (person.postcode, (person.city or "").upper()) if p)
    return tuple(line for line in (person.full_name, street, place) if line)


def letter_html(composed: Composed) -> Markup:
    """The letter itself, as the preview page shows it inside the page."""
    # The template autoescapes every value; what it returns is markup we made.
    return Markup(_template("letters/_letter.html").render(c=composed))  # nosec B704


def pdf_document(composed: Composed, stylesheet: str) -> str:
    """The letter as a whole document for the PDF: language, title, its own page style."""
    # The stylesheet is our own file (static/letter.css), never user input.
    style = Markup(stylesheet)  # nosec B704
    return str(_template("letters/pdf.html").render(c=composed, stylesheet=style))


def _template(name: str) -> Any:
    # The app's templates without its context processors: a letter is made outside requests
    # too (a job, a test) and needs nothing of the signed-in user.
    return current_app.jinja_env.get_template(name)
