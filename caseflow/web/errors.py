"""Dutch error pages, and one mapping of the engine's refusals to HTTP statuses."""

from flask import Flask, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge

from caseflow import unit_of_work
from caseflow.api import http_problem, is_api_request
from caseflow.web.refusals import log_refusal
from caseflow.workflow.errors import ConflictError, NotAuthorised, WorkflowError

MESSAGES = {
    400: ("Verzoek niet verwerkt", "Het verzoek kon niet worden verwerkt. Probeer het opnieuw."),
    403: ("Geen toegang", "U heeft geen toegang tot deze gegevens. Deze poging is vastgelegd."),
    404: ("Niet gevonden", "Deze pagina of dit gegeven bestaat niet (meer)."),
    405: ("Niet toegestaan", "Deze handeling is hier niet mogelijk."),
    409: ("Tegelijk gewijzigd", "Iemand anders heeft dit net gewijzigd. Probeer het opnieuw."),
    413: (
        "Te groot",
        "Dit verzoek is te groot: te veel tekst of te veel velden. Er is niets opgeslagen.",
    ),
    429: (
        "Te vaak geprobeerd",
        "Er kwamen te veel verzoeken van dit adres. Wacht een half uur en probeer het opnieuw.",
    ),
    500: ("Er ging iets mis", "Er ging iets mis aan onze kant. Er is niets half opgeslagen."),
}


def refusal_status(error: WorkflowError) -> int:
    """400 for input or a step that is not possible now, 403 not allowed, 409 changed meanwhile."""
    if isinstance(error, NotAuthorised):
        return 403
    if isinstance(error, ConflictError):
        return 409
    return 400


def init_error_pages(app: Flask) -> None:
    app.before_request(refuse_crafted_input)

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> ResponseReturnValue:
        return render_template(
            "error.html",
            title="Formulier verlopen",
            message="Het formulier is verlopen of niet geldig. Laad de pagina opnieuw en "
            "probeer het nog eens. Er is niets opgeslagen.",
        ), 400

    @app.errorhandler(WorkflowError)
    def _refused(error: WorkflowError) -> ResponseReturnValue:
        # The page queries the database; what the refused request staged must be gone first.
        unit_of_work.rollback()
        status = refusal_status(error)
        if status == 403:
            log_refusal(status)
        title = MESSAGES[status][0]
        return render_template("error.html", title=title, message=error.message), status

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> ResponseReturnValue:
        code = error.code or 500
        if code >= 500:
            unit_of_work.rollback()
        if is_api_request():
            return http_problem(error)
        if code in (403, 404):
            log_refusal(code)
        title, message = MESSAGES.get(code, (error.name, error.description or ""))
        if isinstance(error, RefusedInput):
            message = error.description or message
        return render_template("error.html", title=title, message=message), code


class RefusedInput(BadRequest):
    """Input no form could have sent, refused with its own Dutch explanation."""


def refuse_crafted_input() -> None:
    """More fields than any page has (the limit that multipart forms get from MAX_FORM_PARTS,
    for every form), or a NUL character, which fits no text column: refused up front."""
    values = [*request.args.items(multi=True), *request.form.items(multi=True)]
    if len(values) > current_app.config["MAX_FORM_PARTS"]:
        raise RequestEntityTooLarge()
    if any("\x00" in key or "\x00" in value for key, value in values):
        raise RefusedInput(
            "Het verzoek bevat een teken dat niet is toegestaan (NUL). Er is niets opgeslagen."
        )
