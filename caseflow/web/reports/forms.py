"""Report filters from the query string, and the norm forms, with Dutch labels and messages."""

from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_wtf.file import FileField, FileRequired
from werkzeug.datastructures import MultiDict
from wtforms import DateField, Form, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from caseflow.domains import domain_label
from caseflow.extensions import db
from caseflow.models import DeadlineKind, Municipality, NormKind, Team, User
from caseflow.models.organisation import team_members, team_municipalities, user_municipalities
from caseflow.permissions import HANDLE_CASES
from caseflow.reports.base import Indicator
from caseflow.reports.catalogue import TARGETS
from caseflow.reports.dimensions import DIMENSIONS, TIME_DIMENSIONS
from caseflow.reports.filters import (
    DEFAULT_SOON_DAYS,
    UNASSIGNED,
    ReportFilter,
    case_types_of_domain,
    domains,
)
from caseflow.reports.periods import Period, ReportError, recent_choices
from caseflow.scope.reports import ReportScope
from caseflow.web.forms import DutchForm
from caseflow.web.ids import parse_id
from caseflow.workflow.registry import registry

FREE = "vrij"
KIND_CHOICES = [
    (DeadlineKind.LEGAL.value, "Wettelijke termijnen"),
    (DeadlineKind.SERVICE_NORM.value, "Servicenormen"),
    ("alle", "Alle termijnen"),
]


class FilterForm(Form):
    class Meta:
        locales = ("nl",)

    gemeente = SelectField("Gemeente", default="")
    zaaktype = SelectField("Zaaktype", default="")
    domein = SelectField("Domein", default="")
    team = SelectField("Team", default="")
    consulent = SelectField("Consulent", default="")
    periode = SelectField("Periode", default="")
    van = DateField("Van (bij een vrije periode)", validators=[Optional()])
    tot = DateField("Tot en met", validators=[Optional()])
    soort = SelectField("Termijnen", choices=KIND_CHOICES, default=DeadlineKind.LEGAL.value)
    dagen = IntegerField(
        "Termijn loopt af binnen (dagen)",
        default=DEFAULT_SOON_DAYS,
        validators=[Optional(), NumberRange(1, 365, "Kies 1 tot 365 dagen.")],
    )
    groep = SelectField("Groeperen op", default="")
    groep2 = SelectField("En daarbinnen op", default="")


def _teams(scope: ReportScope) -> list[Team]:
    query = (
        sa.select(Team)
        .join(team_municipalities, team_municipalities.c.team_id == Team.id)
        .where(team_municipalities.c.municipality_id.in_(scope.municipality_ids))
        .distinct()
        .order_by(Team.name)
    )
    if scope.team_ids is not None:
        query = query.where(Team.id.in_(scope.team_ids))
    return list(db.session.scalars(query))


def _consultants(scope: ReportScope) -> list[User]:
    query = (
        sa.select(User)
        .join(user_municipalities, user_municipalities.c.user_id == User.id)
        .where(user_municipalities.c.municipality_id.in_(scope.municipality_ids))
        .distinct()
        .order_by(User.full_name)
    )
    if scope.team_ids is not None:
        members = sa.select(team_members.c.user_id).where(
            team_members.c.team_id.in_(scope.team_ids)
        )
        query = query.where(User.id.in_(members))
    return [u for u in db.session.scalars(query) if u.may(HANDLE_CASES)]


def municipalities(scope: ReportScope) -> list[Municipality]:
    return list(
        db.session.scalars(
            sa.select(Municipality)
            .where(Municipality.id.in_(scope.municipality_ids))
            .order_by(Municipality.name)
        )
    )


def filter_form(
    args: MultiDict[str, str], scope: ReportScope, today: date, indicator: Indicator | None
) -> FilterForm:
    form = FilterForm(args)
    form.gemeente.choices = [("", "Alle gemeenten")] + [
        (str(m.id), m.name) for m in municipalities(scope)
    ]
    form.zaaktype.choices = [("", "Alle zaaktypen")] + [
        (name, wf.label) for name, wf in sorted(registry().workflows.items())
    ]
    form.domein.choices = [("", "Alle domeinen")] + [(d, domain_label(d)) for d in domains()]
    form.team.choices = [("", "Alle teams")] + [(str(t.id), t.name) for t in _teams(scope)]
    form.consulent.choices = [("", "Alle consulenten")]
    if scope.sees_staff:
        form.consulent.choices += [(str(UNASSIGNED), "Niet toegewezen")] + [
            (str(u.id), u.full_name) for u in _consultants(scope)
        ]
    form.periode.choices = (
        [("", "Alle perioden")]
        + [(p.code, p.label) for p in recent_choices(today)]
        + [(FREE, "Vrije periode: vul hieronder van en tot in")]
    )
    if "periode" not in args:
        form.periode.data = Period.month(today.year, today.month).code
    uses_period = indicator is None or indicator.uses_period
    groups = [
        (k, d.label)
        for k, d in DIMENSIONS.items()
        if (uses_period or k not in TIME_DIMENSIONS) and scope.groups([k])
    ]
    form.groep.choices = [("", "Niet groeperen"), *groups]
    form.groep2.choices = [("", "Niet verder groeperen"), *groups]
    if "groep" not in args and indicator is not None and indicator.default_group:
        form.groep.data = indicator.default_group[0]
    return form


def period_of(form: FilterForm) -> Period:
    if form.periode.data == FREE:
        return Period.custom(form.van.data, form.tot.data)
    return Period.parse(form.periode.data or "")


def to_filter(form: FilterForm, scope: ReportScope, today: date) -> ReportFilter:
    """The filter the form describes, narrowed to what the user may read."""
    case_types: set[str] | None = None
    if form.zaaktype.data:
        case_types = {form.zaaktype.data}
    if form.domein.data:
        in_domain = set(case_types_of_domain(form.domein.data))
        case_types = in_domain if case_types is None else case_types & in_domain
    kind = form.soort.data or DeadlineKind.LEGAL.value
    kinds = tuple(k.value for k in DeadlineKind) if kind == "alle" else (kind,)
    chosen = ReportFilter(
        today=today,
        period=period_of(form),
        municipality_ids=(parse_id(form.gemeente.data) or 0,) if form.gemeente.data else None,
        team_ids=(parse_id(form.team.data) or 0,) if form.team.data else None,
        case_types=tuple(sorted(case_types)) if case_types is not None else None,
        assignee_id=parse_id(form.consulent.data) if form.consulent.data else None,
        deadline_kinds=kinds,
        soon_days=form.dagen.data or DEFAULT_SOON_DAYS,
    )
    return scope.apply(chosen)


def group_by(form: FilterForm, scope: ReportScope) -> list[str]:
    return scope.groups([g for g in (form.groep.data, form.groep2.data) if g])


def query_args(form: FilterForm) -> dict[str, Any]:
    """The filled-in fields, to carry the same filter into links (drill-down, export)."""
    args: dict[str, Any] = {}
    for field in form:
        value = field._value() if hasattr(field, "_value") else field.data
        if value not in (None, ""):
            args[field.name] = value
    args.setdefault("periode", "")
    return args


def form_errors(form: FilterForm) -> list[tuple[str, str]]:
    return [(name, message) for name, messages in form.errors.items() for message in messages]


def check_period(form: FilterForm) -> None:
    try:
        period_of(form)
    except ReportError as exc:
        form.periode.errors = [*form.periode.errors, str(exc)]


class NormForm(DutchForm):
    gemeente = SelectField("Gemeente", validators=[InputRequired("Kies een gemeente.")])
    indicator = SelectField(
        "Indicator",
        choices=[(t.code, t.label) for t in TARGETS.values()],
        validators=[InputRequired("Kies een indicator.")],
    )
    zaaktype = SelectField("Zaaktype", default="")
    jaar = IntegerField(
        "Jaar",
        validators=[
            InputRequired("Vul een jaar in."),
            NumberRange(2000, 2100, "Vul een jaar tussen 2000 en 2100 in."),
        ],
    )
    soort = SelectField(
        "Soort", choices=[(k.value, k.label) for k in NormKind], default=NormKind.NORM.value
    )
    waarde = StringField(
        "Waarde",
        description="Een getal, bijvoorbeeld 85 of 85,5 (percentage, dagen of aantal).",
        validators=[InputRequired("Vul een waarde in.")],
    )
    bron = StringField(
        "Bron",
        description="Bijvoorbeeld: DVO 2026, artikel 4.",
        validators=[Optional(), Length(max=200, message="Hooguit 200 tekens.")],
    )


class NormImportForm(DutchForm):
    bestand = FileField(
        "CSV- of Excel-bestand",
        description="Met de kolommen van de DVO-download; een Excel-bestand: het eerste blad.",
        validators=[FileRequired("Kies een CSV- of Excel-bestand.")],
    )
