"""Foutscore: what the quality reviewers found in the sampled decisions, and why.

Counted per checklist verdict (n.v.t. left out) on the sampled case, so the groups (case type,
domain, team, consultant) are those of the decision that was checked, and every number lists
the cases behind it. Error score = error points lost / points that could be lost; each error
is counted under its cause, so the report shows where errors come from, not only how many.
"""

from collections.abc import Mapping, Sequence
from typing import ClassVar

import sqlalchemy as sa

from caseflow.models import CAUSES, Case, QualityFinding, QualitySample
from caseflow.reports.base import CountIndicator, Measure, Number, Population, group_columns, ratio
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.sql import flag, in_period

ITEMS = ("toetspunt", "toetspunten")


class Foutscore(CountIndicator):
    code = "foutscore"
    name = "Foutscore kwaliteitstoetsing"
    definition = (
        "Toetspunten van de checklist (rechtmatigheid) die een kwaliteitsmedewerker in de "
        "periode beoordeelde in zaken uit een steekproef; niet van toepassing telt niet mee, en "
        "alleen de geldende steekproeven (niet de opnieuw getrokken). Foutscore = verloren "
        "foutpunten / te verliezen foutpunten (elk punt weegt zoals de checklist zegt). Elke "
        "fout staat onder haar oorzaak: werkproces, kennis, systeem, cliënt of anders."
    )
    measures = (
        Measure("getoetst", "Getoetst", drill=True, items=ITEMS),
        Measure("fout", "Voldoet niet", drill=True, items=ITEMS),
        *(
            Measure(f"oorzaak_{code}", f"Oorzaak: {label}", drill=True, items=ITEMS)
            for code, label in CAUSES.items()
        ),
        Measure("foutscore", "Foutscore (%)", unit="procent", headline=True),
    )
    counted: ClassVar[tuple[str, ...]] = (
        "getoetst",
        "fout",
        *(f"oorzaak_{code}" for code in CAUSES),
        "punten",
        "verloren",
    )
    default_group = ("domein",)

    def time_column(self) -> TimeColumn:
        return TimeColumn(QualityFinding.recorded_at, is_date=False)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        return (
            sa.select(
                Case.id.label("case_id"),
                QualityFinding.item.label("detail"),
                *group_columns(report_filter, dims, self.time_column()),
                sa.literal(1).label("getoetst"),
                flag(QualityFinding.verdict == "voldoet_niet").label("fout"),
                *(flag(QualityFinding.cause == code).label(f"oorzaak_{code}") for code in CAUSES),
                QualityFinding.weight.label("punten"),
                QualityFinding.points.label("verloren"),
            )
            .select_from(QualityFinding)
            .join(QualitySample, QualitySample.id == QualityFinding.sample_id)
            .join(Case, Case.id == QualityFinding.case_id)
            .where(
                QualityFinding.verdict != "nvt",
                QualitySample.replaced_by_id.is_(None),
                in_period(QualityFinding.recorded_at, report_filter.period, is_date=False),
                *report_filter.case_conditions(),
            )
        )

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        return {**values, "foutscore": ratio(values.get("verloren"), values.get("punten"))}
