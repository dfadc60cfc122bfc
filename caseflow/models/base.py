"""Declarative base, naming convention and shared column types."""

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, registry

# Stable constraint names so Alembic migrations name the same thing on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database; SQLite keeps them as naive UTC."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not accepted; use caseflow.clock.now()")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=sa.MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


SPECIAL_CATEGORY = "special_category"
# The kinds of special personal data a column can hold (AVG art. 9 and art. 10).
SPECIAL_CATEGORIES = {
    "gezondheid": "Gegevens over gezondheid, verslaving en zorg (AVG art. 9)",
    "strafrechtelijk": "Strafrechtelijke gegevens en agressie (AVG art. 10)",
}


def special(*categories: str) -> dict[str, Any]:
    """The `info` of a column that can hold special-category data: free text about health or
    crime. Destruction blanks every such column; docs/security.md lists them."""
    unknown = set(categories) - set(SPECIAL_CATEGORIES)
    if not categories or unknown:
        raise ValueError(f"unknown special categories: {sorted(unknown) or 'none given'}")
    return {SPECIAL_CATEGORY: tuple(categories)}


def special_columns(table: sa.Table) -> list[sa.Column[Any]]:
    return [c for c in table.columns if SPECIAL_CATEGORY in c.info]


def special_category_columns() -> dict[str, tuple[str, ...]]:
    """Every marked column as `table.column` with its categories, in table order."""
    return {
        f"{table.name}.{column.name}": column.info[SPECIAL_CATEGORY]
        for table in Base.metadata.sorted_tables
        for column in special_columns(table)
    }


def blank_value(column: sa.Column[Any]) -> Any:
    """What a destroyed column holds: nothing where allowed, else an empty text or mapping."""
    if column.nullable:
        return None
    return {} if isinstance(column.type, sa.JSON) else ""


def render_migration_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Let Alembic write UTCDateTime as a plain timezone-aware DateTime in migration files."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
