"""WTForms forms with Dutch labels and messages."""

import re
from datetime import date, datetime
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from caseflow import clock
from caseflow.bsn import bsn_error
from caseflow.domains import single_domain_choices
from caseflow.intake import OUTCOMES
from caseflow.models import CHANNELS, INCIDENT_KINDS, LIFE_DOMAINS
from caseflow.web.date_parts import DatePartsField

SCORE_CHOICES = [
    ("", "Niet besproken"),
    ("1", "1 – acute problematiek"),
    ("2", "2 – niet zelfredzaam"),
    ("3", "3 – beperkt zelfredzaam"),
    ("4", "4 – voldoende zelfredzaam"),
    ("5", "5 – volledig zelfredzaam"),
]
POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")


FIRST_YEAR, LAST_YEAR = 1900, 2100


class DutchDateField(StringField):
    """A date typed as dd-mm-jjjj or picked as jjjj-mm-dd, with a Dutch message when wrong."""

    widget_type = "date"

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not self.raw:
            return
        for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
            try:
                parsed = datetime.strptime(self.raw, fmt).date()
            except ValueError:
                continue
            # Nothing in a social-domain file happens in year 1 or 2999: a typing error.
            if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
                raise ValueError(f"Vul een datum tussen {FIRST_YEAR} en {LAST_YEAR} in.")
            self.data = parsed
            return
        raise ValueError("Vul een geldige datum in, bijvoorbeeld 17-05-1980.")

    def _value(self) -> str:
        if isinstance(self.data, date):
            return self.data.isoformat()
        return getattr(self, "raw", "") or ""


def _bsn(form: FlaskForm, field: Field) -> None:
    if field.data and (error := bsn_error(field.data.strip())):
        raise ValidationError(error)


def _postcode(form: FlaskForm, field: Field) -> None:
    if field.data and not POSTCODE.match(field.data.strip()):
        raise ValidationError("Vul een postcode in als 1234 AB.")


def _optional_id(value: Any) -> int | None:
    """A select whose empty choice means "not chosen" rather than an invalid number."""
    if value in (None, ""):
        return None
    return int(value)


# Longest text a field takes: a line (name, reason) or a written account (report, note).
MAX_LINE = 500
MAX_TEXT = 20_000


class DutchForm(FlaskForm):
    """Forms whose built-in messages (a missing CSRF token, an invalid choice) are Dutch too,
    and whose every text field has a length limit, so no page carries megabytes of text."""

    class Meta:
        locales = ("nl",)

    def validate(self, extra_validators: Any = None) -> bool:
        ok: bool = super().validate(extra_validators)
        for field in self:
            if not isinstance(field, StringField) or not isinstance(field.data, str):
                continue
            limit = MAX_TEXT if isinstance(field, TextAreaField) else MAX_LINE
            if len(field.data) > limit:
                field.errors = [*field.errors, f"Maximaal {limit:,} tekens.".replace(",", ".")]
                ok = False
        return ok


class IntakeForm(DutchForm):
    channel = SelectField("Kanaal", choices=list(CHANNELS.items()))
    contact_name = StringField(
        "Wie neemt contact op?",
        validators=[Optional(), Length(max=200)],
        description="Bijvoorbeeld: de inwoner zelf, een dochter, de huisarts.",
    )
    person_id = HiddenField()
    bsn = StringField("BSN (niet verplicht)", validators=[Optional(), _bsn])
    given_names = StringField("Voornamen", validators=[Optional(), Length(max=200)])
    family_name = StringField("Achternaam", validators=[Optional(), Length(max=200)])
    date_of_birth = DatePartsField("Geboortedatum")
    street = StringField("Straat", validators=[Optional(), Length(max=200)])
    house_number = StringField("Huisnummer", validators=[Optional(), Length(max=20)])
    postcode = StringField("Postcode", validators=[Optional(), _postcode])
    phone = StringField("Telefoon", validators=[Optional(), Length(max=40)])
    # Empty: the gemeente follows from the postcode (caseflow.intake.municipality_of).
    municipality_id = SelectField(
        "Gemeente", coerce=_optional_id, choices=[], validate_choice=False
    )
    question = TextAreaField(
        "De vraag in de woorden van de inwoner",
        validators=[DataRequired("Vul de vraag van de inwoner in.")],
    )
    underlying_question = TextAreaField(
        "De vraag achter de vraag",
        validators=[DataRequired("Vul de vraag achter de vraag in.")],
        description="Wat heeft de inwoner nodig in zijn of haar situatie?",
    )
    urgent = BooleanField("Spoed")
    safety_concern = BooleanField("Zorgen over veiligheid (van de inwoner of van medewerkers)")
    with_household = BooleanField("Vastleggen als huishouden")
    outcome = RadioField(
        "Uitkomst van het gesprek",
        choices=list(OUTCOMES.items()),
        validators=[DataRequired("Kies een uitkomst van het gesprek.")],
    )
    front_door_result = SelectField(
        "Hoe beantwoord?",
        validate_choice=False,
        choices=[
            ("", "Kies…"),
            ("informatie", "Informatie gegeven"),
            ("advies", "Advies gegeven"),
            ("voorliggend_veld", "Doorverwezen naar voorliggend veld"),
        ],
    )
    domain = SelectField(
        "Domein", validate_choice=False, choices=[("", "Kies…"), *single_domain_choices()]
    )
    urgent_to = SelectField(
        "Met spoed naar",
        validate_choice=False,
        choices=[
            ("", "Kies…"),
            ("gebiedsteam", "Integraal gebiedsteam"),
            ("wmo", "Wmo"),
            ("jeugd", "Jeugd"),
            ("participatie", "Participatie en inkomen"),
            ("schuldhulp", "Schuldhulpverlening"),
        ],
    )
    explanation = TextAreaField("Toelichting", validators=[Optional()])

    def life_domain_fields(self) -> list[Field]:
        return [self[f"ld_{code}"] for code in LIFE_DOMAINS]

    def validate(self, extra_validators: Any = None) -> bool:
        ok: bool = super().validate(extra_validators)
        if not self.person_id.data:
            for field, message in (
                (self.given_names, "Vul de voornamen in."),
                (self.family_name, "Vul de achternaam in."),
                (self.postcode, "Vul de postcode in; die bepaalt het gebied."),
            ):
                if not (field.data or "").strip():
                    field.errors = [*field.errors, message]
                    ok = False
            if (
                not self.bsn.data
                and self.date_of_birth.data is None
                and not self.date_of_birth.errors
            ):
                self.date_of_birth.errors = ["Vul de geboortedatum in als er geen BSN is."]
                ok = False
            born = self.date_of_birth.data
            if isinstance(born, date) and born > clock.today():
                self.date_of_birth.errors = ["De geboortedatum ligt niet in de toekomst."]
                ok = False
        required = {
            "voordeur": self.front_door_result,
            "domein": self.domain,
            "spoed": self.urgent_to,
        }
        needed = required.get(self.outcome.data or "")
        if needed is not None and not needed.data:
            needed.errors = [
                *needed.errors,
                f"Kies bij deze uitkomst: {needed.label.text.lower()}.",
            ]
            ok = False
        return ok


for _code, _label in LIFE_DOMAINS.items():
    setattr(
        IntakeForm,
        f"ld_{_code}",
        SelectField(_label, choices=SCORE_CHOICES, default=""),
    )


class NoteForm(DutchForm):
    text = TextAreaField("Notitie", validators=[DataRequired("Schrijf eerst een notitie.")])


class AssignForm(DutchForm):
    assignee_id = SelectField("Behandelaar", coerce=int, choices=[])
    reason = StringField("Reden", validators=[Optional(), Length(max=500)])
    version = HiddenField()


class IncidentForm(DutchForm):
    kind = SelectField(
        "Wat gebeurde er?",
        validate_choice=False,
        choices=[("", "Kies…"), *INCIDENT_KINDS.items()],
    )
    occurred_on = DutchDateField("Datum", validators=[DataRequired("Vul de datum in.")])
    description = TextAreaField(
        "Beschrijving", validators=[DataRequired("Beschrijf kort wat er gebeurde.")]
    )


class DestroyForm(DutchForm):
    confirm = BooleanField(
        "Ik heb gecontroleerd dat de bewaartermijn voorbij is en dat niets (bezwaar, beroep, "
        "verzoek om inzage) vraagt om de zaak langer te bewaren",
        validators=[DataRequired("Bevestig eerst dat de zaak vernietigd mag worden.")],
    )
