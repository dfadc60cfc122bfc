"""Errors in the ZGW shape (`Fout`, `ValidatieFout`): application/problem+json with a code, a
title, the status, a detail and the request's path, and for bad input one entry per parameter."""

from dataclasses import dataclass, field

from flask import Response, jsonify, request

PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer.",
    401: "Niet geauthenticeerd.",
    403: "U heeft geen toestemming om deze actie uit te voeren.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Niet acceptabel.",
    409: "Conflict.",
    413: "Verzoek te groot.",
    415: "Mediatype niet ondersteund.",
    500: "Er ging iets mis aan de kant van de server.",
}
CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "request_too_large",
    415: "unsupported_media_type",
    500: "error",
}


@dataclass(frozen=True)
class InvalidParam:
    name: str
    code: str
    reason: str


@dataclass
class ApiError(Exception):
    """Raised anywhere in an API view; answered as a problem document."""

    status: int
    detail: str
    invalid_params: list[InvalidParam] = field(default_factory=list)
    code: str | None = None


def invalid(name: str, reason: str, code: str = "invalid") -> ApiError:
    return ApiError(400, "Ongeldige invoer.", [InvalidParam(name, code, reason)])


def problem(error: ApiError) -> Response:
    body: dict[str, object] = {
        "type": f"https://httpstatuses.io/{error.status}",
        "code": error.code or CODES.get(error.status, "error"),
        "title": TITLES.get(error.status, "Fout."),
        "status": error.status,
        "detail": error.detail,
        "instance": request.path,
    }
    if error.status == 400:
        body["invalidParams"] = [
            {"name": p.name, "code": p.code, "reason": p.reason} for p in error.invalid_params
        ]
    response = jsonify(body)
    response.status_code = error.status
    response.mimetype = PROBLEM_JSON
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="caseflow"'
    return response
