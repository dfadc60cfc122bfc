"""The Zaken API as another system uses it: ZGW shapes, its reach, its log, its tokens."""

from datetime import timedelta
from itertools import pairwise
from typing import Any

import sqlalchemy as sa
import time_machine

from caseflow import access_log
from caseflow.api.resources import rol_uuid
from caseflow.extensions import db
from caseflow.models import AccessLog, Person
from tests.integration.conftest import MakeCaller, open_case
from tests.offices import Office

ZAKEN = "/api/zaken/v1"


def _json(response: Any) -> Any:
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_a_case_reads_as_a_zaak_whose_type_status_and_roles_resolve(
    office: Office, make_caller: MakeCaller
) -> None:
    case = open_case(office, office.client, office.consulent, taken=True)
    caller = make_caller()

    zaak = _json(caller.get(f"{ZAKEN}/zaken/{case.uuid}"))
    assert zaak["uuid"] == case.uuid
    assert zaak["identificatie"] == case.reference
    assert zaak["startdatum"] == "2026-03-02"
    assert zaak["einddatum"] is None
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2026-03-16"  # Wmo decision in 2 weeks
    assert zaak["resultaat"] is None

    zaaktype = _json(caller.get(zaak["zaaktype"]))
    assert zaaktype["identificatie"] == "wmo_aanvraag"
    assert zaaktype["doorlooptijd"] == "P2W"
    status = _json(caller.get(zaak["status"]))
    assert status["indicatieLaatstGezetteStatus"] is True
    statustype = _json(caller.get(status["statustype"]))
    assert statustype["omschrijving"] == "Aanvraag ontvangen"
    assert statustype["volgnummer"] == 1
    assert statustype["url"] in zaaktype["statustypen"]

    roles = {}
    for url in zaak["rollen"]:
        rol = _json(caller.get(url))
        roles[rol["betrokkeneType"]] = rol
    assert roles["natuurlijk_persoon"]["omschrijvingGeneriek"] == "initiator"
    assert roles["natuurlijk_persoon"]["betrokkeneIdentificatie"]["inpBsn"] == "111222333"
    assert roles["medewerker"]["betrokkeneIdentificatie"]["identificatie"] == "consulent"
    assert roles["organisatorische_eenheid"]["betrokkeneIdentificatie"]["naam"] == (
        "Team Wmo Maastricht"
    )
    roltype = _json(caller.get(roles["medewerker"]["roltype"]))
    assert roltype["omschrijvingGeneriek"] == "behandelaar"


def _every_answer(caller: Any, uuids: list[str], bsn: str) -> list[Any]:
    """Each list endpoint unfiltered and filtered on each case, and each detail of each case
    with everything it links to."""
    answers = []
    for path in ("zaken", "statussen", "resultaten", "rollen"):
        answers.append(caller.get(f"{ZAKEN}/{path}"))
    answers.append(
        caller.get(f"{ZAKEN}/zaken", rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=bsn)
    )
    answers.append(
        caller.get(f"{ZAKEN}/rollen", betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=bsn)
    )
    for uuid in uuids:
        url = f"http://localhost{ZAKEN}/zaken/{uuid}"
        answers.append(caller.get(f"{ZAKEN}/zaken/{uuid}"))
        for path in ("statussen", "resultaten", "rollen"):
            answers.append(caller.get(f"{ZAKEN}/{path}", zaak=url))
    return answers


def test_an_application_of_one_municipality_never_receives_another_municipalitys_case(
    office: Office, make_caller: MakeCaller, vaals_client: Person
) -> None:
    ours = open_case(office, office.client, office.consulent, taken=True)
    theirs = open_case(office, vaals_client, office.vaals_consulent, taken=True)
    maastricht_only = make_caller("portaal-maastricht", municipalities=("maastricht",))
    everywhere = make_caller("kcc-regio")

    seen = _every_answer(maastricht_only, [ours.uuid, theirs.uuid], vaals_client.bsn or "")
    # What it was given; an error echoes the path it was asked, nothing more.
    text = "\n".join(r.get_data(as_text=True) for r in seen if r.status_code == 200)
    assert ours.uuid in text
    assert theirs.uuid not in text
    assert vaals_client.bsn not in text and "Meertens" not in text
    assert maastricht_only.get(f"{ZAKEN}/zaken/{theirs.uuid}").status_code == 404
    for role_kind in ("client", "handler", "team"):
        role = rol_uuid(theirs, role_kind)
        assert maastricht_only.get(f"{ZAKEN}/rollen/{role}").status_code == 404
    for event in theirs.events:
        assert maastricht_only.get(f"{ZAKEN}/statussen/{event.uuid}").status_code == 404

    # The other application, for both municipalities, sees both: the filter is the reach.
    both = _json(everywhere.get(f"{ZAKEN}/zaken"))
    assert {z["uuid"] for z in both["results"]} == {ours.uuid, theirs.uuid}


def test_every_case_an_answer_shows_is_in_the_processing_log(
    office: Office, make_caller: MakeCaller, vaals_client: Person
) -> None:
    first = open_case(office, office.client, office.consulent)
    second = open_case(office, office.client, office.consulent)
    open_case(office, vaals_client, office.vaals_consulent)
    caller = make_caller("portaal", municipalities=("maastricht",))

    _json(caller.get(f"{ZAKEN}/zaken"))
    _json(caller.get(f"{ZAKEN}/rollen", zaak=f"http://localhost{ZAKEN}/zaken/{first.uuid}"))

    rows = db.session.scalars(sa.select(AccessLog).order_by(AccessLog.id)).all()
    assert [(r.case_id, r.person_id, r.action) for r in rows] == [
        (first.id, office.client.id, "view"),
        (second.id, office.client.id, "view"),
        (first.id, office.client.id, "view"),
    ]
    assert all(r.purpose == "Zaken API: Systeem portaal (portaal)" for r in rows)


def test_lists_come_in_pages_of_100_with_links_and_filters(
    office: Office, make_caller: MakeCaller, travel: time_machine.Traveller
) -> None:
    cases = [open_case(office, office.client, office.consulent) for _ in range(100)]
    travel.shift(timedelta(days=1))
    late = open_case(office, office.client, office.consulent)
    caller = make_caller()

    first = _json(caller.get(f"{ZAKEN}/zaken"))
    assert first["count"] == 101 and len(first["results"]) == 100
    assert first["previous"] is None
    second = _json(caller.client.get(first["next"], headers=caller.headers()))
    assert [z["uuid"] for z in second["results"]] == [late.uuid]
    assert second["next"] is None and second["previous"].endswith("page=1")
    missing = caller.get(f"{ZAKEN}/zaken", page="3")
    assert missing.status_code == 404
    assert missing.mimetype == "application/problem+json"
    assert missing.get_json()["code"] == "not_found"

    newest = _json(caller.get(f"{ZAKEN}/zaken", startdatum__gte="2026-03-03"))
    assert [z["uuid"] for z in newest["results"]] == [late.uuid]
    by_number = _json(caller.get(f"{ZAKEN}/zaken", identificatie=cases[41].reference))
    assert [z["uuid"] for z in by_number["results"]] == [cases[41].uuid]
    ordered = _json(caller.get(f"{ZAKEN}/zaken", ordering="-startdatum"))
    assert ordered["results"][0]["uuid"] == late.uuid

    bad = caller.get(f"{ZAKEN}/zaken", startdatum__gt="2 maart")
    assert bad.status_code == 400
    body = bad.get_json()
    assert body["invalidParams"] == [
        {"name": "startdatum__gt", "code": "invalid", "reason": "Geef een datum als JJJJ-MM-DD."}
    ]
    assert body["instance"] == f"{ZAKEN}/zaken"


def test_a_token_must_be_signed_by_the_application_and_fresh(
    office: Office, make_caller: MakeCaller, travel: time_machine.Traveller
) -> None:
    caller = make_caller()
    path = f"{ZAKEN}/zaken"
    assert caller.client.get(path).status_code == 401
    forged = caller.token()[:-4] + "abcd"
    answer = caller.client.get(path, headers={"Authorization": f"Bearer {forged}"})
    assert answer.status_code == 401
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["code"] == "not_authenticated"

    token = caller.token()
    travel.shift(timedelta(hours=2))
    expired = caller.client.get(path, headers={"Authorization": f"Bearer {token}"})
    assert expired.status_code == 401
    assert "verlopen" in expired.get_json()["detail"]
    assert caller.get(path).status_code == 200

    caller.application.active = False
    db.session.commit()
    assert caller.get(path).status_code == 401


def test_the_schema_documents_what_is_served(office: Office, make_caller: MakeCaller) -> None:
    caller = make_caller()
    schema = _json(caller.client.get("/api/schema"))
    assert schema["openapi"].startswith("3.")
    assert f"{ZAKEN}/zaken/{{uuid}}" in schema["paths"]
    assert "post" in schema["paths"][f"{ZAKEN}/statussen"]


def test_a_page_of_a_hundred_cases_is_logged_as_one_unbroken_run_of_the_chain(
    office: Office, make_caller: MakeCaller
) -> None:
    cases = [open_case(office, office.client, office.consulent) for _ in range(101)]
    caller = make_caller()

    shown = _json(caller.get(f"{ZAKEN}/zaken"))["results"]

    rows = db.session.scalars(sa.select(AccessLog).order_by(AccessLog.id)).all()
    by_uuid = {case.uuid: case.id for case in cases}
    assert [r.case_id for r in rows] == [by_uuid[z["uuid"]] for z in shown]
    assert len(rows) == 100
    assert all(later.prev_hash == earlier.row_hash for earlier, later in pairwise(rows))
    assert access_log.verify().broken_at is None
