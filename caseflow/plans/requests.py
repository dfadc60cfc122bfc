"""Informatieverzoek: a targeted question for one plan, to a partner or to a consultant of
another domain, on a legal basis or on the household's consent, with a deadline.

"Heb je maar een brokje informatie nodig, vraag dan niet om het hele dossier": the question is
about one member and one thing; the addressee answers from their own file and the answer is kept
with the plan. The requester reads the answer, never the other file. Answering is a disclosure,
written to the processing log.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from caseflow import clock
from caseflow.access_log import record
from caseflow.extensions import db
from caseflow.models import (
    HouseholdPlan,
    InformationRequest,
    PartnerOrganisation,
    PlanConsent,
    Team,
    TeamKind,
    User,
)
from caseflow.permissions import ASK_INFORMATION, HANDLE_CASES
from caseflow.plans.errors import PlanError, flushed
from caseflow.plans.versions import lock_plan, record_version
from caseflow.scope.partners import partner_request_scope
from caseflow.scope.queries import UNSCOPED, unscoped
from caseflow.workflow.errors import InvalidData, NotAuthorised

QUESTION_LENGTH = 1000
ANSWER_LENGTH = 4000


@dataclass(frozen=True)
class RequestInput:
    addressee: str  # "partner:<id>" or "medewerker:<id>"
    about_person_id: int | None
    question: str
    basis: str  # wettelijk | toestemming
    legal_basis: str | None
    consent_id: int | None
    answer_by: date | None


def consultants_for(plan: HouseholdPlan, asker: User) -> list[tuple[User, Team]]:
    """Consultants of a domain team of the plan's municipality, other than the asker."""
    municipality = plan.household.municipality_id
    teams = db.session.scalars(
        sa.select(Team)
        .where(Team.kind == TeamKind.DOMAIN, Team.municipalities.any(id=municipality))
        .order_by(Team.name)
    )
    return [
        (member, team)
        for team in teams
        for member in team.members
        if member.id != asker.id
        and member.is_active
        and member.may(HANDLE_CASES)
        and member.serves(municipality)
    ]


def _addressee(plan: HouseholdPlan, asker: User, code: str) -> PartnerOrganisation | User:
    kind, _, number = code.partition(":")
    if kind == "partner" and number.isdigit():
        partner = db.session.get(PartnerOrganisation, int(number))
        if partner is not None and partner.active:
            return partner
    if kind == "medewerker" and number.isdigit():
        found = next((u for u, _ in consultants_for(plan, asker) if u.id == int(number)), None)
        if found is not None:
            return found
    raise InvalidData({"addressee": "Kies aan wie de vraag gaat."})


def _basis(
    plan: HouseholdPlan, data: RequestInput, to: PartnerOrganisation | User
) -> PlanConsent | None:
    if data.basis == "wettelijk":
        if not (data.legal_basis or "").strip():
            raise InvalidData(
                {"legal_basis": "Noem de wettelijke grondslag, bijvoorbeeld het wetsartikel."}
            )
        return None
    if data.basis != "toestemming":
        raise InvalidData({"basis": "Kies waarop de vraag steunt."})
    if not isinstance(to, PartnerOrganisation):
        raise InvalidData(
            {
                "basis": "Toestemming geldt voor een partner. Noem voor een "
                "consulent de wettelijke grondslag."
            }
        )
    today = clock.today()
    consent = next(
        (
            c
            for c in plan.consents
            if c.id == data.consent_id and c.partner_organisation_id == to.id and c.runs_on(today)
        ),
        None,
    )
    if consent is None:
        raise InvalidData({"consent_id": f"Kies een lopende toestemming voor {to.name}."})
    return consent


def ask(plan: HouseholdPlan, asker: User, data: RequestInput) -> InformationRequest:
    """Put one targeted question; the plan keeps it with a version."""
    if not asker.may(ASK_INFORMATION):
        raise NotAuthorised("Alleen een consulent of regisseur stelt een informatieverzoek.")
    errors: dict[str, str] = {}
    question = data.question.strip()
    if not question:
        errors["question"] = "Stel de vraag: wat wilt u precies weten, en waarom?"
    elif len(question) > QUESTION_LENGTH:
        errors["question"] = (
            f"Stel een gerichte vraag van hoogstens {QUESTION_LENGTH} tekens, niet om het hele "
            "dossier."
        )
    if data.answer_by is None:
        errors["answer_by"] = "Vul in wanneer u het antwoord nodig hebt."
    elif data.answer_by <= clock.today():
        errors["answer_by"] = "Geef de ander minstens een dag: kies een datum na vandaag."
    about = next((p for p in plan.members if p.id == data.about_person_id), None)
    if about is None:
        errors["about_person_id"] = "Kies over wie van het huishouden de vraag gaat."
    if errors:
        raise InvalidData(errors)
    to = _addressee(plan, asker, data.addressee)
    consent = _basis(plan, data, to)
    assert data.answer_by is not None
    with flushed():
        plan = lock_plan(plan)
        if not plan.is_active:
            raise PlanError("Dit plan loopt niet meer.")
        request = InformationRequest(
            plan=plan,
            about_person=about,
            asked_by=asker,
            asked_at=clock.now(),
            partner_organisation=to if isinstance(to, PartnerOrganisation) else None,
            addressee=to if isinstance(to, User) else None,
            question=question,
            basis=data.basis,
            legal_basis=(data.legal_basis or "").strip() or None
            if data.basis == "wettelijk"
            else None,
            consent=consent,
            answer_by=data.answer_by,
        )
        db.session.add(request)
        db.session.flush()
        name = to.name if isinstance(to, PartnerOrganisation) else to.full_name
        record_version(plan, asker, f"Informatieverzoek aan {name}")
    return request


def addressed_to(user: User, request_id: int | None = None) -> sa.Select[InformationRequest]:
    """Requests `user` may answer: put to them by name, or to their partner organisation while
    the request's basis holds."""
    if user.works_for_partner:
        mine = partner_request_scope(user, clock.today())
    elif user.may(HANDLE_CASES):
        mine = InformationRequest.addressee_id == user.id
    else:
        mine = sa.false()
    query = sa.select(InformationRequest).where(mine).execution_options(**UNSCOPED)
    if request_id is not None:
        query = query.where(InformationRequest.id == request_id)
    return query.order_by(InformationRequest.answered_at.is_not(None), InformationRequest.answer_by)


def inbox(user: User) -> list[InformationRequest]:
    return list(db.session.scalars(addressed_to(user)))


def request_for(user: User, request_id: int) -> InformationRequest | None:
    return db.session.scalar(addressed_to(user, request_id))


def answer(
    request: InformationRequest, actor: User, text: str | None, origin: str | None = None
) -> None:
    """The addressee answers from their own file; the disclosure is logged."""
    answer_text = (text or "").strip()
    if not answer_text:
        raise InvalidData({"answer": "Schrijf het antwoord op de vraag."})
    if len(answer_text) > ANSWER_LENGTH:
        raise InvalidData(
            {"answer": f"Beantwoord alleen de vraag, in hoogstens {ANSWER_LENGTH} tekens."}
        )
    with flushed(), unscoped():
        plan = lock_plan(request.plan)
        if request_for(actor, request.id) is None:
            raise NotAuthorised("Deze vraag is niet (meer) aan u gesteld.")
        if request.answered_at is not None:
            raise PlanError("Deze vraag is al beantwoord.")
        request.answer = answer_text
        request.answered_at = clock.now()
        request.answered_by_id = actor.id
        record_version(plan, actor, f"Informatieverzoek beantwoord door {actor.full_name}")
        record(
            actor,
            "change",
            f"informatieverzoek beantwoord ({request.basis_label})"[:200],
            person_id=request.about_person_id,
            case_id=plan.case_id,
            origin=origin,
        )
