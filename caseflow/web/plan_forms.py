"""Forms of the regie pages (triage, household, plan) and how a refusal lands beside its field."""

from collections.abc import Mapping
from typing import Any, TypeVar

from flask import request
from wtforms import (
    Field,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from caseflow.domains import single_domain_choices
from caseflow.models import LIFE_DOMAINS
from caseflow.models.plans import ACTION_STATES, AGREEMENT_WAYS, EVALUATION_DECISIONS, OWNER_KINDS
from caseflow.models.regie import DECISION_LABELS
from caseflow.web.forms import SCORE_CHOICES, DutchDateField, DutchForm
from caseflow.web.ids import parse_id
from caseflow.workflow.errors import FormWithoutVersion, InvalidData

F = TypeVar("F", bound=DutchForm)
Errors = list[tuple[str | None, str]]
SCORES = SCORE_CHOICES[1:]
# Service field names that the forms call differently.
ALIASES = {
    "reden": "reason",
    "motivering": "motivation",
    "domein": "domain",
    "resultaat": "result",
}
DOMAIN_CHOICES = [("", "Kies…"), *single_domain_choices()]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class MeetingForm(DutchForm):
    version = HiddenField()
    held_on = DutchDateField("Datum van het casusoverleg")
    attendee_ids = CheckboxesField("Wie waren er bij?", coerce=int, choices=[])
    other_attendees = StringField(
        "Andere deelnemers (niet verplicht)",
        validators=[Optional(), Length(max=500)],
        description="Bijvoorbeeld: wijkverpleegkundige, school, woningcorporatie.",
    )
    notes = TextAreaField("Wat is besproken en besloten")
    decision = RadioField(
        "Besluit",
        choices=list(DECISION_LABELS.items()),
        validators=[InputRequired("Kies een besluit.")],
    )
    director_id = SelectField(
        "Regisseur (bij oppakken)", coerce=int, choices=[], validate_choice=False
    )
    domain = SelectField("Domein (bij terugsturen)", choices=DOMAIN_CHOICES, validate_choice=False)
    reason = TextAreaField("Reden (bij terugsturen)")


class ScheduleForm(DutchForm):
    version = HiddenField()
    casusoverleg_op = DutchDateField("Datum van het casusoverleg")


class MoveForm(DutchForm):
    version = HiddenField()
    team_id = SelectField("Naar gebiedsteam", coerce=int, choices=[], validate_choice=False)
    reason = TextAreaField(
        "Reden", description="Waarom hoort dit huishouden bij een ander team dan de postcode?"
    )


class StartPlanForm(DutchForm):
    wishes = TextAreaField(
        "Wat wil het huishouden bereiken? In hun eigen woorden",
        description="Schrijf op wat het huishouden zelf zegt.",
    )
    member_ids = CheckboxesField("Wie doen er mee aan het plan?", coerce=int, choices=[])


class HandOverForm(DutchForm):
    director_id = SelectField("Nieuwe regisseur", coerce=int, choices=[], validate_choice=False)
    reason = TextAreaField("Reden van de overdracht")


class ReasonForm(DutchForm):
    reason = TextAreaField("Reden")


class WishesForm(DutchForm):
    wishes = TextAreaField("Wat wil het huishouden bereiken? In hun eigen woorden")


class GoalForm(DutchForm):
    life_domain = SelectField(
        "Leefgebied", choices=[("", "Kies…"), *LIFE_DOMAINS.items()], validate_choice=False
    )
    wording = TextAreaField("Het doel in de woorden van het huishouden")
    start_score = SelectField("Score nu", choices=[("", "Kies…"), *SCORES], validate_choice=False)
    target_score = SelectField(
        "Streefscore", choices=[("", "Kies…"), *SCORES], validate_choice=False
    )


class ActionForm(DutchForm):
    goal_id = SelectField("Bij doel", coerce=int, choices=[], validate_choice=False)
    description = TextAreaField("Wat gebeurt er?")
    owner_kind = RadioField(
        "Wie doet het?",
        choices=[*OWNER_KINDS.items(), ("nieuwe_zaak", "Een nieuwe zaak bij een domein")],
        validators=[InputRequired("Kies wie de actie uitvoert.")],
    )
    owner_user_id = SelectField("Medewerker", coerce=int, choices=[], validate_choice=False)
    owner_case_id = SelectField("Bestaande zaak", coerce=int, choices=[], validate_choice=False)
    new_case_domain = SelectField(
        "Domein van de nieuwe zaak", choices=DOMAIN_CHOICES, validate_choice=False
    )
    owner_person_id = SelectField(
        "Voor of door wie uit het huishouden", coerce=int, choices=[], validate_choice=False
    )
    partner_organisation_id = SelectField(
        "Partnerorganisatie", coerce=int, choices=[], validate_choice=False
    )
    partner_name = StringField(
        "Of: naam van een andere partner", validators=[Optional(), Length(max=200)]
    )
    due_on = DutchDateField("Klaar op")


class ActionStateForm(DutchForm):
    state = SelectField("Stand", choices=list(ACTION_STATES.items()), validate_choice=False)


class AgreeForm(DutchForm):
    agreed_on = DutchDateField("Datum van het akkoord")
    how = SelectField(
        "Hoe gaf het huishouden akkoord?",
        choices=[("", "Kies…"), *AGREEMENT_WAYS.items()],
        validate_choice=False,
    )
    agreed_by_ids = CheckboxesField("Wie gaven akkoord?", coerce=int, choices=[])
    note = TextAreaField("Toelichting (niet verplicht)")
    next_evaluation_on = DutchDateField("Eerste evaluatie op")


class EvaluationForm(DutchForm):
    held_on = DutchDateField("Datum van de evaluatie")
    what_changed = TextAreaField("Wat is er veranderd?")
    household_view = TextAreaField("Wat zegt het huishouden zelf? (niet verplicht)")
    decision = RadioField(
        "Hoe gaat het plan verder?",
        choices=list(EVALUATION_DECISIONS.items()),
        validators=[InputRequired("Kies hoe het plan verder gaat.")],
    )
    result = SelectField(
        "Resultaat (bij afronden)",
        choices=[
            ("", "Kies…"),
            ("doelen_bereikt", "Doelen bereikt"),
            ("deels_bereikt", "Doelen deels bereikt"),
        ],
        validate_choice=False,
    )
    next_evaluation_on = DutchDateField("Volgende evaluatie op")

    def scores(self) -> dict[int, int | None]:
        """The new score per goal, from the score_<goal id> fields beside this form."""
        found: dict[int, int | None] = {}
        for key, value in request.form.items():
            name = key.removeprefix(f"{self._prefix}")
            if name.startswith("score_") and (goal_id := parse_id(name[6:])) is not None:
                found[goal_id] = parse_id(value)
        return found


class BreakthroughForm(DutchForm):
    motivation = TextAreaField("Motivering van het besluit")


class EndForm(DutchForm):
    reason = TextAreaField("Reden")
    result = SelectField(
        "Resultaat",
        choices=[
            ("", "Kies…"),
            ("huishouden_stopt", "Huishouden wil niet verder"),
            ("verhuisd", "Verhuisd"),
            ("overgedragen", "Overgedragen aan een andere organisatie"),
        ],
        validate_choice=False,
    )


class AreaForm(DutchForm):
    municipality_id = SelectField("Gemeente", coerce=int, choices=[], validate_choice=False)
    name = StringField("Naam van het gebied", description="Een wijk of een kern (dorp).")
    first = IntegerField("Eerste postcode (4 cijfers)", validators=[Optional()])
    last = IntegerField("Laatste postcode (4 cijfers)", validators=[Optional()])


class RangeForm(DutchForm):
    first = IntegerField("Eerste postcode (4 cijfers)", validators=[Optional()])
    last = IntegerField("Laatste postcode (4 cijfers)", validators=[Optional()])


class TeamForm(DutchForm):
    team_name = StringField("Naam van het gebiedsteam")


class MemberForm(DutchForm):
    user_id = SelectField("Medewerker", coerce=int, choices=[], validate_choice=False)


def fresh(form_class: type[F], prefix: str, **kwargs: Any) -> F:
    """A form that does not read the request: the forms on a page that were not submitted."""
    return form_class(formdata=None, prefix=prefix, **kwargs)


def submitted(form_class: type[F], prefix: str) -> F:
    return form_class(prefix=prefix)


def place_errors(form: DutchForm, exc: InvalidData, aliases: Mapping[str, str] = ALIASES) -> Errors:
    """Put each refusal beside its field; what belongs to no field goes to the summary only.

    The services check everything the forms check, so their refusals replace the form's own.
    `aliases` maps a service's name for a value to the form's field where they differ.
    """
    for field in form:
        field.errors = []
    errors: Errors = []
    for name, message in exc.field_errors.items():
        target: Field | None = form._fields.get(aliases.get(name, name))
        if target is None:
            errors.append((f"{form._prefix}{name}" if name.startswith("score_") else None, message))
            continue
        target.errors = [message]
        errors.append((target.id, message))
    return errors


def date_errors(form: DutchForm) -> InvalidData | None:
    """Dates that could not be read, as a refusal naming those fields."""
    form.validate()
    bad = {
        field.short_name: field.errors[0]
        for field in form
        if isinstance(field, DutchDateField) and field.errors
    }
    return InvalidData(bad) if bad else None


def version_of(form: DutchForm) -> int:
    """The case version the form was made for; a form without one is refused as stale."""
    value = getattr(form, "version", None)
    version = parse_id(value.data if value is not None else None)
    if version is None:
        raise FormWithoutVersion()
    return version


def int_or_none(value: Any) -> int | None:
    return parse_id(value)
