"""Mail about signals: off by default, never about the client or the case, only a link."""

import smtplib
from datetime import date
from email.message import EmailMessage
from typing import Any

import pytest
import time_machine
from flask import Flask

from caseflow.extensions import db
from caseflow.models import Case
from caseflow.signals import mail as signal_mail
from caseflow.signals import scan_deadlines, send_pending_mail
from caseflow.workflow.engine import fire
from caseflow.workflow.registry import registry
from tests.jobs.helpers import decision_term, go_to, outbox, wmo_request
from tests.offices import Office


class FakeSMTP:
    """Stands in for smtplib.SMTP and keeps what it was asked to send."""

    sent: list[EmailMessage] = []
    refuse: set[str] = set()

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host = host

    def __enter__(self) -> "FakeSMTP":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def starttls(self) -> None:
        return None

    def login(self, user: str, password: str) -> None:
        return None

    def send_message(self, message: EmailMessage) -> dict[str, Any]:
        if message["To"] in self.refuse:
            raise smtplib.SMTPRecipientsRefused({message["To"]: (550, b"onbekend")})
        self.sent.append(message)
        return {}


@pytest.fixture
def smtp(app: Flask, monkeypatch: pytest.MonkeyPatch) -> type[FakeSMTP]:
    FakeSMTP.sent, FakeSMTP.refuse = [], set()
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "SMTP_HOST", "smtp.gemeente.example")
    return FakeSMTP


def overdue_case(office: Office, travel: time_machine.Traveller) -> int:
    case = wmo_request(office)
    go_to(travel, date(2026, 3, 17))
    return case.id


def test_signals_put_mail_in_the_outbox_and_without_smtp_nothing_is_sent(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    overdue_case(office, travel)
    scan_deadlines()
    mails = outbox()
    assert sorted(m.to_address for m in mails) == [
        office.consulent.email,  # overdue
        office.teammanager.email,  # escalation
    ]
    assert send_pending_mail() == "mail staat uit: 2 bericht(en) in de outbox"
    assert all(m.sent_at is None for m in outbox())


def test_many_new_signals_are_mailed_in_chunks_and_none_is_lost(
    office: Office, travel: time_machine.Traveller, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signal_mail, "CHUNK", 1)
    wmo_request(office)
    wmo_request(office)
    go_to(travel, date(2026, 3, 17))
    scan_deadlines()
    # Two overdue cases: each to the consultant and, escalated, to the team manager.
    assert sorted(m.to_address for m in outbox()) == sorted(
        [office.consulent.email, office.teammanager.email] * 2
    )


def test_a_mail_carries_only_a_link_never_the_client_or_the_case(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    case_id = overdue_case(office, travel)
    case = db.session.get_one(Case, case_id)
    fire(case, "verslag_vastleggen", office.consulent, {"verslag": "Heupoperatie; rolstoel nodig."})
    scan_deadlines()
    client = office.client
    never = [
        client.given_names,
        client.family_name,
        str(client.bsn),
        client.date_of_birth.strftime("%d-%m-%Y") if client.date_of_birth else "-",
        registry().get("wmo_aanvraag").label,
        "Wmo",
        decision_term(case).label,
        case.reference,
        "Heupoperatie",
    ]
    mails = outbox()
    assert mails, "de scan zette geen mail in de outbox: er viel niets te controleren"
    for mail in mails:
        text = mail.subject + "\n" + mail.body
        assert f"http://127.0.0.1:5000/zaken/{case_id}" in mail.body
        for secret in never:
            assert secret not in text, f"{secret!r} stond in de mail"


def test_with_smtp_configured_each_mail_is_sent_once(
    app: Flask, office: Office, travel: time_machine.Traveller, smtp: type[FakeSMTP]
) -> None:
    overdue_case(office, travel)
    scan_deadlines()
    assert send_pending_mail() == "mail: 2 verzonden, 0 geweigerd"
    assert sorted(m["To"] for m in smtp.sent) == sorted(
        [office.consulent.email, office.teammanager.email]
    )
    assert all(m.sent_at is not None for m in outbox())
    assert send_pending_mail() == "mail: 0 verzonden, 0 geweigerd"
    assert len(smtp.sent) == 2


def test_a_refused_address_is_retried_and_does_not_stop_the_others(
    app: Flask, office: Office, travel: time_machine.Traveller, smtp: type[FakeSMTP]
) -> None:
    overdue_case(office, travel)
    scan_deadlines()
    smtp.refuse = {str(office.consulent.email)}
    assert send_pending_mail() == "mail: 1 verzonden, 1 geweigerd"
    refused = next(m for m in outbox() if m.to_address == office.consulent.email)
    assert refused.sent_at is None and refused.attempts == 1 and refused.last_error
    smtp.refuse = set()
    assert send_pending_mail() == "mail: 1 verzonden, 0 geweigerd"


def test_staff_without_an_email_address_get_no_mail(
    app: Flask, office: Office, travel: time_machine.Traveller
) -> None:
    overdue_case(office, travel)
    office.consulent.email = None
    db.session.commit()
    scan_deadlines()
    assert [m.to_address for m in outbox()] == [office.teammanager.email]
