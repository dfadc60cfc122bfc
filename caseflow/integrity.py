"""What the database refused, by the name of the constraint, in words a user understands.

PostgreSQL names the constraint itself. SQLite names the columns of a unique index or the name
of a check; the columns are looked up in the model's metadata to find the constraint's name,
so both databases lead to the same message.
"""

import re

import sqlalchemy as sa

from caseflow.models.base import Base

FALLBACK = "De gegevens konden niet worden opgeslagen. Er is niets gewijzigd; probeer het opnieuw."
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)")
_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")


def constraint_name(exc: sa.exc.IntegrityError) -> str | None:
    """The name of the constraint or unique index that refused the write, when known."""
    diag = getattr(exc.orig, "diag", None)
    if diag is not None:
        name: str | None = diag.constraint_name
        return name
    text = str(exc.orig)
    if match := _SQLITE_CHECK.search(text):
        return match.group(1)
    if match := _SQLITE_UNIQUE.search(text):
        pairs = [part.strip().split(".", 1) for part in match.group(1).split(",")]
        return _unique_named(pairs[0][0], {column for _, column in pairs})
    return None


def _unique_named(table_name: str, columns: set[str]) -> str | None:
    table = Base.metadata.tables.get(table_name)
    if table is None:
        return None
    candidates: list[tuple[str | None, set[str]]] = [
        (str(index.name), {c.name for c in index.columns})
        for index in table.indexes
        if index.unique
    ]
    candidates += [
        (str(constraint.name), {c.name for c in constraint.columns})
        for constraint in table.constraints
        if isinstance(constraint, sa.UniqueConstraint)
    ]
    return next((name for name, cols in candidates if cols == columns), None)


def refusal_message(exc: sa.exc.IntegrityError, messages: dict[str, str]) -> str:
    """The message for the refusing constraint, or a general one that says nothing was saved."""
    return messages.get(constraint_name(exc) or "", FALLBACK)
