"""The service agreement's quality indicators behind bezwaar and klachten.

Bezwaar and klachten on time are the tijdigheid of their own legal terms (Awb 7:10, 9:11);
upheld complaints are counted like upheld objections, as a share of those submitted; objections
per 1,000 decisions put each objection next to the decision it contests, so the groups (case
type, domain, team) are those of the decision. Every number is a sum over one population, so
its drill-down list has exactly as many rows.
"""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from caseflow.models import Case, CaseEvent, Objection
from caseflow.reports.base import CountIndicator, Measure, Number, Population, group_columns
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter, case_types_of_domain
from caseflow.reports.outcomes import BezwarenGegrond
from caseflow.reports.sql import in_period
from caseflow.reports.timeliness import Tijdigheid
from caseflow.workflow.registry import registry

PER = 1000


def _only_domain(report_filter: ReportFilter, domain: str) -> ReportFilter:
    own = case_types_of_domain(domain)
    chosen = report_filter.case_types
    return replace(report_filter, case_types=tuple(t for t in own if chosen is None or t in chosen))


class DomainTimeliness(Tijdigheid):
    """Tijdigheid of one domain's legal terms only."""

    domain: ClassVar[str]

    def narrowed(self, report_filter: ReportFilter) -> ReportFilter:
        return _only_domain(report_filter, self.domain)


class BezwarenTijdig(DomainTimeliness):
    code = "bezwaren_tijdig"
    name = "Bezwaren op tijd beslist"
    definition = (
        "De tijdigheid van de beslistermijn op bezwaar (Awb 7:10: zes weken, twaalf met een "
        "adviescommissie, gerekend vanaf het einde van de bezwaartermijn, één keer met zes weken "
        "te verdagen), geteld zoals bij Tijdigheid: (afgehandeld tijdig + open op tijd) / "
        "(alle afgehandelde + alle open termijnen). Norm in de DVO: meer dan 85%."
    )
    domain = "bezwaar"


class KlachtenTijdig(DomainTimeliness):
    code = "klachten_tijdig"
    name = "Klachten op tijd afgehandeld"
    definition = (
        "De tijdigheid van de afhandeltermijn van klachten (Awb 9:11: zes weken na ontvangst, "
        "tien met een klachtadviescommissie, één keer met vier weken te verdagen), geteld zoals "
        "bij Tijdigheid: (afgehandeld tijdig + open op tijd) / (alle afgehandelde + alle open "
        "termijnen)."
    )
    domain = "klachten"


COMPLAINTS = ("klacht", "klachten")


class KlachtenGegrond(BezwarenGegrond):
    code = "klachten_gegrond"
    name = "Gegronde klachten"
    definition = (
        "Klachten die in de periode zijn ingediend (ontvangen), en hoe het er vandaag mee staat: "
        "(deels) gegrond, ongegrond, ingetrokken, of nog in behandeling. Percentage gegrond = "
        "(deels) gegronde klachten / ingediende klachten. Norm in de DVO: minder dan 10%. Een "
        "klacht gaat over een team; de rapportage noemt geen medewerker."
    )
    domain = "klachten"
    measures = (
        Measure("ingediend", "Ingediend", drill=True, items=COMPLAINTS),
        Measure("gegrond", "(Deels) gegrond", drill=True, items=COMPLAINTS),
        Measure("niet_gegrond", "Ongegrond", drill=True, items=COMPLAINTS),
        Measure("ingetrokken", "Ingetrokken", drill=True, items=COMPLAINTS),
        Measure("in_behandeling", "Nog in behandeling", drill=True, items=COMPLAINTS),
        Measure("percentage_gegrond", "Percentage gegrond", unit="procent", headline=True),
    )


def _decided_since(report_filter: ReportFilter) -> list[ColumnElement[bool]]:
    """A case decided in the period is still open or closed since the period began (it closes
    no earlier than its decision): saying so lets the database read those cases, not all."""
    start = report_filter.period.utc_start
    return [] if start is None else [sa.or_(Case.closed_at.is_(None), Case.closed_at >= start)]


class BezwarenPerBesluiten(CountIndicator):
    code = "bezwaren_per_besluiten"
    name = "Bezwaren per 1.000 besluiten"
    definition = (
        "Besluiten (beschikkingen) die in de periode zijn genomen, en bezwaarschriften die in de "
        "periode zijn ontvangen, elk bij het besluit dat het bestrijdt: zaaktype, domein en team "
        "zijn die van het besluit. Bezwaren per 1.000 besluiten = 1.000 × bezwaren / besluiten. "
        "Referentie (seed 002): 18 bezwaren en beroepen per 1.000 Wmo-besluiten."
    )
    measures = (
        Measure("besluiten", "Besluiten", drill=True),
        Measure("bezwaren", "Bezwaren", drill=True, items=("bezwaarschrift", "bezwaarschriften")),
        Measure("per_1000", "Bezwaren per 1.000 besluiten", unit="aantal", headline=True),
    )
    counted: ClassVar[tuple[str, ...]] = ("besluiten", "bezwaren")
    default_group = ("domein",)

    def time_column(self) -> TimeColumn:
        return TimeColumn(CaseEvent.occurred_at, is_date=False)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        decisions = sa.or_(
            sa.false(),
            *(
                sa.and_(Case.case_type == name, CaseEvent.trigger.in_(sorted(triggers)))
                for name, wf in sorted(registry().workflows.items())
                if (triggers := wf.decision_triggers())
            ),
        )
        decided = (
            sa.select(
                Case.id.label("case_id"),
                CaseEvent.trigger.label("detail"),
                *group_columns(report_filter, dims, self.time_column()),
                sa.literal(1).label("besluiten"),
                sa.literal(0).label("bezwaren"),
            )
            .select_from(CaseEvent)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(
                decisions,
                in_period(CaseEvent.occurred_at, report_filter.period, is_date=False),
                *report_filter.case_conditions(),
                *_decided_since(report_filter),
            )
        )
        received = TimeColumn(Objection.received_on, is_date=True)
        objected = (
            sa.select(
                Objection.case_id.label("case_id"),
                sa.literal("bezwaar").label("detail"),
                *group_columns(report_filter, dims, received),
                sa.literal(0).label("besluiten"),
                sa.literal(1).label("bezwaren"),
            )
            .select_from(Objection)
            # The decision's case: its type, domain and team are the groups.
            .join(Case, Case.id == Objection.contested_case_id)
            .where(
                in_period(Objection.received_on, report_filter.period, is_date=True),
                *report_filter.case_conditions(),
            )
        )
        return sa.union_all(decided, objected)

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        decided, objected = values["besluiten"], values["bezwaren"]
        per = round(PER * objected / decided, 1) if decided and objected is not None else None
        return {**values, "per_1000": per}
