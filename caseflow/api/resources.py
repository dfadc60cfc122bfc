"""Cases as ZGW resources: zaak, status, resultaat and rol, in the shapes of the VNG Zaken API.

A status is an event that moved the case to a state (or opened it); the case's result is named
by the event that closed it. Roles are read from the case: its client (initiator), its handler
and its team (behandelaar). Free text that may hold special-category data (reasons, notes,
motivations) never leaves through the API.
"""

import uuid as uuidlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from caseflow import clock
from caseflow.api.catalog import NAMESPACE, ROLE_TYPES, catalog
from caseflow.api.urls import resource_url
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Deadline, DeadlineKind
from caseflow.workflow.engine import CREATE_TRIGGER


def sets_status(event: Any = CaseEvent) -> ColumnElement[bool]:
    """The events that set a status: the opening, and every step to another state."""
    return sa.or_(event.from_state.is_(None), event.from_state != event.to_state)


STATUS_EVENT = sets_status()

ROLE_KINDS = {
    # kind: (role type, betrokkeneType)
    "client": ("initiator", "natuurlijk_persoon"),
    "handler": ("behandelaar", "medewerker"),
    "team": ("behandelaar", "organisatorische_eenheid"),
}


def _date(moment: datetime | None) -> str | None:
    return clock.to_local(moment).date().isoformat() if moment else None


def _datetime(moment: datetime) -> str:
    return moment.isoformat()


def zaak_url(case: Case) -> str:
    return resource_url("zaken_api.zaak_read", case.uuid)


# A role's uuid is its case's uuid masked per kind of role: stable, stored nowhere, and read
# back into the case it belongs to. Version and variant bits are left as they are.
_KEEP_VERSION = ~((0xF << 76) | (0x3 << 62))
_ROLE_MASKS = {
    kind: uuidlib.uuid5(NAMESPACE, f"rol:{kind}").int & _KEEP_VERSION for kind in ROLE_KINDS
}


def rol_uuid(case: Case, kind: str) -> str:
    return str(uuidlib.UUID(int=uuidlib.UUID(case.uuid).int ^ _ROLE_MASKS[kind]))


def rol_candidates(value: str) -> dict[str, str]:
    """For each kind of role, the uuid of the case whose role of that kind `value` would be."""
    number = uuidlib.UUID(value).int
    return {kind: str(uuidlib.UUID(int=number ^ mask)) for kind, mask in _ROLE_MASKS.items()}


def role_kinds(case: Case) -> list[str]:
    present = {"client": case.person_id, "handler": case.assignee_id, "team": case.team_id}
    return [kind for kind, value in present.items() if value is not None]


def latest_status_events(case_ids: Sequence[int]) -> dict[int, CaseEvent]:
    if not case_ids:
        return {}
    latest = (
        sa.select(sa.func.max(CaseEvent.id).label("id"))
        .where(CaseEvent.case_id.in_(case_ids), STATUS_EVENT)
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    events = db.session.scalars(sa.select(CaseEvent).join(latest, CaseEvent.id == latest.c.id))
    return {event.case_id: event for event in events}


@dataclass
class Related:
    """What the zaak resources of one page need beyond the case rows, in a few queries."""

    statuses: dict[int, CaseEvent]
    uuids: dict[int, str]  # of parents and children the application may see
    children: dict[int, list[int]] = field(default_factory=dict)
    legal_due: dict[int, date] = field(default_factory=dict)

    @classmethod
    def load(cls, cases: Sequence[Case], reach: ColumnElement[bool]) -> "Related":
        ids = [c.id for c in cases]
        parent_ids = [c.parent_id for c in cases if c.parent_id is not None]
        visible = db.session.execute(
            sa.select(Case.id, Case.uuid, Case.parent_id).where(
                reach, sa.or_(Case.id.in_(parent_ids), Case.parent_id.in_(ids))
            )
        ).all()
        children: dict[int, list[int]] = defaultdict(list)
        for row in visible:
            if row.parent_id in ids:
                children[row.parent_id].append(row.id)
        due = db.session.execute(
            sa.select(Deadline.case_id, sa.func.max(Deadline.due_date))
            .where(Deadline.case_id.in_(ids), Deadline.kind == DeadlineKind.LEGAL)
            .group_by(Deadline.case_id)
        ).all()
        return cls(
            statuses=latest_status_events(ids),
            uuids={row.id: row.uuid for row in visible},
            children=dict(children),
            legal_due={case_id: day for case_id, day in due},
        )


def zaak(case: Case, related: Related) -> dict[str, Any]:
    case_type = catalog().case_type(case.case_type)
    assert case_type is not None
    workflow = case_type.workflow
    rsin = case.municipality.rsin or ""
    status = related.statuses.get(case.id)
    parent = related.uuids.get(case.parent_id) if case.parent_id else None
    return {
        "url": zaak_url(case),
        "uuid": case.uuid,
        "identificatie": case.reference,
        "bronorganisatie": rsin,
        "omschrijving": workflow.label[:80],
        "toelichting": "",
        "zaaktype": resource_url("catalogi_api.zaaktype_read", case_type.uuid),
        "registratiedatum": _date(case.opened_at),
        "verantwoordelijkeOrganisatie": rsin,
        "startdatum": _date(case.opened_at),
        "einddatum": _date(case.closed_at),
        "einddatumGepland": None,
        "uiterlijkeEinddatumAfdoening": (
            due.isoformat() if (due := related.legal_due.get(case.id)) else None
        ),
        "publicatiedatum": None,
        "vertrouwelijkheidaanduiding": "vertrouwelijk"
        if workflow.sensitive
        else "zaakvertrouwelijk",
        "betalingsindicatieWeergave": "",
        "hoofdzaak": resource_url("zaken_api.zaak_read", parent) if parent else None,
        "deelzaken": [
            resource_url("zaken_api.zaak_read", related.uuids[child])
            for child in related.children.get(case.id, [])
        ],
        "eigenschappen": [],
        "rollen": [
            resource_url("zaken_api.rol_read", rol_uuid(case, kind)) for kind in role_kinds(case)
        ],
        "status": resource_url("zaken_api.status_read", status.uuid) if status else None,
        "zaakinformatieobjecten": [],
        "zaakobjecten": [],
        "resultaat": (
            resource_url("zaken_api.resultaat_read", status.uuid)
            if status is not None and case.is_closed
            else None
        ),
        "archiefstatus": "nog_te_archiveren",
    }


def status(event: CaseEvent, case: Case, latest: bool) -> dict[str, Any]:
    case_type = catalog().case_type(case.case_type)
    assert case_type is not None
    status_type = case_type.status_type(event.to_state)
    transition = (
        case_type.workflow.transition(event.trigger, event.from_state)
        if event.from_state is not None
        else None
    )
    label = "Zaak aangemaakt" if event.trigger == CREATE_TRIGGER else ""
    return {
        "url": resource_url("zaken_api.status_read", event.uuid),
        "uuid": event.uuid,
        "zaak": zaak_url(case),
        "statustype": (
            resource_url("catalogi_api.statustype_read", status_type.uuid) if status_type else ""
        ),
        "datumStatusGezet": _datetime(event.occurred_at),
        "statustoelichting": transition.label if transition else label,
        "indicatieLaatstGezetteStatus": latest,
        "zaakinformatieobjecten": [],
    }


def resultaat(event: CaseEvent, case: Case) -> dict[str, Any]:
    case_type = catalog().case_type(case.case_type)
    assert case_type is not None
    result_type = case_type.result_type(case.state, case.result)
    return {
        "url": resource_url("zaken_api.resultaat_read", event.uuid),
        "uuid": event.uuid,
        "zaak": zaak_url(case),
        "resultaattype": (
            resource_url("catalogi_api.resultaattype_read", result_type.uuid) if result_type else ""
        ),
        "toelichting": "",
    }


def rol(case: Case, kind: str) -> dict[str, Any]:
    case_type = catalog().case_type(case.case_type)
    assert case_type is not None
    role_type, betrokkene_type = ROLE_KINDS[kind]
    omschrijving, generiek = ROLE_TYPES[role_type]
    return {
        "url": resource_url("zaken_api.rol_read", rol_uuid(case, kind)),
        "uuid": rol_uuid(case, kind),
        "zaak": zaak_url(case),
        "betrokkeneType": betrokkene_type,
        "roltype": resource_url("catalogi_api.roltype_read", case_type.role_type(role_type).uuid),
        "omschrijving": omschrijving,
        "omschrijvingGeneriek": generiek,
        "roltoelichting": "",
        "registratiedatum": _datetime(case.opened_at),
        "statussen": [],
        "betrokkeneIdentificatie": _betrokkene(case, kind),
    }


def _betrokkene(case: Case, kind: str) -> dict[str, Any]:
    if kind == "client" and case.person is not None:
        return {
            "inpBsn": case.person.bsn or "",
            "geslachtsnaam": case.person.family_name[:200],
            "voornamen": case.person.given_names[:200],
        }
    if kind == "handler" and case.assignee is not None:
        return {
            "identificatie": case.assignee.username[:24],
            "achternaam": case.assignee.full_name[:200],
        }
    if kind == "team" and case.team is not None:
        return {"identificatie": f"team-{case.team.id}"[:24], "naam": case.team.name[:50]}
    return {}
