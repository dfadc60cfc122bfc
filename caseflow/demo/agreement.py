"""The service agreements of the seeds (DVO Participatiewet SZMH 2018 and 2019, with the
benchmark's reference ratios) as the demo's norms, loaded through the same import a
municipality uses, and continued into the demo's own years.

An agreement holds until a new one replaces it, so the norms of each municipality's latest
agreement year are carried into every later year (an indicator the latest agreement dropped is
not); a raming is a forecast for one year and is not carried.
The hand-entered indicators get no figures: the report shows them as still to be filled in.
"""

from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from caseflow import clock
from caseflow.demo.organisation import DemoOrganisation
from caseflow.extensions import db
from caseflow.models import Norm, NormKind
from caseflow.reports.norm_admin import import_csv, save_norm

AGREEMENT_FILE = Path(__file__).resolve().parent / "dvo_2018_2019.csv"


class AgreementError(RuntimeError):
    """The shipped agreement file does not import: a defect in the file."""


def seed_agreement(demo: DemoOrganisation, end: datetime) -> int:
    """Load the file and continue its norms up to the demo's year; returns the norms made."""
    result = import_csv(AGREEMENT_FILE.read_text(encoding="utf-8"), demo.municipalities, None)
    if result.errors:
        raise AgreementError("; ".join(result.errors))
    return result.added + _continue(clock.local_date(end).year)


def _continue(until: int) -> int:
    norms = db.session.scalars(sa.select(Norm).where(Norm.kind == NormKind.NORM)).all()
    latest_year: dict[int, int] = {}
    for norm in norms:
        latest_year[norm.municipality_id] = max(norm.year, latest_year.get(norm.municipality_id, 0))
    made = 0
    for norm in norms:
        if norm.year != latest_year[norm.municipality_id]:
            continue
        source = f"{norm.source}, ongewijzigd voortgezet"[:200]
        for year in range(norm.year + 1, until + 1):
            save_norm(
                norm.municipality_id,
                norm.indicator,
                norm.case_type,
                year,
                NormKind.NORM,
                norm.value,
                source,
                user_id=None,
            )
            made += 1
    db.session.flush()
    return made
