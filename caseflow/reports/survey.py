"""Cliëntwaardering: the grade clients give, the share of sixes and up, the recommendation score
and the response rate, per municipality, domain, team and month.

The answers are anonymous by design (caseflow.survey), so this indicator groups the answers
themselves, not cases, and has no list of cases behind its numbers: there is none to show.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from caseflow.domains import domain_label
from caseflow.extensions import db
from caseflow.models import Municipality, SurveyInvitation, SurveyResponse, Team
from caseflow.reports.base import Indicator, Measure, Number, ratio
from caseflow.reports.dimensions import Dimension, TimeColumn
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import Period, ReportError
from caseflow.reports.sql import bucket, in_period

PASS_MARK = 6
CONSTANT = frozenset({"zaaktype"})
PROMOTERS, DETRACTORS = 9, 6


def _names(model: Any, column: Any) -> Any:
    def lookup(values: list[Any]) -> dict[Any, str]:
        query = sa.select(model.id, column).where(model.id.in_(values))
        return {row_id: name for row_id, name in db.session.execute(query)}

    return lookup


def _month(unit: str) -> Any:
    def expression(report_filter: ReportFilter, time: TimeColumn | None) -> Any:
        assert time is not None
        parts = report_filter.period.months() if unit == "maand" else report_filter.period.years()
        return bucket(time.column, parts, is_date=True)

    return expression


def _dimensions(table: Any) -> dict[str, Dimension]:
    """Groups over an answer (or invitation): what it keeps of municipality, domain, team, time."""
    return {
        "gemeente": Dimension(
            "gemeente",
            "Gemeente",
            "Onbekend",
            lambda f, t: table.municipality_id,
            _names(Municipality, Municipality.name),
            numeric=True,
        ),
        "domein": Dimension(
            "domein",
            "Domein",
            "Onbekend",
            lambda f, t: table.domain,
            lambda values: {v: domain_label(v) for v in values},
        ),
        "team": Dimension(
            "team",
            "Team",
            "Zonder team",
            lambda f, t: table.team_id,
            _names(Team, Team.name),
            numeric=True,
        ),
        # An answer has no case type; the norms compare the whole.
        "zaaktype": Dimension(
            "zaaktype", "Zaaktype", "Alle zaaktypen", lambda f, t: sa.null(), dict
        ),
        "maand": Dimension(
            "maand", "Maand", "–", _month("maand"), lambda v: {x: Period.parse(x).label for x in v}
        ),
        "jaar": Dimension(
            "jaar", "Jaar", "–", _month("jaar"), lambda v: {x: Period.parse(x).label for x in v}
        ),
    }


class Clientwaardering(Indicator):
    code = "clientwaardering"
    name = "Cliëntwaardering"
    definition = (
        "Antwoorden op de vragenlijst na een besluit of gezinsplan (via de link of telefonisch "
        "nagebeld), in de maand waarin de zaak sloot. Gemiddeld cijfer = som van de cijfers / "
        "antwoorden (norm in de DVO: 7,0 of hoger). Voldoendes = aandeel cijfers van 6 of hoger. "
        "Aanbevelingsscore = % dat 9 of 10 geeft min % dat 0 tot en met 6 geeft. Respons = "
        "antwoorden via de link / verstuurde uitnodigingen (een weigering telt als geen "
        "antwoord). De antwoorden zijn anoniem: er is geen lijst van zaken achter deze cijfers."
    )
    measures = (
        Measure("uitnodigingen", "Uitnodigingen"),
        Measure("antwoorden", "Antwoorden"),
        Measure("gemiddeld_cijfer", "Gemiddeld cijfer", unit="gemiddelde", headline=True),
        Measure("percentage_voldoende", "Voldoendes (6 of hoger)", unit="procent"),
        Measure("aanbevelingsscore", "Aanbevelingsscore", unit="gemiddelde"),
        Measure("respons", "Respons (%)", unit="procent"),
    )
    default_group = ("domein",)

    def time_column(self) -> TimeColumn:
        return TimeColumn(SurveyResponse.period, is_date=True)

    def dimension(self, key: str) -> Dimension:
        found = _dimensions(SurveyResponse).get(key)
        if found is None:
            raise ReportError(f"Cliëntwaardering is niet te groeperen op '{key}'.")
        return found

    def dimensions_for(self, group_by: Sequence[str]) -> tuple[Dimension, ...]:
        return tuple(self.dimension(key) for key in dict.fromkeys(group_by))

    def _where(self, table: Any, report_filter: ReportFilter) -> list[Any]:
        conditions = [in_period(table.period, report_filter.period, is_date=True)]
        if report_filter.municipality_ids is not None:
            conditions.append(table.municipality_id.in_(report_filter.municipality_ids))
        if report_filter.team_ids is not None:
            conditions.append(table.team_id.in_(report_filter.team_ids))
        if report_filter.case_types is not None:
            from caseflow.workflow.registry import registry

            wanted = {registry().get(t).domain for t in report_filter.case_types}
            conditions.append(table.domain.in_(sorted(wanted)))
        return conditions

    def aggregate(
        self, report_filter: ReportFilter, dims: Sequence[Dimension]
    ) -> list[tuple[tuple[Any, ...], dict[str, Number]]]:
        keys = [d.key for d in dims]
        answers = _grouped(
            SurveyResponse,
            keys,
            report_filter,
            self._where(SurveyResponse, report_filter),
            [
                sa.func.count().label("antwoorden"),
                sa.func.sum(SurveyResponse.grade).label("som"),
                sa.func.sum(sa.case((SurveyResponse.grade >= PASS_MARK, 1), else_=0)).label(
                    "voldoende"
                ),
                sa.func.sum(
                    sa.case((SurveyResponse.recommendation >= PROMOTERS, 1), else_=0)
                ).label("promotors"),
                sa.func.sum(
                    sa.case((SurveyResponse.recommendation <= DETRACTORS, 1), else_=0)
                ).label("criticasters"),
                sa.func.sum(sa.case((SurveyResponse.channel == "web", 1), else_=0)).label(
                    "via_link"
                ),
            ],
        )
        invited = _grouped(
            SurveyInvitation,
            keys,
            report_filter,
            self._where(SurveyInvitation, report_filter),
            [sa.func.count().label("uitnodigingen")],
        )
        groups = sorted(set(answers) | set(invited), key=lambda k: tuple(str(x) for x in k))
        return [
            (k, {**invited.get(k, {"uitnodigingen": 0}), **_empty_answers(), **answers.get(k, {})})
            for k in groups
        ]

    def finish(self, values: Mapping[str, Number]) -> dict[str, Number]:
        answered = int(values.get("antwoorden") or 0)
        total = values.get("som")
        return {
            "uitnodigingen": values.get("uitnodigingen") or 0,
            "antwoorden": answered,
            "gemiddeld_cijfer": round(float(total) / answered, 2) if answered and total else None,
            "percentage_voldoende": ratio(values.get("voldoende"), answered),
            "aanbevelingsscore": (
                round(
                    100.0
                    * (int(values.get("promotors") or 0) - int(values.get("criticasters") or 0))
                    / answered,
                    1,
                )
                if answered
                else None
            ),
            "respons": ratio(values.get("via_link"), values.get("uitnodigingen")),
        }

    def empty(self) -> dict[str, Number]:
        return self.finish({})

    def cases(
        self, report_filter: ReportFilter, measure: str, keys: Mapping[str, Any]
    ) -> sa.Select[Any]:
        raise KeyError("cliëntwaardering is anoniem: er is geen lijst van zaken")


def _empty_answers() -> dict[str, Number]:
    return dict.fromkeys(
        ("antwoorden", "som", "voldoende", "promotors", "criticasters", "via_link"), 0
    )


def _grouped(
    table: Any, keys: list[str], report_filter: ReportFilter, where: list[Any], counted: list[Any]
) -> dict[tuple[Any, ...], dict[str, Number]]:
    dims = _dimensions(table)
    time = TimeColumn(table.period, is_date=True)
    columns = [dims[k].expression(report_filter, time).label(f"g{i}") for i, k in enumerate(keys)]
    query = sa.select(*columns, *counted).where(*where)
    # An answer has no case type: that group is one constant, which nobody groups by.
    grouped = [c for key, c in zip(keys, columns, strict=True) if key not in CONSTANT]
    if grouped:
        query = query.group_by(*grouped)
    found: dict[tuple[Any, ...], dict[str, Number]] = {}
    for row in db.session.execute(query):
        mapping = row._mapping
        key = tuple(mapping[f"g{i}"] for i in range(len(keys)))
        found[key] = {c.name: int(mapping[c.name] or 0) for c in counted}
    return found
