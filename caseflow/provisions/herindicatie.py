"""Herindicatie on time: signal a provision before it ends, start its reassessment in one click.

The daily job inserts one herindicatie per provision that ends within its municipality's lead
time (default eight weeks), addressed to the team and handler of the decision that granted it.
It is one INSERT ... SELECT, unique per provision and end date: a rerun, a second scheduler or a
crash halfway adds nothing, and an end moved by a change is signalled again. Starting it opens
the workflow the decision's file names (`provisions: {herindicatie: ...}`) through the engine,
for the same person, as a follow-up of that decision and with its intake, so the previous
decision, its provisions and what the client told are on the new case's page.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from caseflow import clock
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, CatalogueSettings, Herindicatie, Provision, User
from caseflow.models.base import UTCDateTime
from caseflow.models.catalogue import DEFAULT_POLICY
from caseflow.permissions import CHANGE_REGISTERS, HANDLE_CASES
from caseflow.provisions.register import chain_of
from caseflow.provisions.wording import long_date
from caseflow.routing import route
from caseflow.scope.queries import unscoped
from caseflow.unit_of_work import unit_of_work
from caseflow.workflow.engine import start_case
from caseflow.workflow.errors import NotAuthorised, WorkflowError
from caseflow.workflow.registry import registry

COLUMNS = ("provision_id", "due_on", "municipality_id", "team_id", "user_id", "signalled_at")


class HerindicatieRefused(WorkflowError):
    pass


def horizons(today: date) -> tuple[dict[int, date], date]:
    """Per municipality with its own lead time, the last end date signalled today; the default."""
    rows = db.session.execute(
        sa.select(CatalogueSettings.municipality_id, CatalogueSettings.herindicatie_weeks)
    ).all()
    default = today + timedelta(weeks=DEFAULT_POLICY.herindicatie_weeks)
    return {mid: today + timedelta(weeks=weeks) for mid, weeks in rows}, default


def _candidates(today: date) -> sa.Select[*tuple[Any, ...]]:
    own, default = horizons(today)
    horizon: Any = (
        sa.case(own, value=Provision.municipality_id, else_=default) if own else sa.literal(default)
    )
    already = (
        sa.select(Herindicatie.id)
        .where(
            Herindicatie.provision_id == Provision.id,
            Herindicatie.due_on == Provision.end_date,
        )
        .exists()
    )
    return (
        sa.select(
            Provision.id,
            Provision.end_date,
            Provision.municipality_id,
            Case.team_id,
            Case.assignee_id,
            sa.literal(clock.now(), UTCDateTime()),
        )
        .join(Case, Case.id == Provision.case_id)
        .where(
            Provision.end_date.is_not(None),
            Provision.end_date >= today,
            Provision.end_date <= horizon,
            Provision.ended_reason.is_(None),
            ~already,
        )
    )


def scan_herindicaties(today: date | None = None) -> int:
    """Signal every provision that ends within its lead time and is not signalled yet."""
    today = today or clock.today()
    with unit_of_work():
        table = Herindicatie.__table__
        assert isinstance(table, sa.Table)
        dialect = db.session.get_bind().dialect.name
        candidates = _candidates(today)
        insert: Any
        if dialect == "postgresql":
            insert = postgresql.insert(table).from_select(COLUMNS, candidates)
            insert = insert.on_conflict_do_nothing()
        else:
            insert = sqlite.insert(table).from_select(COLUMNS, candidates).on_conflict_do_nothing()
        return len(list(db.session.scalars(insert.returning(table.c.id))))


def herindicatie_scan() -> str:
    """The scheduled job's summary line."""
    return f"created {scan_herindicaties()} herindicatie signals"


def open_herindicaties(user: User, team_id: int | None = None) -> list[Herindicatie]:
    """Not yet started, for the user's teams (or one of them), earliest end first. The join
    with the case applies the reader's scope."""
    teams = [t.id for t in user.teams if team_id is None or t.id == team_id]
    municipalities = [m.id for m in user.municipalities]
    return list(
        db.session.scalars(
            sa.select(Herindicatie)
            .join(Provision, Provision.id == Herindicatie.provision_id)
            .join(Case, Case.id == Provision.case_id)
            .options(selectinload(Herindicatie.provision).selectinload(Provision.person))
            .where(
                Herindicatie.case_id.is_(None),
                Herindicatie.team_id.in_(teams),
                Herindicatie.municipality_id.in_(municipalities),
            )
            .order_by(Herindicatie.due_on, Herindicatie.id)
            .limit(200)
        )
    )


def start_herindicatie(herindicatie: Herindicatie, actor: User) -> Case:
    """Open the reassessment for the person, following up the decision that granted the
    provision; every open herindicatie of that decision is answered by the same case."""
    if not actor.may(CHANGE_REGISTERS) or not actor.serves(herindicatie.municipality_id):
        raise NotAuthorised("U mag voor deze gemeente geen herindicatie starten.")
    with unscoped():
        provision = herindicatie.provision
        decision = provision.case
        if herindicatie.case_id is not None:
            started = db.session.get_one(Case, herindicatie.case_id)
            raise HerindicatieRefused(f"Deze herindicatie is al gestart: {started.reference}.")
        spec = registry().get(decision.case_type).provisions
        if spec is None or spec.herindicatie is None:
            raise HerindicatieRefused("Voor deze voorziening is geen herindicatie ingericht.")
        target = registry().get(spec.herindicatie)
        team = route(target.domain, decision.municipality, decision.person)
        takes_it = actor.may(HANDLE_CASES) and any(m.id == actor.id for m in team.members)
        together = _open_of_decision(decision.id)
        case = start_case(
            target.name,
            municipality=decision.municipality,
            actor=actor,
            person=decision.person,
            household=decision.household,
            intake=decision.intake,
            parent=decision,
            team=team,
            assignee=actor if takes_it else None,
            data={"vervolg_op": decision.id, "herindicatie": _what(together)},
        )
        db.session.flush()
        now = clock.now()
        for each in together:
            each.case_id, each.started_at, each.started_by_id = case.id, now, actor.id
        return case


def _open_of_decision(case_id: int) -> list[Herindicatie]:
    return list(
        db.session.scalars(
            sa.select(Herindicatie)
            .join(Provision, Provision.id == Herindicatie.provision_id)
            .where(Provision.case_id == case_id, Herindicatie.case_id.is_(None))
            .order_by(Herindicatie.due_on, Herindicatie.id)
        )
    )


def _what(herindicaties: list[Herindicatie]) -> str:
    parts = [
        f"{h.provision.product_label} (loopt tot en met {long_date(h.due_on)})"
        for h in herindicaties
    ]
    return "; ".join(parts)


@dataclass(frozen=True)
class Review:
    """What a herindicatie case reassesses: the provisions, the decision and its reasons."""

    herindicaties: list[Herindicatie] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    decision: Case | None = None
    reasons: str | None = None

    def __bool__(self) -> bool:
        return bool(self.herindicaties)


def under_review(case: Case) -> Review:
    """The herindicatie this case (or the case it follows up) was started for, if any."""
    herindicaties = list(
        db.session.scalars(
            sa.select(Herindicatie)
            .where(Herindicatie.case_id.in_(chain_of(case)))
            .order_by(Herindicatie.due_on, Herindicatie.id)
        )
    )
    if not herindicaties:
        return Review()
    # The decision reviewed is part of the same person's file: read past the viewer's scope.
    with unscoped():
        provisions = [h.provision for h in herindicaties]
        decision = db.session.get_one(Case, provisions[0].case_id)
        reasons = db.session.scalar(
            sa.select(CaseEvent.data["motivering"].as_string())
            .where(CaseEvent.case_id == decision.id, CaseEvent.to_state == decision.state)
            .order_by(CaseEvent.id.desc())
            .limit(1)
        )
    return Review(herindicaties, provisions, decision, reasons)
