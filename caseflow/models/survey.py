"""Cliëntwaardering: invitations with a single-use token, and answers kept without the person.

An invitation knows its person only until it is used or refused: then the link is cut, and the
answers keep nothing but municipality, domain, team and period (Wmo 2015 art. 2.5.1 asks for
the experience of clients, not for who said what). Who was invited in a period is kept apart,
so that nobody is asked twice in one period, without any link to what they answered.
"""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from caseflow import clock
from caseflow.models.base import Base, special

SURVEY_CHANNELS = {"web": "Vragenlijst via de link", "telefoon": "Telefonisch nabellen"}


class SurveyInvitation(Base):
    """One invitation: the hash of its token, and for whom until it is used or refused."""

    __tablename__ = "survey_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    domain: Mapped[str] = mapped_column(sa.String(40))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    # The month the decision closed: the answers are counted in it.
    period: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    # The message that waits in the outbox: a link only. Emptied once it is sent or used.
    outbox_link: Mapped[str | None] = mapped_column(sa.String(300))
    sent_at: Mapped[datetime | None]
    used: Mapped[bool] = mapped_column(default=False)
    refused: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (
        sa.CheckConstraint("NOT used OR person_id IS NULL", name="used_without_person"),
        sa.Index("ix_survey_invitations_municipality_period", "municipality_id", "period"),
    )


class SurveyContact(Base):
    """That a person was invited (or asked by phone) in a four-month period: nobody twice."""

    __tablename__ = "survey_contacts"

    person_id: Mapped[int] = mapped_column(
        sa.ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
    period: Mapped[date] = mapped_column(primary_key=True)


class SurveyResponse(Base):
    """One client's answers, with nothing that leads back to them."""

    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(sa.ForeignKey("municipalities.id"))
    domain: Mapped[str] = mapped_column(sa.String(40))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    # The first day of the month it belongs to: nothing finer, so no answer is traced by time.
    period: Mapped[date]
    channel: Mapped[str] = mapped_column(sa.String(20))
    grade: Mapped[int]
    recommendation: Mapped[int]
    answers: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # In the client's own words: may say anything, health included.
    remark: Mapped[str | None] = mapped_column(sa.Text, info=special("gezondheid"))

    __table_args__ = (
        sa.CheckConstraint("grade BETWEEN 1 AND 10", name="grade_one_to_ten"),
        sa.CheckConstraint("recommendation BETWEEN 0 AND 10", name="recommendation_zero_to_ten"),
        sa.CheckConstraint(
            "channel IN (" + ", ".join(f"'{c}'" for c in SURVEY_CHANNELS) + ")",
            name="known_channel",
        ),
        sa.Index("ix_survey_responses_municipality_period", "municipality_id", "period"),
    )
