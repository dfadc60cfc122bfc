"""Forms of the account and rights pages."""

from typing import Any

from wtforms import PasswordField, RadioField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from caseflow.models import Role
from caseflow.web.forms import DutchForm
from caseflow.web.plan_forms import CheckboxesField
from caseflow.workflow.errors import InvalidData

ROLE_CHOICES = [(r.value, r.label) for r in Role]


class RightsForm(DutchForm):
    roles = CheckboxesField("Rollen", choices=ROLE_CHOICES)
    municipality_ids = CheckboxesField("Gemeenten", coerce=int, choices=[])
    team_ids = CheckboxesField("Teams", coerce=int, choices=[])


class NewUserForm(RightsForm):
    full_name = StringField(
        "Voornaam en achternaam",
        validators=[Optional(), Length(max=200)],
        description="Elk account is van één persoon; geen team-, balie- of groepsaccounts.",
    )
    username = StringField(
        "Gebruikersnaam",
        validators=[Optional(), Length(max=80)],
        description="Persoonlijk, bijvoorbeeld j.jansen.",
    )
    email = StringField("E-mailadres (niet verplicht)", validators=[Optional(), Length(max=200)])
    password = PasswordField(
        "Eerste wachtwoord",
        description="De medewerker moet dit wachtwoord bij de eerste keer inloggen wijzigen.",
    )


class ResetPasswordForm(DutchForm):
    password = PasswordField(
        "Nieuw tijdelijk wachtwoord",
        description="De medewerker moet het bij de volgende keer inloggen wijzigen.",
    )


class ReviewForm(DutchForm):
    outcome = RadioField(
        "Uitkomst",
        choices=[("akkoord", "Rechten herzien: akkoord"), ("aangepast", "Rechten aangepast")],
        validate_choice=False,
    )
    note = TextAreaField("Toelichting (niet verplicht)", validators=[Optional(), Length(max=400)])


class PasswordChangeForm(DutchForm):
    current = PasswordField("Huidig wachtwoord")
    new = PasswordField(
        "Nieuw wachtwoord",
        description="Minstens 12 tekens, niet makkelijk te raden en zonder uw gebruikersnaam. "
        "Een zin van een paar woorden werkt goed.",
    )
    repeat = PasswordField("Herhaal het nieuwe wachtwoord")


def unreadable(form: DutchForm) -> InvalidData | None:
    """Choices that could not be read (a tampered post), as a refusal naming those fields."""
    bad: dict[str, Any] = {
        field.short_name: "Kies alleen uit de lijst." for field in form if field.process_errors
    }
    return InvalidData(bad) if bad else None
