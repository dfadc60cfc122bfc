"""Werkvoorraad: open cases today by age, overdue, due soon and per consultant."""

from collections.abc import Sequence
from datetime import timedelta
from typing import ClassVar

import sqlalchemy as sa

from caseflow.models import Case, Deadline, DeadlineStatus
from caseflow.reports.base import CountIndicator, Measure, Population, group_columns
from caseflow.reports.dimensions import Dimension
from caseflow.reports.filters import ReportFilter
from caseflow.reports.periods import local_midnight_utc
from caseflow.reports.sql import flag
from caseflow.reports.timeliness import OPEN_STATUSES, late_now, open_suspensions

# Age in calendar days since the case was opened: (first day, first day of the next bucket).
AGE_BUCKETS = (
    ("leeftijd_0_2", "Jonger dan 2 weken", 0, 14),
    ("leeftijd_2_4", "2 tot 4 weken", 14, 28),
    ("leeftijd_4_8", "4 tot 8 weken", 28, 56),
    ("leeftijd_8_13", "8 tot 13 weken", 56, 91),
    ("leeftijd_13_plus", "13 weken of ouder", 91, None),
)


class Werkvoorraad(CountIndicator):
    code = "werkvoorraad"
    name = "Werkvoorraad"
    definition = (
        "Zaken die vandaag open zijn, naar leeftijd (dagen sinds de zaak is geopend), met het "
        "aantal zaken waarvan een termijn vandaag verstreken is en het aantal met een termijn die "
        "binnen de gekozen dagen afloopt. Per consulent opgeteld is dit de werkvoorraad van het "
        "team; zaken zonder behandelaar staan apart."
    )
    measures = (
        Measure("open", "Open zaken", drill=True),
        *(Measure(key, label, drill=True) for key, label, _, _ in AGE_BUCKETS),
        Measure("te_laat", "Termijn verstreken", drill=True),
        Measure("binnenkort", "Termijn loopt binnenkort af", drill=True),
        Measure("zonder_behandelaar", "Zonder behandelaar", drill=True),
    )
    counted: ClassVar[tuple[str, ...]] = tuple(m.key for m in measures)
    uses_period = False
    default_group = ("consulent",)

    def population(self, report_filter: ReportFilter, dims: Sequence[Dimension]) -> Population:
        today = report_filter.today
        suspension = open_suspensions()
        late = late_now(today, suspension)
        soon = sa.and_(
            Deadline.status == DeadlineStatus.RUNNING,
            Deadline.due_date >= today,
            Deadline.due_date <= today + timedelta(days=report_filter.soon_days),
        )
        # Correlated per case, so the cost follows the cases counted (an index probe each),
        # not every open deadline of the organisation.
        te_laat = (
            sa.select(Deadline.id)
            .outerjoin(suspension, suspension.c.deadline_id == Deadline.id)
            .where(
                Deadline.case_id == Case.id,
                Deadline.status.in_(OPEN_STATUSES),
                Deadline.kind.in_(report_filter.deadline_kinds),
                late,
            )
            .exists()
        )
        binnenkort = (
            sa.select(Deadline.id)
            .where(
                Deadline.case_id == Case.id,
                soon,
                Deadline.kind.in_(report_filter.deadline_kinds),
            )
            .exists()
        )
        ages = []
        for key, _, first, after in AGE_BUCKETS:
            # Opened on a day at least `first` days ago and less than `after` days ago.
            conditions = [Case.opened_at < local_midnight_utc(today - timedelta(days=first - 1))]
            if after is not None:
                conditions.append(
                    Case.opened_at >= local_midnight_utc(today - timedelta(days=after - 1))
                )
            ages.append(flag(sa.and_(*conditions)).label(key))
        return sa.select(
            Case.id.label("case_id"),
            sa.null().label("detail"),
            *group_columns(report_filter, dims, None),
            sa.literal(1).label("open"),
            *ages,
            flag(te_laat).label("te_laat"),
            flag(binnenkort).label("binnenkort"),
            flag(Case.assignee_id.is_(None)).label("zonder_behandelaar"),
        ).where(Case.closed_at.is_(None), *report_filter.case_conditions())
