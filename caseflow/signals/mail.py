"""Mail about signals: written to an outbox with the signal, sent only when SMTP is configured.

A mail carries nothing about the client or the case (not even the case type, which can reveal
health or youth care): only what kind of signal it is and a link that needs a login.
"""

import smtplib
from collections.abc import Sequence
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import MailOutbox, Role, Signal, SignalKind, User, UserRole
from caseflow.models.organisation import team_members, user_municipalities
from caseflow.unit_of_work import unit_of_work

MAX_ATTEMPTS = 5
BATCH_SIZE = 100
# Signal ids per statement, well below PostgreSQL's 65,535 parameters.
CHUNK = 5000


def case_path(case_id: int) -> str:
    return f"/zaken/{case_id}"


def render_mail(kind: str, case_id: int, base_url: str) -> tuple[str, str]:
    """Subject and body of the mail for one signal."""
    label = SignalKind(kind).label
    link = base_url.rstrip("/") + case_path(case_id)
    body = (
        "Goedendag,\n\n"
        f"Er staat een nieuw signaal voor u klaar in Caseflow: {label.lower()}.\n\n"
        "Open de zaak via deze link (u moet daarvoor inloggen):\n"
        f"{link}\n\n"
        "Deze e-mail bevat bewust geen gegevens over de inwoner of de zaak.\n"
        "Dit bericht is automatisch verstuurd door Caseflow.\n"
    )
    return f"Caseflow: {label}", body


def _recipients(signal_ids: Sequence[int]) -> sa.CompoundSelect[int, str, int, int, str]:
    """Per signal who gets a mail: the assignee; for team and escalation signals the team
    managers of the case's team (of the municipality when the case has no team yet)."""
    columns = (Signal.id, Signal.kind, Signal.case_id, User.id, User.email)
    wanted = sa.and_(Signal.id.in_(signal_ids), User.active.is_(True), User.email.is_not(None))
    is_manager = (
        sa.select(UserRole.user_id)
        .where(UserRole.user_id == User.id, UserRole.role == Role.TEAMMANAGER)
        .exists()
    )
    personal = sa.select(*columns).join(User, User.id == Signal.user_id).where(wanted)
    team = (
        sa.select(*columns)
        .join(team_members, team_members.c.team_id == Signal.team_id)
        .join(User, User.id == team_members.c.user_id)
        .where(wanted, Signal.user_id.is_(None), is_manager)
    )
    teamless = (
        sa.select(*columns)
        .join(user_municipalities, user_municipalities.c.municipality_id == Signal.municipality_id)
        .join(User, User.id == user_municipalities.c.user_id)
        .where(wanted, Signal.user_id.is_(None), Signal.team_id.is_(None), is_manager)
    )
    return sa.union(personal, team, teamless)


def enqueue_mail(signal_ids: Sequence[int]) -> int:
    """Write the outbox rows for new signals, in the caller's transaction."""
    if not signal_ids:
        return 0
    base_url = str(current_app.config.get("BASE_URL", "http://127.0.0.1:5000"))
    written = 0
    # In chunks: a first scan after a long outage can find more signals than PostgreSQL
    # accepts as parameters of one statement (65,535).
    for start in range(0, len(signal_ids), CHUNK):
        rows = []
        chunk = signal_ids[start : start + CHUNK]
        for signal_id, kind, case_id, user_id, email in db.session.execute(_recipients(chunk)):
            if not email.strip():
                continue
            subject, body = render_mail(kind, case_id, base_url)
            rows.append(
                {
                    "signal_id": signal_id,
                    "user_id": user_id,
                    "to_address": email.strip(),
                    "subject": subject,
                    "body": body,
                    "created_at": clock.now(),
                }
            )
        if rows:
            db.session.execute(sa.insert(MailOutbox), rows)
        written += len(rows)
    return written


def pending_mail() -> sa.Select[MailOutbox]:
    return (
        sa.select(MailOutbox)
        .where(MailOutbox.sent_at.is_(None), MailOutbox.attempts < MAX_ATTEMPTS)
        .order_by(MailOutbox.id)
    )


def send_pending_mail() -> str:
    """Send what waits in the outbox when SMTP is configured; otherwise leave it there."""
    config = current_app.config
    if not config.get("SMTP_HOST"):
        waiting = db.session.scalar(
            sa.select(sa.func.count()).select_from(pending_mail().subquery())
        )
        return f"mail staat uit: {waiting or 0} bericht(en) in de outbox"
    with unit_of_work():
        # Rows stay locked until commit, so a second runner skips them instead of sending twice.
        batch = list(
            db.session.scalars(pending_mail().limit(BATCH_SIZE).with_for_update(skip_locked=True))
        )
        sent = failed = 0
        problem = ""
        try:
            with smtplib.SMTP(
                config["SMTP_HOST"], int(config.get("SMTP_PORT", 25)), timeout=30
            ) as smtp:
                if config.get("SMTP_STARTTLS"):
                    smtp.starttls()
                if config.get("SMTP_USERNAME"):
                    smtp.login(config["SMTP_USERNAME"], config.get("SMTP_PASSWORD", ""))
                for row in batch:
                    row.attempts += 1
                    try:
                        smtp.send_message(
                            _message(row, config.get("MAIL_FROM", "caseflow@localhost"))
                        )
                    except smtplib.SMTPRecipientsRefused as exc:
                        row.last_error = str(exc)[:500]
                        failed += 1
                    else:
                        row.sent_at = clock.now()
                        sent += 1
        except (smtplib.SMTPException, OSError) as exc:
            # What was sent before the connection broke stays marked as sent.
            problem = f" (mailserver: {exc})"
    return f"mail: {sent} verzonden, {failed} geweigerd{problem}"


def _message(row: MailOutbox, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message.set_content(row.body)
    return message
