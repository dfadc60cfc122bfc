"""The OpenAPI 3 document of what caseflow implements of the ZGW Zaken and Catalogi APIs: the
same resource shapes, filters, pages and errors, and nothing it does not do."""

from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

bp = Blueprint("api_schema", __name__)

JSON = "application/json"
PROBLEM = "application/problem+json"


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _string(**extra: Any) -> dict[str, Any]:
    return {"type": "string", **extra}


URI = _string(format="uri")
NULLABLE_URI = _string(format="uri", nullable=True)
URIS = {"type": "array", "items": URI}
DATE = _string(format="date")
NULLABLE_DATE = _string(format="date", nullable=True)
DATETIME = _string(format="date-time")
UUID = _string(format="uuid")


def _object(required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


def _all_required(**properties: Any) -> dict[str, Any]:
    return _object(sorted(properties), **properties)


SCHEMAS: dict[str, Any] = {
    "Fout": _all_required(
        type=_string(),
        code=_string(),
        title=_string(),
        status={"type": "integer"},
        detail=_string(),
        instance=_string(),
    ),
    "FieldValidationError": _all_required(name=_string(), code=_string(), reason=_string()),
    "ValidatieFout": _all_required(
        type=_string(),
        code=_string(),
        title=_string(),
        status={"type": "integer"},
        detail=_string(),
        instance=_string(),
        invalidParams={"type": "array", "items": ref("FieldValidationError")},
    ),
    "Zaak": _all_required(
        url=URI,
        uuid=UUID,
        identificatie=_string(maxLength=40),
        bronorganisatie=_string(maxLength=9),
        omschrijving=_string(maxLength=80),
        toelichting=_string(),
        zaaktype=URI,
        registratiedatum=DATE,
        verantwoordelijkeOrganisatie=_string(maxLength=9),
        startdatum=DATE,
        einddatum=NULLABLE_DATE,
        einddatumGepland=NULLABLE_DATE,
        uiterlijkeEinddatumAfdoening=NULLABLE_DATE,
        publicatiedatum=NULLABLE_DATE,
        vertrouwelijkheidaanduiding=_string(enum=["zaakvertrouwelijk", "vertrouwelijk"]),
        betalingsindicatieWeergave=_string(),
        hoofdzaak=NULLABLE_URI,
        deelzaken=URIS,
        eigenschappen=URIS,
        rollen=URIS,
        status=NULLABLE_URI,
        zaakinformatieobjecten=URIS,
        zaakobjecten=URIS,
        resultaat=NULLABLE_URI,
        archiefstatus=_string(enum=["nog_te_archiveren"]),
    ),
    "Status": _all_required(
        url=URI,
        uuid=UUID,
        zaak=URI,
        statustype=URI,
        datumStatusGezet=DATETIME,
        statustoelichting=_string(),
        indicatieLaatstGezetteStatus={"type": "boolean"},
        zaakinformatieobjecten=URIS,
    ),
    "StatusNieuw": _object(
        ["zaak", "statustype", "datumStatusGezet"],
        zaak=URI,
        statustype=URI,
        datumStatusGezet=DATETIME,
        statustoelichting=_string(maxLength=1000),
    ),
    "Resultaat": _all_required(
        url=URI, uuid=UUID, zaak=URI, resultaattype=URI, toelichting=_string()
    ),
    "Rol": _all_required(
        url=URI,
        uuid=UUID,
        zaak=URI,
        betrokkeneType=_string(
            enum=["natuurlijk_persoon", "medewerker", "organisatorische_eenheid"]
        ),
        roltype=URI,
        omschrijving=_string(),
        omschrijvingGeneriek=_string(enum=["initiator", "behandelaar"]),
        roltoelichting=_string(),
        registratiedatum=DATETIME,
        statussen=URIS,
        betrokkeneIdentificatie={
            "type": "object",
            "description": "natuurlijk_persoon: inpBsn, geslachtsnaam, voornamen; medewerker: "
            "identificatie, achternaam; organisatorische_eenheid: identificatie, naam.",
            "additionalProperties": {"type": "string"},
        },
    ),
    "ZaakType": _all_required(
        url=URI,
        uuid=UUID,
        identificatie=_string(),
        omschrijving=_string(maxLength=80),
        toelichting=_string(),
        vertrouwelijkheidaanduiding=_string(enum=["zaakvertrouwelijk", "vertrouwelijk"]),
        doorlooptijd=_string(nullable=True),
        servicenorm=_string(nullable=True),
        concept={"type": "boolean"},
        statustypen=URIS,
        resultaattypen=URIS,
        roltypen=URIS,
    ),
    "StatusType": _all_required(
        url=URI,
        uuid=UUID,
        omschrijving=_string(maxLength=80),
        zaaktype=URI,
        volgnummer={"type": "integer", "minimum": 1},
        isEindstatus={"type": "boolean"},
    ),
    "ResultaatType": _all_required(
        url=URI, uuid=UUID, omschrijving=_string(maxLength=80), zaaktype=URI
    ),
    "RolType": _all_required(
        url=URI, uuid=UUID, omschrijving=_string(), omschrijvingGeneriek=_string(), zaaktype=URI
    ),
}
for _name in (
    "Zaak",
    "Status",
    "Resultaat",
    "Rol",
    "ZaakType",
    "StatusType",
    "ResultaatType",
    "RolType",
):
    SCHEMAS[f"Paginated{_name}List"] = _all_required(
        count={"type": "integer"},
        next=NULLABLE_URI,
        previous=NULLABLE_URI,
        results={"type": "array", "items": ref(_name)},
    )


def _problem(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM: {"schema": ref(schema)}}}


def _responses(ok: str, *, status: str = "200", errors: tuple[int, ...] = ()) -> dict[str, Any]:
    responses: dict[str, Any] = {
        status: {"description": "OK", "content": {JSON: {"schema": ref(ok)}}},
        "401": _problem("Fout", "Geen of geen geldig token"),
        "403": _problem("Fout", "De applicatie mist de scope"),
    }
    for code in errors:
        schema = "ValidatieFout" if code == 400 else "Fout"
        responses[str(code)] = _problem(
            schema, {400: "Ongeldige invoer", 404: "Niet gevonden", 409: "Tegelijk gewijzigd"}[code]
        )
    return responses


def _query(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


PAGE = _query("page", {"type": "integer", "minimum": 1}, "Pagina van 100 resultaten")
ZAAK = _query("zaak", URI, "URL van de zaak")
ZAAKTYPE = _query("zaaktype", URI, "URL van het zaaktype")
PATH_UUID = {"name": "uuid", "in": "path", "required": True, "schema": UUID}
READ = [{"JWT-Claims": ["read"]}]


def _list(tag: str, summary: str, item: str, parameters: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "get": {
            "operationId": f"{tag}_list",
            "summary": summary,
            "tags": [tag],
            "security": READ,
            "parameters": [*parameters, PAGE],
            "responses": _responses(f"Paginated{item}List", errors=(400, 404)),
        }
    }


def _read(tag: str, summary: str, item: str) -> dict[str, Any]:
    return {
        "get": {
            "operationId": f"{tag}_read",
            "summary": summary,
            "tags": [tag],
            "security": READ,
            "parameters": [PATH_UUID],
            "responses": _responses(item, errors=(404,)),
        }
    }


def _zaak_parameters() -> list[dict[str, Any]]:
    dates = [
        _query(f"{name}{suffix}", DATE)
        for name in ("startdatum", "einddatum")
        for suffix in ("", "__gt", "__gte", "__lt", "__lte")
    ]
    return [
        _query("identificatie", _string(), "Het zaaknummer, zoals Z-2026-000123"),
        _query("bronorganisatie", _string(maxLength=9), "RSIN van de gemeente"),
        ZAAKTYPE,
        *dates,
        _query("einddatum__isnull", {"type": "boolean"}, "true: alleen lopende zaken"),
        _query("rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn", _string(maxLength=9)),
        _query("ordering", _string(enum=["startdatum", "-startdatum", "einddatum", "-einddatum"])),
    ]


def _paths() -> dict[str, Any]:
    zaken, catalogi = "/api/zaken/v1", "/api/catalogi/v1"
    statussen = _list(
        "statussen",
        "Alle statussen",
        "Status",
        [
            ZAAK,
            _query("statustype", URI),
            _query("indicatieLaatstGezetteStatus", {"type": "boolean"}),
        ],
    )
    statussen["post"] = {
        "operationId": "status_create",
        "summary": "Een status zetten: de workflow-engine voert de stap uit die erheen leidt",
        "tags": ["statussen"],
        "security": [{"JWT-Claims": ["write"]}],
        "requestBody": {"required": True, "content": {JSON: {"schema": ref("StatusNieuw")}}},
        "responses": _responses("Status", status="201", errors=(400, 409)),
    }
    role_types = ["natuurlijk_persoon", "medewerker", "organisatorische_eenheid"]
    return {
        f"{zaken}/zaken": _list(
            "zaken", "Alle zaken binnen het bereik van de applicatie", "Zaak", _zaak_parameters()
        ),
        f"{zaken}/zaken/{{uuid}}": _read("zaken", "Eén zaak", "Zaak"),
        f"{zaken}/statussen": statussen,
        f"{zaken}/statussen/{{uuid}}": _read("statussen", "Eén status", "Status"),
        f"{zaken}/resultaten": _list(
            "resultaten", "Alle resultaten", "Resultaat", [ZAAK, _query("resultaattype", URI)]
        ),
        f"{zaken}/resultaten/{{uuid}}": _read("resultaten", "Eén resultaat", "Resultaat"),
        f"{zaken}/rollen": _list(
            "rollen",
            "Alle rollen",
            "Rol",
            [
                ZAAK,
                _query("betrokkeneType", _string(enum=role_types)),
                _query("omschrijvingGeneriek", _string(enum=["initiator", "behandelaar"])),
                _query("betrokkeneIdentificatie__natuurlijkPersoon__inpBsn", _string(maxLength=9)),
            ],
        ),
        f"{zaken}/rollen/{{uuid}}": _read("rollen", "Eén rol", "Rol"),
        f"{catalogi}/zaaktypen": _list("zaaktypen", "Alle zaaktypen", "ZaakType", []),
        f"{catalogi}/zaaktypen/{{uuid}}": _read("zaaktypen", "Eén zaaktype", "ZaakType"),
        f"{catalogi}/statustypen": _list(
            "statustypen", "Alle statustypen", "StatusType", [ZAAKTYPE]
        ),
        f"{catalogi}/statustypen/{{uuid}}": _read("statustypen", "Eén statustype", "StatusType"),
        f"{catalogi}/resultaattypen": _list(
            "resultaattypen", "Alle resultaattypen", "ResultaatType", [ZAAKTYPE]
        ),
        f"{catalogi}/resultaattypen/{{uuid}}": _read(
            "resultaattypen", "Eén resultaattype", "ResultaatType"
        ),
        f"{catalogi}/roltypen": _list("roltypen", "Alle roltypen", "RolType", [ZAAKTYPE]),
        f"{catalogi}/roltypen/{{uuid}}": _read("roltypen", "Eén roltype", "RolType"),
    }


def document() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "caseflow Zaken API",
            "version": "1.0.0",
            "description": (
                "Een deelverzameling van de ZGW Zaken API 1.5 en Catalogi API: zaken, statussen, "
                "resultaten en rollen lezen, en statussen zetten via de workflow-engine. "
                "Authenticatie met een JWT (HS256) per applicatie, met client_id en iat; elke "
                "applicatie ziet alleen de zaken van haar gemeenten en zaaktypen, en elke "
                "gelezen zaak komt in het verwerkingenlog."
            ),
            "license": {"name": "EUPL 1.2"},
        },
        "servers": [{"url": request.host_url.rstrip("/")}],
        "paths": _paths(),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "JWT-Claims": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
    }


@bp.get("/api/schema")
def openapi() -> ResponseReturnValue:
    return jsonify(document())
