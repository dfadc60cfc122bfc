"""The Zaken API (a documented subset of the VNG ZGW Zaken API 1.5): cases, their statuses,
results and roles, read within the application's reach; statuses written through the engine."""

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import aliased, selectinload

from caseflow.api import resources
from caseflow.api.auth import application, requires
from caseflow.api.filters import (
    boolean,
    result_type_filter,
    status_type_filter,
    zaak_filters,
    zaak_ordering,
)
from caseflow.api.paging import AnySelect, paginate
from caseflow.api.problems import ApiError
from caseflow.api.reach import case_reach, log_reads
from caseflow.api.urls import is_uuid, uuid_in
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Person
from caseflow.scope.queries import unscoped

bp = Blueprint("zaken_api", __name__, url_prefix="/api/zaken/v1")

NOT_FOUND = "Deze zaak bestaat niet of valt buiten wat deze applicatie mag zien."


def _zaken(cases: list[Case]) -> list[dict[str, Any]]:
    related = resources.Related.load(cases, case_reach(application()))
    log_reads(application(), cases)
    return [resources.zaak(case, related) for case in cases]


@bp.get("/zaken")
@requires("read")
def zaak_list() -> ResponseReturnValue:
    with unscoped():
        # The page's cases are picked on their ids alone (counted from an index), then loaded.
        picked = (
            sa.select(Case.id)
            .where(case_reach(application()), *zaak_filters())
            .order_by(*zaak_ordering())
        )
        page = paginate(picked)
        loaded = db.session.scalars(
            sa.select(Case).where(Case.id.in_(page.rows)).options(selectinload(Case.municipality))
        )
        by_id = {case.id: case for case in loaded}
        return jsonify(page.body(_zaken([by_id[case_id] for case_id in page.rows])))


def _case(uuid: str) -> Case:
    if not is_uuid(uuid):
        raise ApiError(404, NOT_FOUND)
    case = db.session.scalar(sa.select(Case).where(Case.uuid == uuid, case_reach(application())))
    if case is None:
        raise ApiError(404, NOT_FOUND)
    return case


@bp.get("/zaken/<path:uuid>")
@requires("read")
def zaak_read(uuid: str) -> ResponseReturnValue:
    with unscoped():
        return jsonify(_zaken([_case(uuid)])[0])


def _zaak_filter() -> list[Any]:
    """`zaak=<url>`: one case; a URL that names no case here matches nothing."""
    raw = request.args.get("zaak")
    if raw is None:
        return []
    found = uuid_in(raw, "zaken_api.zaak_read")
    return [Case.uuid == found] if found else [sa.false()]


def _statuses(rows: list[Any]) -> list[dict[str, Any]]:
    log_reads(application(), [case for _event, case, _latest in rows])
    return [resources.status(event, case, bool(latest)) for event, case, latest in rows]


def _status_rows(*clauses: Any) -> AnySelect:
    later = aliased(CaseEvent)
    latest = (
        ~sa.select(later.id)
        .where(
            later.case_id == CaseEvent.case_id,
            later.id > CaseEvent.id,
            resources.sets_status(later),
        )
        .exists()
    )
    return (
        sa.select(CaseEvent, Case, latest.label("latest"))
        .join(Case, CaseEvent.case_id == Case.id)
        .where(case_reach(application()), resources.STATUS_EVENT, *clauses)
        .order_by(CaseEvent.id)
    )


@bp.get("/statussen")
@requires("read")
def status_list() -> ResponseReturnValue:
    clauses = [*_zaak_filter()]
    if (status_type := status_type_filter()) is not None:
        clauses.append(status_type)
    with unscoped():
        statement = _status_rows(*clauses)
        latest_only = boolean("indicatieLaatstGezetteStatus")
        if latest_only is not None:
            column = statement.selected_columns.latest
            statement = statement.where(column if latest_only else ~column)
        page = paginate(statement, scalars=False)
        return jsonify(page.body(_statuses(list(page.rows))))


@bp.get("/statussen/<path:uuid>")
@requires("read")
def status_read(uuid: str) -> ResponseReturnValue:
    with unscoped():
        row = db.session.execute(_status_rows(CaseEvent.uuid == uuid)).first()
        if not is_uuid(uuid) or row is None:
            raise ApiError(404, "Deze status bestaat niet of valt buiten wat u mag zien.")
        return jsonify(_statuses([row])[0])


@bp.get("/resultaten")
@requires("read")
def resultaat_list() -> ResponseReturnValue:
    clauses = [*_zaak_filter()]
    if (result_type := result_type_filter()) is not None:
        clauses.append(result_type)
    with unscoped():
        statement = _closing(_status_rows(Case.closed_at.is_not(None), *clauses))
        page = paginate(statement, scalars=False)
        return jsonify(page.body(_results(list(page.rows))))


def _closing(statement: AnySelect) -> AnySelect:
    """A closed case's result is named by the event that closed it: its last status."""
    return statement.where(statement.selected_columns.latest)


def _results(rows: list[Any]) -> list[dict[str, Any]]:
    log_reads(application(), [case for _event, case, _latest in rows])
    return [resources.resultaat(event, case) for event, case, _latest in rows]


@bp.get("/resultaten/<path:uuid>")
@requires("read")
def resultaat_read(uuid: str) -> ResponseReturnValue:
    with unscoped():
        statement = _closing(_status_rows(Case.closed_at.is_not(None), CaseEvent.uuid == uuid))
        row = db.session.execute(statement).first()
        if not is_uuid(uuid) or row is None:
            raise ApiError(404, "Dit resultaat bestaat niet of valt buiten wat u mag zien.")
        return jsonify(_results([row])[0])


BETROKKENE_TYPES = {kind: t for kind, (_role, t) in resources.ROLE_KINDS.items()}


def _role_kinds() -> list[str]:
    kinds = list(resources.ROLE_KINDS)
    if (wanted := request.args.get("betrokkeneType")) is not None:
        kinds = [k for k in kinds if BETROKKENE_TYPES[k] == wanted]
    if (generic := request.args.get("omschrijvingGeneriek")) is not None:
        kinds = [k for k in kinds if resources.ROLE_KINDS[k][0] == generic]
    return kinds


ROLE_BSN_PARAM = "betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"
ROLE_COLUMNS = {"client": Case.person_id, "handler": Case.assignee_id, "team": Case.team_id}


@bp.get("/rollen")
@requires("read")
def rol_list() -> ResponseReturnValue:
    clauses = [case_reach(application()), *_zaak_filter()]
    if (bsn := request.args.get(ROLE_BSN_PARAM)) is not None:
        clauses.append(Case.person_id.in_(sa.select(Person.id).where(Person.bsn == bsn)))
    parts = [
        sa.select(Case.id.label("case_id"), sa.literal(kind).label("kind")).where(
            ROLE_COLUMNS[kind].is_not(None), *clauses
        )
        for kind in _role_kinds()
    ]
    with unscoped():
        if not parts:
            statement = sa.select(Case.id.label("case_id"), sa.literal("").label("kind")).where(
                sa.false()
            )
        else:
            union = sa.union_all(*parts).subquery()
            statement = sa.select(union.c.case_id, union.c.kind).order_by(
                union.c.case_id, union.c.kind
            )
        page = paginate(statement, scalars=False)
        return jsonify(page.body(_roles([(row.case_id, row.kind) for row in page.rows])))


def _roles(pairs: list[tuple[int, str]]) -> list[dict[str, Any]]:
    ids = {case_id for case_id, _kind in pairs}
    cases = {
        c.id: c
        for c in db.session.scalars(
            sa.select(Case)
            .where(Case.id.in_(ids))
            .options(
                selectinload(Case.person), selectinload(Case.assignee), selectinload(Case.team)
            )
        )
    }
    log_reads(application(), cases.values())
    return [resources.rol(cases[case_id], kind) for case_id, kind in pairs]


@bp.get("/rollen/<path:uuid>")
@requires("read")
def rol_read(uuid: str) -> ResponseReturnValue:
    if is_uuid(uuid):
        with unscoped():
            for kind, case_uuid in resources.rol_candidates(uuid).items():
                case = db.session.scalar(
                    sa.select(Case).where(Case.uuid == case_uuid, case_reach(application()))
                )
                if case is not None and kind in resources.role_kinds(case):
                    return jsonify(_roles([(case.id, kind)])[0])
    raise ApiError(404, "Deze rol bestaat niet of valt buiten wat u mag zien.")
