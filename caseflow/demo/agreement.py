"""The service agreements of the seeds (DVO Participatiewet SZMH 2018 and 2019, with the
benchmark's reference ratios) as the demo's norms, loaded through the same import a
municipality uses, and continued into the demo's own years.

An agreement holds until a new one replaces it, so the norms of each municipality's latest
agreement year are carried into every later year (an indicator the latest agreement dropped is
not); a raming is a forecast for one year and is not carried.
The hand-entered indicators get no figures: the report shows them as still to be filled in.
"""

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from caseflow import clock
from caseflow.demo.organisation import DemoOrganisation
from caseflow.extensions import db
from caseflow.models import Norm, NormKind
from caseflow.reports.norm_admin import import_csv, save_norm

AGREEMENT_FILE = Path(__file__).resolve().parent / "dvo_2018_2019.csv"
# What the demo's municipalities agreed where the seeds' agreements are silent: the seeds' own
# timeliness norm (> 85% within the legal term) for every case type and for complaints, the
# 2018 norms for outflow to work and granted bijzondere bijstand, and service norms of the demo.
DEMO_NORMS = {
    ("tijdigheid", ""): (
        "85",
        "Demo-afspraak: >85% binnen de wettelijke termijn, als voor bezwaar",
    ),
    ("klachten_tijdig", ""): ("85", "Demo-afspraak: >85% binnen de wettelijke termijn"),
    ("uitstroom_werk", ""): ("33", "Demo-afspraak: als DVO Participatiewet SZMH 2018"),
    ("toekenning", "bijzondere_bijstand"): (
        "70",
        "Demo-afspraak: als DVO Participatiewet SZMH 2018",
    ),
    ("doorlooptijd", ""): ("42", "Demo-afspraak: servicenorm doorlooptijd"),
    ("overdrachten", ""): ("1", "Demo-afspraak: hoogstens één overdracht per zaak"),
    ("foutscore", ""): ("5", "Demo-afspraak: foutscore kwaliteitstoetsing"),
}
DEMO_YEARS = 4


class AgreementError(RuntimeError):
    """The shipped agreement file does not import: a defect in the file."""


def seed_agreement(demo: DemoOrganisation, end: datetime) -> int:
    """Load the file and continue its norms up to the demo's year; returns the norms made."""
    result = import_csv(AGREEMENT_FILE.read_text(encoding="utf-8"), demo.municipalities, None)
    if result.errors:
        raise AgreementError("; ".join(result.errors))
    year = clock.local_date(end).year
    return (
        result.added + _continue(year) + _demo_norms(demo, range(year - DEMO_YEARS + 1, year + 1))
    )


def _demo_norms(demo: DemoOrganisation, years: range) -> int:
    made = 0
    for municipality in demo.municipalities:
        for (code, case_type), (value, source) in DEMO_NORMS.items():
            for year in years:
                save_norm(
                    municipality.id,
                    code,
                    case_type,
                    year,
                    NormKind.NORM,
                    Decimal(value),
                    source,
                    user_id=None,
                )
                made += 1
    db.session.flush()
    return made


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
