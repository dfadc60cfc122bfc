"""The public survey page's service: find an invitation by its token, take the answers once,
and cut the link to the person in the same step."""

from collections.abc import Mapping
from datetime import date

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import SurveyContact, SurveyInvitation, SurveyResponse
from caseflow.survey.invitations import token_hash
from caseflow.survey.questions import (
    ANSWERS,
    GRADES,
    MAX_REMARK,
    RECOMMENDATIONS,
    questions_for,
)
from caseflow.workflow.errors import InvalidData


class InvitationUsed(Exception):
    """The link was used before: the answers of one client count once."""


def invitation_for(token: str) -> SurveyInvitation | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(
        sa.select(SurveyInvitation).where(SurveyInvitation.token_hash == token_hash(token))
    )


def _number(raw: str | None, allowed: range, message: str) -> int:
    try:
        value = int(str(raw or "").strip())
    except ValueError:
        raise ValueError(message) from None
    if value not in allowed:
        raise ValueError(message)
    return value


def clean_answers(domain: str, form: Mapping[str, str]) -> tuple[int, int, dict[str, str], str]:
    """The grade, the recommendation, the statements and the remark; InvalidData in B1 Dutch."""
    errors: dict[str, str] = {}
    grade = recommendation = 0
    try:
        grade = _number(form.get("cijfer"), GRADES, "Kies een cijfer van 1 tot en met 10.")
    except ValueError as exc:
        errors["cijfer"] = str(exc)
    try:
        recommendation = _number(
            form.get("aanbevelen"), RECOMMENDATIONS, "Kies een getal van 0 tot en met 10."
        )
    except ValueError as exc:
        errors["aanbevelen"] = str(exc)
    answers = {q.code: form[q.code] for q in questions_for(domain) if form.get(q.code) in ANSWERS}
    remark = (form.get("opmerking") or "").strip()
    if len(remark) > MAX_REMARK:
        errors["opmerking"] = f"Schrijf hooguit {MAX_REMARK} tekens."
    if errors:
        raise InvalidData(errors)
    return grade, recommendation, answers, remark


def _close(invitation: SurveyInvitation) -> None:
    if invitation.used:
        raise InvitationUsed()
    invitation.used = True
    invitation.person_id = None
    invitation.outbox_link = None


def record_answers(
    invitation: SurveyInvitation, form: Mapping[str, str], channel: str = "web"
) -> SurveyResponse:
    grade, recommendation, answers, remark = clean_answers(invitation.domain, form)
    _close(invitation)
    response = SurveyResponse(
        municipality_id=invitation.municipality_id,
        domain=invitation.domain,
        team_id=invitation.team_id,
        period=invitation.period,
        channel=channel,
        grade=grade,
        recommendation=recommendation,
        answers=answers,
        remark=remark or None,
    )
    db.session.add(response)
    db.session.flush()
    return response


def refuse(invitation: SurveyInvitation) -> None:
    """The client does not want to take part: the link is used up, nothing is answered."""
    _close(invitation)
    invitation.refused = True
    db.session.flush()


def record_phone_survey(
    *,
    person_id: int,
    municipality_id: int,
    domain: str,
    team_id: int | None,
    period: date,
    contact_period: date,
    form: Mapping[str, str],
) -> SurveyResponse:
    """A colleague rang the client and typed in the answers: counted like the web ones, in the
    month `period`; the client counts as asked in `contact_period`."""
    grade, recommendation, answers, remark = clean_answers(domain, form)
    if db.session.get(SurveyContact, (person_id, contact_period)) is None:
        db.session.add(SurveyContact(person_id=person_id, period=contact_period))
    response = SurveyResponse(
        municipality_id=municipality_id,
        domain=domain,
        team_id=team_id,
        period=period,
        channel="telefoon",
        grade=grade,
        recommendation=recommendation,
        answers=answers,
        remark=remark or None,
    )
    db.session.add(response)
    db.session.flush()
    return response
