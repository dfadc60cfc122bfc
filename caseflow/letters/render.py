"""A letter text into HTML: Jinja for the fields, then a few plain-text rules for the layout.

The beheerder writes plain text: an empty line starts a new paragraph, `## ` starts a heading,
`- ` a list item. Templates run in Jinja's sandbox, since people edit them in the browser, and
everything they produce is escaped: a client's own words in a field can never become markup.
"""

import re
from typing import Any

from jinja2 import StrictUndefined, TemplateError, Undefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

_ENV = SandboxedEnvironment(autoescape=False, undefined=Undefined, keep_trailing_newline=True)
_STRICT = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined)
_BLANK = re.compile(r"\n[ \t]*\n")


def fill(body: str, fields: dict[str, Any]) -> str:
    """The text with its fields filled in (a field without a value stays empty)."""
    return _ENV.from_string(body).render(fields)


def template_problem(body: str) -> str | None:
    """A Dutch reason why this text cannot be used, or None: tried with every field's example."""
    from caseflow.letters.fields import sample_fields

    try:
        _STRICT.from_string(body).render(sample_fields())
    except TemplateError as exc:
        name = re.search(r"'([^']+)' is undefined", str(exc))
        if name:
            return (
                f"Het veld '{name.group(1)}' bestaat niet. Gebruik alleen de velden uit de lijst."
            )
        return f"De tekst kan niet worden gebruikt: {exc.message or exc}."
    return None


def to_html(text: str) -> Markup:
    """Plain text with empty lines, `## ` headings and `- ` items as escaped HTML."""
    parts: list[str] = []
    for block in _BLANK.split(text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        paragraph: list[str] = []
        items: list[str] = []
        for line in lines:
            if line.startswith("- "):
                _close_paragraph(parts, paragraph)
                items.append(line[2:])
                continue
            _close_list(parts, items)
            if line.startswith("## "):
                _close_paragraph(parts, paragraph)
                parts.append(f"<h2>{escape(line[3:])}</h2>")
            else:
                paragraph.append(line)
        _close_paragraph(parts, paragraph)
        _close_list(parts, items)
    # Every piece of text above went through escape(); only our own tags are left bare.
    return Markup("\n".join(parts))  # nosec B704


def _close_paragraph(parts: list[str], lines: list[str]) -> None:
    if lines:
        parts.append("<p>" + "<br>".join(str(escape(line)) for line in lines) + "</p>")
        lines.clear()


def _close_list(parts: list[str], items: list[str]) -> None:
    if items:
        parts.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")
        items.clear()
