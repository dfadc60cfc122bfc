"""Every indicator the reports know, by code."""

from caseflow.reports.backlog import Werkvoorraad
from caseflow.reports.backlog_trend import WerkvoorraadVerloop
from caseflow.reports.base import Indicator
from caseflow.reports.benefits import (
    BenefitFlow,
    PerThousandInhabitants,
    Preventiequote,
    RunningBenefits,
)
from caseflow.reports.flow import Doorstroom
from caseflow.reports.handovers import Overdrachten
from caseflow.reports.leadtime import Doorlooptijd, TijdPerStatus
from caseflow.reports.outcomes import BezwarenGegrond, Toekenning
from caseflow.reports.provisions import (
    HerindicatiesOnTime,
    ProvisionFlow,
    RunningGuidance,
    RunningHouseholdHelp,
    RunningProvisions,
)
from caseflow.reports.quality import (
    BezwarenPerBesluiten,
    BezwarenTijdig,
    KlachtenGegrond,
    KlachtenTijdig,
)
from caseflow.reports.review import Foutscore
from caseflow.reports.survey import Clientwaardering
from caseflow.reports.timeliness import Tijdigheid

INDICATORS: dict[str, Indicator] = {
    i.code: i
    for i in (
        Tijdigheid(),
        Doorlooptijd(),
        TijdPerStatus(),
        Doorstroom(),
        Werkvoorraad(),
        WerkvoorraadVerloop(),
        Overdrachten(),
        Toekenning(),
        BezwarenGegrond(),
        # After the decision: the registers of provisions and benefits (caseflow.provisions).
        RunningProvisions(),
        RunningHouseholdHelp(),
        RunningGuidance(),
        ProvisionFlow(),
        HerindicatiesOnTime(),
        RunningBenefits(),
        BenefitFlow(),
        Preventiequote(),
        PerThousandInhabitants(),
        BezwarenTijdig(),
        BezwarenPerBesluiten(),
        KlachtenGegrond(),
        KlachtenTijdig(),
        Clientwaardering(),
        Foutscore(),
    )
}


class UnknownIndicator(KeyError):
    pass


def indicator(code: str) -> Indicator:
    try:
        return INDICATORS[code]
    except KeyError:
        raise UnknownIndicator(code) from None
