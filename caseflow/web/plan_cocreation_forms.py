"""Forms of co-creation on the household and plan pages: members, network, consent, requests."""

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import (
    CONSENT_WAYS,
    LIFE_DOMAINS,
    NETWORK_KINDS,
    Household,
    HouseholdDirector,
    HouseholdPlan,
    Person,
    Relation,
    User,
)
from caseflow.models.partners import REQUEST_BASES
from caseflow.partners.organisations import organisations
from caseflow.plans.members import JOINING
from caseflow.plans.network import network_of
from caseflow.plans.requests import consultants_for
from caseflow.web.forms import DutchDateField, DutchForm
from caseflow.web.plan_forms import CheckboxesField, fresh

RELATION_CHOICES = [("", "Kies…"), *((r.value, r.label) for r in JOINING)]
MOVE_RELATIONS = [(r.value, r.label) for r in Relation]


class MemberForm(DutchForm):
    person_id = RadioField("Gevonden persoon", coerce=int, choices=[], validate_choice=False)
    relation = SelectField("Hoort bij het huishouden als", choices=RELATION_CHOICES)
    started_on = DutchDateField("Hoort erbij sinds")
    given_names = StringField("Voornamen", validators=[Optional(), Length(max=200)])
    family_name = StringField("Achternaam", validators=[Optional(), Length(max=200)])
    date_of_birth = DutchDateField("Geboortedatum (niet verplicht)")
    bsn = StringField("BSN (niet verplicht)", validators=[Optional(), Length(max=9)])
    join_plan = BooleanField("Doet ook mee aan het gezinsplan", default=True)


class EndMemberForm(DutchForm):
    ended_on = DutchDateField("Hoort er niet meer bij vanaf")
    reason = StringField("Reden", validators=[Optional(), Length(max=300)])


class MoveMemberForm(DutchForm):
    moved_on = DutchDateField("Verhuist op")
    to = SelectField("Naar huishouden", coerce=int, choices=[], validate_choice=False)
    new_household_name = StringField(
        "Of: naam van een nieuw huishouden", validators=[Optional(), Length(max=200)]
    )
    relation = SelectField(
        "Hoort bij dat huishouden als", choices=MOVE_RELATIONS, validate_choice=False
    )


class RelationForm(DutchForm):
    person_id = SelectField("Van wie", coerce=int, choices=[], validate_choice=False)
    kind = SelectField(
        "Wie is het", choices=[("", "Kies…"), *NETWORK_KINDS.items()], validate_choice=False
    )
    name = StringField("Naam", validators=[Optional(), Length(max=200)])
    organisation = StringField(
        "Organisatie (bij een professional of bewindvoerder)",
        validators=[Optional(), Length(max=200)],
    )
    role = StringField(
        "Functie of rol (niet verplicht)",
        validators=[Optional(), Length(max=200)],
        description="Bijvoorbeeld huisarts, wijkverpleegkundige, jeugdcoach.",
    )
    phone = StringField("Telefoon", validators=[Optional(), Length(max=40)])
    email = StringField("E-mailadres", validators=[Optional(), Length(max=200)])
    started_on = DutchDateField("Betrokken sinds")


class EndRelationForm(DutchForm):
    ended_on = DutchDateField("Betrokken tot en met")


class ConsentForm(DutchForm):
    partner_organisation_id = SelectField(
        "Met welke partner mag het team delen?", coerce=int, choices=[], validate_choice=False
    )
    domains = CheckboxesField("Voor welke leefgebieden?", choices=list(LIFE_DOMAINS.items()))
    information = TextAreaField(
        "Welke informatie mag gedeeld worden? (niet verplicht)",
        validators=[Optional(), Length(max=1000)],
        description="Bijvoorbeeld: inkomen, vaste lasten en het overzicht van schulden.",
    )
    valid_from = DutchDateField("Geldt vanaf")
    valid_until = DutchDateField("Geldt tot en met (niet verplicht)")
    given_how = RadioField(
        "Hoe gaf het huishouden toestemming?",
        choices=list(CONSENT_WAYS.items()),
        validate_choice=False,
    )
    witness = StringField(
        "Getuige (bij mondelinge toestemming)", validators=[Optional(), Length(max=200)]
    )
    giver_ids = CheckboxesField("Wie gaf toestemming?", coerce=int, choices=[])


class WithdrawForm(DutchForm):
    withdrawn_on = DutchDateField("Ingetrokken op")
    note = TextAreaField("Toelichting (niet verplicht)", validators=[Optional(), Length(max=1000)])


class RequestForm(DutchForm):
    addressee = SelectField("Aan wie?", choices=[], validate_choice=False)
    about_person_id = SelectField("Over wie?", coerce=int, choices=[], validate_choice=False)
    question = TextAreaField(
        "Uw vraag",
        description="Vraag alleen wat u nodig hebt, niet het hele dossier, en zeg waarvoor.",
    )
    basis = RadioField(
        "Waarop steunt de vraag?", choices=list(REQUEST_BASES.items()), validate_choice=False
    )
    legal_basis = StringField(
        "Wettelijke grondslag",
        validators=[Optional(), Length(max=300)],
        description="Bijvoorbeeld: Wmo 2015 art. 5.2.1 of Participatiewet art. 64.",
    )
    consent_id = SelectField("Toestemming", coerce=int, choices=[], validate_choice=False)
    answer_by = DutchDateField("Antwoord graag voor")


def household_forms(
    household: Household, me: User, given: Mapping[str, object], found: list[Person]
) -> dict[str, Any]:
    """The composition and network forms of the household page, with their choices; a form
    that was sent and refused comes in `given` with its errors."""
    member = given.get("member_form") or fresh(MemberForm, "lid", started_on=clock.today())
    assert isinstance(member, MemberForm)
    member.person_id.choices = [(p.id, _identify(p)) for p in found]
    relation = given.get("relation_form") or fresh(RelationForm, "netwerk")
    assert isinstance(relation, RelationForm)
    relation.person_id.choices = [(m.person_id, m.person.full_name) for m in household.members]
    others = [
        d.household
        for d in db.session.scalars(
            sa.select(HouseholdDirector).where(
                HouseholdDirector.director_id == me.id,
                HouseholdDirector.ended_at.is_(None),
                HouseholdDirector.household_id != household.id,
            )
        )
    ]
    end_forms, move_forms = {}, {}
    for m in household.members:
        end_forms[m.id] = given.get(f"end_{m.id}") or fresh(EndMemberForm, f"einde{m.id}")
        move = given.get(f"move_{m.id}") or fresh(MoveMemberForm, f"verhuizen{m.id}")
        assert isinstance(move, MoveMemberForm)
        move.to.choices = [(0, "Een nieuw huishouden")] + [(h.id, h.name) for h in others]
        move_forms[m.id] = move
    network = network_of([m.person_id for m in household.members])
    return {
        "member_form": member,
        "relation_form": relation,
        "end_forms": end_forms,
        "move_forms": move_forms,
        "network": network,
        "end_relation_forms": {
            r.id: given.get(f"end_relation_{r.id}") or fresh(EndRelationForm, f"netwerkeinde{r.id}")
            for r in network
        },
        "found": found,
    }


def _identify(person: Person) -> str:
    born = f", geboren {person.date_of_birth:%d-%m-%Y}" if person.date_of_birth else ""
    return f"{person.full_name}{born}"


def plan_cocreation_forms(
    plan: HouseholdPlan, me: User, given: Mapping[str, object]
) -> dict[str, Any]:
    """The consent and request forms of the plan page, with their choices."""
    today = clock.today()
    consent = given.get("consent_form") or fresh(ConsentForm, "toestemming", valid_from=today)
    assert isinstance(consent, ConsentForm)
    partners = organisations(active_only=True)
    consent.partner_organisation_id.choices = [(0, "Kies…")] + [(o.id, o.name) for o in partners]
    consent.giver_ids.choices = [(p.id, p.full_name) for p in plan.members]
    request = given.get("request_form") or fresh(RequestForm, "verzoek")
    assert isinstance(request, RequestForm)
    request.addressee.choices = [
        ("", "Kies…"),
        *((f"partner:{o.id}", f"{o.name} (partner)") for o in partners),
        *(
            (f"medewerker:{u.id}", f"{u.full_name} ({team.name})")
            for u, team in consultants_for(plan, me)
        ),
    ]
    request.about_person_id.choices = [(0, "Kies…")] + [(p.id, p.full_name) for p in plan.members]
    request.consent_id.choices = [(0, "Kies…")] + [
        (c.id, f"{c.partner_organisation.name}: {', '.join(c.domain_labels) or 'informatie'}")
        for c in plan.consents
        if c.runs_on(today)
    ]
    consented: dict[str, set[int]] = {}
    for c in plan.consents:
        if c.runs_on(today):
            for code in c.domain_codes:
                consented.setdefault(code, set()).add(c.partner_organisation_id)
    return {
        "consent_form": consent,
        "withdraw_forms": {
            c.id: given.get(f"withdraw_{c.id}")
            or fresh(WithdrawForm, f"intrekken{c.id}", withdrawn_on=today)
            for c in plan.consents
            if c.withdrawn_at is None
        },
        "request_form": request,
        "consented": consented,
        "partners": partners,
    }
