"""The form for a bezwaarschrift, with Dutch labels; the dates are judged by the service."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from caseflow.web.forms import DutchDateField


class FindDecisionForm(FlaskForm):
    class Meta:
        csrf = False  # a GET that only looks up

    zaak = StringField(
        "Zaaknummer van het besluit",
        description="Staat in de besluitbrief, bijvoorbeeld Z-2026-000123.",
        validators=[Length(max=30)],
    )


class ObjectionForm(FlaskForm):
    zaak_id = HiddenField()
    besluit = RadioField("Tegen welk besluit?", choices=[], validate_choice=False)
    bekendgemaakt_op = DutchDateField(
        "Datum van bekendmaking van het besluit",
        description="Meestal de datum waarop de besluitbrief is verstuurd (Awb 3:41).",
    )
    ontvangen_op = DutchDateField("Datum van ontvangst van het bezwaarschrift")
    verzonden_op = DutchDateField(
        "Per post verstuurd op (poststempel)",
        description="Alleen als het bezwaarschrift per post kwam (Awb 6:9 lid 2).",
        validators=[Optional()],
    )
    gronden = TextAreaField(
        "Gronden van het bezwaar",
        description="Vat samen waarom de inwoner het niet eens is met het besluit.",
    )
    verschoonbaar = BooleanField("Te laat, maar verschoonbaar (Awb 6:11)")
    verschoonbaar_reden = TextAreaField(
        "Waarom is de termijnoverschrijding verschoonbaar?",
        description="Alleen invullen als het bezwaarschrift te laat is.",
        validators=[Optional()],
    )
