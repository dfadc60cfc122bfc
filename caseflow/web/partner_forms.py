"""Forms of the partner pages, the requests inbox, partner administration and contact moments."""

from wtforms import PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from caseflow.models import CONTACT_KINDS, PARTNER_KINDS
from caseflow.models.plans import ACTION_STATES
from caseflow.web.forms import DutchDateField, DutchForm
from caseflow.web.plan_forms import CheckboxesField


class PartnerUpdateForm(DutchForm):
    state = SelectField("Hoe staat de actie?", choices=list(ACTION_STATES.items()))
    note = TextAreaField(
        "Korte notitie voor de regisseur (niet verplicht)",
        validators=[Optional(), Length(max=1000)],
        description="Alleen wat de regisseur moet weten over deze actie.",
    )


class AnswerForm(DutchForm):
    answer = TextAreaField(
        "Uw antwoord",
        description="Beantwoord alleen deze vraag. Stuur geen dossier of bijlagen mee.",
    )


class OrganisationForm(DutchForm):
    name = StringField("Naam van de organisatie", validators=[Optional(), Length(max=200)])
    kind = SelectField(
        "Soort organisatie", choices=[("", "Kies…"), *PARTNER_KINDS.items()], validate_choice=False
    )
    contact_name = StringField("Contactpersoon", validators=[Optional(), Length(max=200)])
    phone = StringField("Telefoon", validators=[Optional(), Length(max=40)])
    email = StringField("E-mailadres", validators=[Optional(), Length(max=200)])


class StaffAccountForm(DutchForm):
    full_name = StringField("Voornaam en achternaam", validators=[Optional(), Length(max=200)])
    username = StringField(
        "Gebruikersnaam",
        validators=[Optional(), Length(max=80)],
        description="Persoonlijk, bijvoorbeeld m.wetzels.kbl.",
    )
    email = StringField("E-mailadres (niet verplicht)", validators=[Optional(), Length(max=200)])
    password = PasswordField(
        "Eerste wachtwoord",
        description="De medewerker moet dit wachtwoord bij de eerste keer inloggen wijzigen.",
    )
    municipality_ids = CheckboxesField("Voor welke gemeenten?", coerce=int, choices=[])


class ContactForm(DutchForm):
    kind = SelectField(
        "Soort contact", choices=[("", "Kies…"), *CONTACT_KINDS.items()], validate_choice=False
    )
    occurred_on = DutchDateField("Datum")
    summary = TextAreaField(
        "Korte samenvatting",
        description="Wat is besproken of afgesproken, alleen wat het team moet weten.",
    )
