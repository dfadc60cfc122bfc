"""Setting a status through the API is firing a transition: the engine checks the application's
account (its roles and municipalities), the guards and the required fields, and writes the event,
the deadlines and the effects, exactly as the case page would. Nothing here writes a case.

The status is set at the moment the engine receives it: `datumStatusGezet` is read as a claim
and checked, but a case's time line and deadlines run on the engine's clock.
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import jsonify, request
from flask.typing import ResponseReturnValue

from caseflow.api import resources
from caseflow.api.auth import application, requires
from caseflow.api.catalog import StatusType, catalog
from caseflow.api.problems import ApiError, InvalidParam, invalid
from caseflow.api.reach import case_reach, log_reads
from caseflow.api.urls import uuid_in
from caseflow.api.zaken import bp
from caseflow.extensions import db
from caseflow.models import Case
from caseflow.scope.queries import unscoped
from caseflow.workflow.engine import fire, workflow_for
from caseflow.workflow.errors import (
    ConflictError,
    InvalidData,
    NotAuthorised,
    WorkflowError,
)
from caseflow.workflow.schema import TransitionDef

# The one free text a ZGW status carries, offered to whichever of these the transition asks.
TEXT_FIELDS = ("reden", "toelichting", "motivering", "verslag")


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(
            400,
            "Stuur een JSON-object met zaak, statustype en datumStatusGezet.",
            [InvalidParam("nonFieldErrors", "parse_error", "Geen geldig JSON-object.")],
        )
    return body


def _text(body: dict[str, Any], name: str, required: bool = True) -> str:
    value = body.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise invalid(name, "Dit veld is verplicht.", "required")
    return value


def _case(url: str) -> Case:
    found = uuid_in(url, "zaken_api.zaak_read")
    case = (
        db.session.scalar(sa.select(Case).where(Case.uuid == found, case_reach(application())))
        if found
        else None
    )
    if case is None:
        raise invalid("zaak", "Deze zaak bestaat niet of valt buiten uw bereik.", "does_not_exist")
    return case


def _status_type(url: str, case: Case) -> StatusType:
    found = uuid_in(url, "catalogi_api.statustype_read")
    item = catalog().by_uuid.get(found) if found else None
    if not isinstance(item, StatusType):
        raise invalid("statustype", "Dit statustype bestaat niet.", "does_not_exist")
    if item.case_type != case.case_type:
        raise invalid(
            "statustype",
            "Dit statustype hoort niet bij het zaaktype van de zaak.",
            "zaaktype-mismatch",
        )
    return item


def _transition(case: Case, state: str) -> TransitionDef:
    workflow = workflow_for(case)
    options = [
        t for t in workflow.transitions_from(case.state) if t.dest == state and t.page is None
    ]
    if len(options) != 1:
        why = (
            f"De zaak kan vanuit '{workflow.state_label(case.state)}' niet via de API naar "
            f"'{workflow.state_label(state)}'."
            if not options
            else "Er zijn meerdere stappen naar deze status; zet hem in caseflow zelf."
        )
        raise invalid("statustype", why, "transition-not-allowed")
    return options[0]


def _refusal(error: WorkflowError) -> ApiError:
    if isinstance(error, NotAuthorised):
        return ApiError(403, error.message)
    if isinstance(error, ConflictError):
        return ApiError(409, error.message)
    if isinstance(error, InvalidData):
        return ApiError(
            400,
            error.message,
            [InvalidParam(name, "invalid", reason) for name, reason in error.field_errors.items()],
        )
    return ApiError(400, error.message, [InvalidParam("statustype", "invalid", error.message)])


@bp.post("/statussen")
@requires("write")
def status_create() -> ResponseReturnValue:
    body = _body()
    zaak, statustype = _text(body, "zaak"), _text(body, "statustype")
    moment = _text(body, "datumStatusGezet")
    try:
        datetime.fromisoformat(moment.replace("Z", "+00:00"))
    except ValueError:
        raise invalid("datumStatusGezet", "Geef een datum en tijd (ISO 8601).") from None
    toelichting = _text(body, "statustoelichting", required=False)[:1000]
    actor = application().user
    if actor is None:
        raise ApiError(403, "Deze applicatie heeft geen caseflow-account om namens te handelen.")
    with unscoped():
        case = _case(zaak)
        state = _status_type(statustype, case).state
        transition = _transition(case, state)
        data = {name: toelichting for name in TEXT_FIELDS if toelichting}
        try:
            event = fire(case, transition.trigger, actor, data)
        except WorkflowError as error:
            raise _refusal(error) from None
        log_reads(application(), [case], action="change")
        response = jsonify(resources.status(event, case, latest=True))
    response.status_code = 201
    response.headers["Location"] = response.json["url"] if response.json else ""
    return response
