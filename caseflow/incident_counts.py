"""Aggression incidents counted for team managers: by kind, team, municipality and month.

Seed 004 asks for "een beter en eenvoudig op te halen beeld van de aantallen en vormen van de
incidenten". Only counts leave this module, never a client or a colleague by name. The
municipality is the client's; the team is the reporting colleague's team that works for that
municipality (the first by name when there are several), so every incident counts once.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import INCIDENT_KINDS, Incident, Municipality, Person, Team
from caseflow.models.organisation import team_members, team_municipalities
from caseflow.reports.periods import Period
from caseflow.reports.sql import bucket


@dataclass(frozen=True)
class IncidentCounts:
    year: int
    months: list[str]  # month labels, January first
    by_kind_and_month: dict[str, list[int]]  # kind label -> count per month
    by_team: list[tuple[str, int]]
    by_municipality: list[tuple[str, int]]
    total: int


def _team_of_reporter() -> sa.ScalarSelect[int]:
    return (
        sa.select(sa.func.min(Team.id))
        .join(team_members, team_members.c.team_id == Team.id)
        .join(team_municipalities, team_municipalities.c.team_id == Team.id)
        .where(
            team_members.c.user_id == Incident.reported_by_id,
            team_municipalities.c.municipality_id == Person.municipality_id,
        )
        .scalar_subquery()
    )


def count_incidents(municipality_ids: list[int], year: int) -> IncidentCounts:
    start = datetime.combine(date(year, 1, 1), time.min, clock.LOCAL_TZ).astimezone(UTC)
    end = datetime.combine(date(year + 1, 1, 1), time.min, clock.LOCAL_TZ).astimezone(UTC)
    months = Period.custom(date(year, 1, 1), date(year, 12, 31)).months()
    month = bucket(Incident.occurred_at, months, is_date=False).label("maand")
    team = _team_of_reporter().label("team")
    base = (
        sa.select(Incident.kind, month, team, Person.municipality_id)
        .join(Person, Person.id == Incident.person_id)
        .where(
            Person.municipality_id.in_(municipality_ids),
            Incident.occurred_at >= start,
            Incident.occurred_at < end,
        )
        .subquery("incident")
    )
    by_kind = {label: [0] * 12 for label in INCIDENT_KINDS.values()}
    codes = [p.code for p in months]
    for kind, code, n in db.session.execute(
        sa.select(base.c.kind, base.c.maand, sa.func.count()).group_by(base.c.kind, base.c.maand)
    ):
        if code in codes:
            by_kind[INCIDENT_KINDS.get(kind, kind)][codes.index(code)] += n
    team_names = {i: name for i, name in db.session.execute(sa.select(Team.id, Team.name))}
    by_team = sorted(
        (
            (team_names.get(team_id, "Zonder team") if team_id else "Zonder team", n)
            for team_id, n in db.session.execute(
                sa.select(base.c.team, sa.func.count()).group_by(base.c.team)
            )
        ),
        key=lambda pair: pair[0],
    )
    names = {
        i: name for i, name in db.session.execute(sa.select(Municipality.id, Municipality.name))
    }
    by_municipality = sorted(
        (names[m], n)
        for m, n in db.session.execute(
            sa.select(base.c.municipality_id, sa.func.count()).group_by(base.c.municipality_id)
        )
    )
    return IncidentCounts(
        year=year,
        months=[p.label for p in months],
        by_kind_and_month=by_kind,
        by_team=by_team,
        by_municipality=by_municipality,
        total=sum(n for _, n in by_municipality),
    )
