"""A small Catalogi API (ZGW subset) generated from the workflow YAML: what the zaaktype,
statustype, resultaattype and roltype URLs of the Zaken API point to."""

from collections.abc import Sequence
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from caseflow.api.auth import requires
from caseflow.api.catalog import ROLE_TYPES, CaseType, ResultType, RoleType, StatusType, catalog
from caseflow.api.paging import PAGE_SIZE, Page, page_number
from caseflow.api.problems import ApiError
from caseflow.api.urls import resource_url, uuid_in

bp = Blueprint("catalogi_api", __name__, url_prefix="/api/catalogi/v1")


def _duration(case_type: CaseType, kind: str) -> str | None:
    """The first term of this kind as an ISO 8601 duration (P6W, P8W, P3D)."""
    term = next((d for d in case_type.workflow.deadlines.values() if d.kind == kind), None)
    if term is None:
        return None
    if term.weeks:
        return f"P{term.weeks}W"
    return f"P{term.days or term.working_days}D"


def zaaktype(case_type: CaseType) -> dict[str, Any]:
    workflow = case_type.workflow
    return {
        "url": resource_url("catalogi_api.zaaktype_read", case_type.uuid),
        "uuid": case_type.uuid,
        "identificatie": workflow.name,
        "omschrijving": workflow.label[:80],
        "toelichting": workflow.description.strip(),
        "vertrouwelijkheidaanduiding": "vertrouwelijk"
        if workflow.sensitive
        else "zaakvertrouwelijk",
        "doorlooptijd": _duration(case_type, "legal"),
        "servicenorm": _duration(case_type, "service_norm"),
        "concept": False,
        "statustypen": [
            resource_url("catalogi_api.statustype_read", s.uuid) for s in case_type.status_types
        ],
        "resultaattypen": [
            resource_url("catalogi_api.resultaattype_read", r.uuid) for r in case_type.result_types
        ],
        "roltypen": [
            resource_url("catalogi_api.roltype_read", r.uuid) for r in case_type.role_types
        ],
    }


def _zaaktype_url(name: str) -> str:
    case_type = catalog().case_type(name)
    assert case_type is not None
    return resource_url("catalogi_api.zaaktype_read", case_type.uuid)


def statustype(item: StatusType) -> dict[str, Any]:
    return {
        "url": resource_url("catalogi_api.statustype_read", item.uuid),
        "uuid": item.uuid,
        "omschrijving": item.label[:80],
        "zaaktype": _zaaktype_url(item.case_type),
        "volgnummer": item.number,
        "isEindstatus": item.final,
    }


def resultaattype(item: ResultType) -> dict[str, Any]:
    return {
        "url": resource_url("catalogi_api.resultaattype_read", item.uuid),
        "uuid": item.uuid,
        "omschrijving": item.label[:80],
        "zaaktype": _zaaktype_url(item.case_type),
    }


def roltype(item: RoleType) -> dict[str, Any]:
    omschrijving, generiek = ROLE_TYPES[item.kind]
    return {
        "url": resource_url("catalogi_api.roltype_read", item.uuid),
        "uuid": item.uuid,
        "omschrijving": omschrijving,
        "omschrijvingGeneriek": generiek,
        "zaaktype": _zaaktype_url(item.case_type),
    }


def _page(items: Sequence[Any], render: Any) -> ResponseReturnValue:
    number = page_number()
    if number > 1 and (number - 1) * PAGE_SIZE >= len(items):
        raise ApiError(404, "Deze pagina bestaat niet.")
    rows = items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    return jsonify(Page(len(items), number, rows).body([render(i) for i in rows]))


def _of_zaaktype(kind: str) -> list[Any]:
    """Every item of `kind` (status_types, ...), or those of the `zaaktype` filter."""
    types = list(catalog().case_types.values())
    if (raw := request.args.get("zaaktype")) is not None:
        found = uuid_in(raw, "catalogi_api.zaaktype_read")
        types = [t for t in types if t.uuid == found]
    return [item for t in types for item in getattr(t, kind)]


def _one(uuid: str, kind: type) -> Any:
    item = catalog().by_uuid.get(uuid.lower())
    if not isinstance(item, kind):
        raise ApiError(404, "Dit staat niet in de catalogus.")
    return item


@bp.get("/zaaktypen")
@requires("read")
def zaaktype_list() -> ResponseReturnValue:
    return _page(list(catalog().case_types.values()), zaaktype)


@bp.get("/zaaktypen/<path:uuid>")
@requires("read")
def zaaktype_read(uuid: str) -> ResponseReturnValue:
    return jsonify(zaaktype(_one(uuid, CaseType)))


@bp.get("/statustypen")
@requires("read")
def statustype_list() -> ResponseReturnValue:
    return _page(_of_zaaktype("status_types"), statustype)


@bp.get("/statustypen/<path:uuid>")
@requires("read")
def statustype_read(uuid: str) -> ResponseReturnValue:
    return jsonify(statustype(_one(uuid, StatusType)))


@bp.get("/resultaattypen")
@requires("read")
def resultaattype_list() -> ResponseReturnValue:
    return _page(_of_zaaktype("result_types"), resultaattype)


@bp.get("/resultaattypen/<path:uuid>")
@requires("read")
def resultaattype_read(uuid: str) -> ResponseReturnValue:
    return jsonify(resultaattype(_one(uuid, ResultType)))


@bp.get("/roltypen")
@requires("read")
def roltype_list() -> ResponseReturnValue:
    return _page(_of_zaaktype("role_types"), roltype)


@bp.get("/roltypen/<path:uuid>")
@requires("read")
def roltype_read(uuid: str) -> ResponseReturnValue:
    return jsonify(roltype(_one(uuid, RoleType)))
