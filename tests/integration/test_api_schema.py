"""Schemathesis against /api/schema: generated requests to every operation, each answer held
against the document (no server error, the documented status, content type and shape).

The examples are bounded so the run stays short; the data behind them is a Maastricht case in
each state the API shows (running, handled, closed with a result) and a Vaals case the
application may not see.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from caseflow import unit_of_work
from caseflow.workflow.engine import fire
from tests.integration.conftest import Caller, MakeCaller, open_case
from tests.offices import Office

EXAMPLES = 60


@pytest.fixture
def caller(office: Office, make_caller: MakeCaller, vaals_client: object) -> Iterator[Caller]:
    running = open_case(office, office.client, office.kcc)
    handled = open_case(office, office.client, office.kcc, taken=True)
    fire(handled, "oppakken", office.kcc)
    closed = open_case(office, office.client, office.kcc, taken=True)
    fire(closed, "intrekken", office.kcc, {"reden": "Ingetrokken door cliënt"})
    open_case(office, vaals_client, office.vaals_consulent)  # type: ignore[arg-type]
    unit_of_work.commit()
    assert running.id and handled.id and closed.id
    yield make_caller(
        "schemathesis", municipalities=("maastricht",), scopes=("read", "write"), user=office.kcc
    )


def _not_checked(operation: Any) -> list[Any]:
    """A status body names a case and a status type by URL: a URL the schema allows but that
    names nothing here is refused with 400, which is right, not a rejection of valid data."""
    if operation.method.upper() == "POST":
        return [positive_data_acceptance]
    return []


def _operations(app: Flask) -> list[Any]:
    loaded = schemathesis.openapi.from_wsgi("/api/schema", app)
    return [result.ok() for result in loaded.get_all_operations()]


def test_every_operation_answers_as_documented(app: Flask, caller: Caller) -> None:
    operations = _operations(app)
    assert len(operations) == 17
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def answers_as_documented(case: schemathesis.Case) -> None:
            case.call_and_validate(
                headers=caller.headers(), excluded_checks=_not_checked(case.operation)
            )

        answers_as_documented()
