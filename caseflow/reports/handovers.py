"""Overdrachten: every moment a client passes to another handler or team, along the whole chain.

A handover happens inside a case (a team manager gives it to someone else or back to the team;
the case moves to another team) or between cases: a follow-up case opened with another handler or
team than the case it comes from (front door -> domain, melding -> aanvraag, area team -> domain).
The follow-up's creation event records that step in the same keys a reassignment or a team move
uses (caseflow.workflow.follow_up), so the whole chain is counted from events. A handover counts
with the case it happened in or led to; summed over a client's cases, that is their chain.
"""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import Case, CaseEvent, Team, User
from caseflow.reports.base import CountIndicator, Measure, Number, Population, group_columns
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.leadtime import closed_in_period
from caseflow.reports.sql import flag
from caseflow.workflow.engine import ASSIGN_TRIGGER, CREATE_TRIGGER

CLOSED = TimeColumn(Case.closed_at, is_date=False)
# Events that record a handler leaving (`van`) and one arriving (`naar`, None: the team).
HANDLER_TRIGGERS = (ASSIGN_TRIGGER, CREATE_TRIGGER)
HANDOVERS = ("overdracht", "overdrachten")
CHAINS = ("keten", "ketens")


def handover_event() -> ColumnElement[bool]:
    """An event that moves a client from one handler, or one team, to another.

    Where the event names the handler the client had (`van`), the handler decides: keeping the
    same one across a follow-up in another team is no handover, and a first claim (from nobody)
    is none either. Without a handler, a move to another team is one.
    """
    old, new = CaseEvent.data["van"].as_integer(), CaseEvent.data["naar"].as_integer()
    old_team = CaseEvent.data["team_van"].as_integer()
    new_team = CaseEvent.data["team_naar"].as_integer()
    had_handler = sa.and_(CaseEvent.trigger.in_(HANDLER_TRIGGERS), old.is_not(None))
    return sa.or_(
        sa.and_(had_handler, sa.or_(new.is_(None), new != old)),
        sa.and_(
            sa.not_(had_handler),
            old_team.is_not(None),
            sa.or_(new_team.is_(None), new_team != old_team),
        ),
    )


def _between_cases() -> ColumnElement[bool]:
    """The handover that opened a follow-up case, rather than one inside a case."""
    return CaseEvent.trigger == CREATE_TRIGGER


def _handovers_of_case() -> sa.ScalarSelect[Any]:
    # Correlated: only the events of the cases being counted are read.
    return (
        sa.select(sa.func.count())
        .where(CaseEvent.case_id == Case.id, handover_event())
        .scalar_subquery()
    )


def chain_roots(report_filter: ReportFilter) -> sa.CTE:
    """For each case closed in the period: the first case of its chain (case_id, root_id).

    A chain is the first case of a question (mostly the front door's) and every follow-up that
    came from it, through `parent_id`, which destruction keeps. The walk goes up from the
    counted cases only, a step per generation.
    """
    walk = (
        sa.select(Case.id.label("case_id"), Case.id.label("node_id"), Case.parent_id.label("up_id"))
        .where(*closed_in_period(report_filter))
        .cte("keten", recursive=True)
    )
    parent = aliased(Case)
    walk = walk.union_all(
        sa.select(walk.c.case_id, parent.id, parent.parent_id).join(
            parent, parent.id == walk.c.up_id
        )
    )
    found = sa.select(walk.c.case_id, walk.c.node_id.label("root_id")).where(walk.c.up_id.is_(None))
    return found.cte("ketenbegin")


def _side(user: Any, team: Any) -> ColumnElement[str]:
    """One side of a handover in words: the handler (when the event names one) and the team."""
    handler = sa.case(
        (CaseEvent.trigger.in_(HANDLER_TRIGGERS), sa.func.coalesce(user.full_name, "nog niemand")),
        else_=sa.null(),
    )
    both = handler + " (" + team.name + ")"
    return sa.func.coalesce(both, handler, team.name, "onbekend")


def _description(van: Any, naar: Any, team_van: Any, team_naar: Any) -> ColumnElement[str]:
    kind = sa.case(
        (_between_cases(), "Vervolgzaak"),
        (
            sa.and_(
                CaseEvent.trigger == ASSIGN_TRIGGER, CaseEvent.data["naar"].as_integer().is_(None)
            ),
            "Terug naar het team",
        ),
        (CaseEvent.trigger == ASSIGN_TRIGGER, "Andere behandelaar"),
        else_="Ander team",
    )
    return kind + ": " + _side(van, team_van) + " → " + _side(naar, team_naar)


class Overdrachten(CountIndicator):
    code = "overdrachten"
    name = "Overdrachten in de keten"
    definition = (
        "Voor zaken die in de periode zijn afgesloten: elk moment waarop de inwoner een andere "
        "behandelaar of een ander team kreeg. Binnen de zaak: een teammanager wijst de zaak aan "
        "een ander toe of geeft hem terug aan het team, of de zaak gaat naar een ander team. "
        "Naar een vervolgzaak: de zaak is geopend als vervolg op een andere (voordeur → domein, "
        "melding → aanvraag, gebiedsteam → domein) en kreeg een andere behandelaar of een ander "
        "team dan die zaak; houdt dezelfde behandelaar de inwoner, dan is er geen overdracht. "
        "Het eerste oppakken van een zaak zonder behandelaar telt niet. Elke overdracht telt bij "
        "de zaak waarin of waarheen hij plaatsvond. Een keten is één hulpvraag van één inwoner "
        "of huishouden: de eerste zaak (meestal aan de voordeur) met alle vervolgzaken. "
        "Overdrachten per zaak = overdrachten / afgesloten zaken. Overdrachten per keten = "
        "overdrachten / ketens waarin die zaken liggen: hoe vaak een inwoner langs de keten "
        "opnieuw moest beginnen bij iemand anders."
    )
    measures = (
        Measure("zaken", "Afgesloten zaken", drill=True),
        Measure("met_overdracht", "Zaken met een overdracht", drill=True),
        Measure("overdrachten", "Overdrachten", drill=True, items=HANDOVERS),
        Measure("naar_vervolgzaak", "waarvan naar een vervolgzaak", drill=True, items=HANDOVERS),
        Measure("binnen_zaak", "waarvan binnen de zaak", drill=True, items=HANDOVERS),
        Measure("ketens", "Ketens", drill=True, items=CHAINS),
        Measure("gemiddeld", "Overdrachten per zaak", unit="gemiddelde"),
        Measure("per_keten", "Overdrachten per keten", unit="gemiddelde"),
    )
    counted: ClassVar[tuple[str, ...]] = (
        "zaken",
        "met_overdracht",
        "overdrachten",
        "naar_vervolgzaak",
        "binnen_zaak",
        "ketens",
    )
    # A chain with cases in two teams is one chain in the total, one in each team.
    additive = False
    default_group = ("team",)

    def time_column(self) -> TimeColumn:
        return CLOSED

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        """Three kinds of rows: the closed cases, their handovers, and the chains they are in."""
        return sa.union_all(
            self._cases(report_filter, dims),
            self._handovers(report_filter, dims),
            self._chains(report_filter, dims),
        )

    def _cases(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> sa.Select[Any]:
        count = _handovers_of_case()
        return sa.select(
            Case.id.label("case_id"),
            sa.case(
                (count == 0, "Geen overdracht"),
                (count == 1, "1 overdracht"),
                else_=sa.cast(count, sa.String) + " overdrachten",
            ).label("detail"),
            *group_columns(report_filter, dims, self.time_column()),
            sa.literal(1).label("zaken"),
            flag(count > 0).label("met_overdracht"),
            *_zeros("overdrachten", "naar_vervolgzaak", "binnen_zaak", "ketens"),
        ).where(*closed_in_period(report_filter))

    def _handovers(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> sa.Select[Any]:
        van, naar = aliased(User), aliased(User)
        team_van, team_naar = aliased(Team), aliased(Team)
        data = CaseEvent.data
        return (
            sa.select(
                Case.id.label("case_id"),
                _description(van, naar, team_van, team_naar).label("detail"),
                *group_columns(report_filter, dims, self.time_column()),
                *_zeros("zaken", "met_overdracht"),
                sa.literal(1).label("overdrachten"),
                flag(_between_cases()).label("naar_vervolgzaak"),
                flag(sa.not_(_between_cases())).label("binnen_zaak"),
                *_zeros("ketens"),
            )
            .select_from(CaseEvent)
            .join(Case, Case.id == CaseEvent.case_id)
            .outerjoin(van, van.id == data["van"].as_integer())
            .outerjoin(naar, naar.id == data["naar"].as_integer())
            .outerjoin(team_van, team_van.id == data["team_van"].as_integer())
            .outerjoin(team_naar, team_naar.id == data["team_naar"].as_integer())
            .where(handover_event(), *closed_in_period(report_filter))
        )

    def _chains(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> sa.Select[Any]:
        """One row per chain and group; the list shows the chain's last closed case there."""
        roots = chain_roots(report_filter)
        per_case = (
            sa.select(
                roots.c.root_id,
                Case.id.label("case_id"),
                *group_columns(report_filter, dims, self.time_column()),
                _handovers_of_case().label("count"),
            )
            .join(roots, roots.c.case_id == Case.id)
            .subquery("per_zaak")
        )
        groups = [per_case.c[f"g{i}"] for i in range(len(dims))]
        return sa.select(
            sa.func.max(per_case.c.case_id).label("case_id"),
            (
                "Overdrachten in deze keten: " + sa.cast(sa.func.sum(per_case.c.count), sa.String)
            ).label("detail"),
            *groups,
            *_zeros("zaken", "met_overdracht", "overdrachten", "naar_vervolgzaak", "binnen_zaak"),
            sa.literal(1).label("ketens"),
        ).group_by(per_case.c.root_id, *groups)

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        moves = values["overdrachten"]
        return {
            **values,
            "gemiddeld": _average(moves, values["zaken"]),
            "per_keten": _average(moves, values["ketens"]),
        }


def _zeros(*names: str) -> list[ColumnElement[int]]:
    return [sa.literal_column("0", sa.Integer).label(name) for name in names]


def _average(part: Number, whole: Number) -> float | None:
    return round(part / whole, 2) if whole and part is not None else None
