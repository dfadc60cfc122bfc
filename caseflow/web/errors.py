"""Dutch error pages."""

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: ("Verzoek niet verwerkt", "Het verzoek kon niet worden verwerkt. Probeer het opnieuw."),
    403: ("Geen toegang", "U heeft geen toegang tot deze gegevens. Deze poging is vastgelegd."),
    404: ("Niet gevonden", "Deze pagina of dit gegeven bestaat niet (meer)."),
    405: ("Niet toegestaan", "Deze handeling is hier niet mogelijk."),
    500: ("Er ging iets mis", "Er ging iets mis aan onze kant. Er is niets half opgeslagen."),
}


def init_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> ResponseReturnValue:
        return render_template(
            "error.html",
            title="Formulier verlopen",
            message="Het formulier is verlopen of niet geldig. Laad de pagina opnieuw en "
            "probeer het nog eens. Er is niets opgeslagen.",
        ), 400

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> ResponseReturnValue:
        code = error.code or 500
        title, message = MESSAGES.get(code, (error.name, error.description or ""))
        return render_template("error.html", title=title, message=message), code
