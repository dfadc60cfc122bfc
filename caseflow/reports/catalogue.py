"""The indicator catalogue: what a service agreement (DVO) can set a norm or raming for.

Two sources. Caseflow computes some figures itself: those targets are named here, each pointing
at an indicator and measure of the report registry. Every other agreed indicator (sickness
absence, fraud recoveries, a number from the benefits system) is a row of `dvo_indicators`,
loaded with the agreement, whose figure is entered by hand per period. A municipality's DVO is
the set of targets it has norms for (`report_norms`), year by year.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import DvoIndicator
from caseflow.reports.timeliness import HEADLINE

COMPUTED = "caseflow"
HAND = "hand"
# The order of a DVO's parts in a report; a part not named here comes last.
SECTIONS = (
    "Dienstverlening",
    "Werk",
    "Inkomen",
    "Handhaving",
    "Minimabeleid",
    "Wmo",
    "Bedrijfsvoering",
    "Benchmark",
)


def section_order(section: str) -> int:
    return SECTIONS.index(section) if section in SECTIONS else len(SECTIONS)


@dataclass(frozen=True)
class NormTarget:
    """One number a service agreement sets a norm or plan figure for."""

    code: str
    label: str
    indicator: str  # the registry's indicator; empty for a hand-entered figure
    measure: str
    unit: str
    better: str | None  # "hoger" or "lager" when more or less is good; None for plain plans
    section: str = "Dienstverlening"
    # A count on a reference date (running provisions, benefits): never taken pro rata.
    stock: bool = False
    # A yearly flow in a unit that is not a count (decisions per 1,000 inhabitants): pro rata.
    flow: bool = False
    definition: str = ""

    @property
    def source(self) -> str:
        return HAND if not self.indicator else COMPUTED

    @property
    def hand(self) -> bool:
        return not self.indicator

    @property
    def yearly_total(self) -> bool:
        """A figure that adds up over the year, so part of a year meets part of the norm."""
        return self.flow or (self.unit in ("aantal", "euro") and not self.stock)


def _computed(*targets: NormTarget) -> dict[str, NormTarget]:
    return {t.code: t for t in targets}


# As the service agreements count them: legal terms, the open ones too (DOMAIN.md).
TARGETS: dict[str, NormTarget] = _computed(
    NormTarget(
        "tijdigheid",
        "Tijdigheid: % binnen de wettelijke termijn, lopende termijnen meegeteld",
        "tijdigheid",
        HEADLINE,
        "procent",
        "hoger",
    ),
    NormTarget(
        "doorlooptijd",
        "Doorlooptijd netto, mediaan (dagen)",
        "doorlooptijd",
        "mediaan_netto",
        "dagen",
        "lager",
    ),
    NormTarget("instroom", "Instroom (zaken)", "doorstroom", "instroom", "aantal", None),
    NormTarget("uitstroom", "Uitstroom (zaken)", "doorstroom", "uitstroom", "aantal", None),
    NormTarget(
        "overdrachten",
        "Overdrachten per afgesloten zaak",
        "overdrachten",
        "gemiddeld",
        "gemiddelde",
        "lager",
    ),
    NormTarget(
        "toekenning",
        "Aandeel toegekend (%)",
        "toekenning",
        "percentage_toegekend",
        "procent",
        None,
        section="Minimabeleid",
    ),
    # After the decision (caseflow.reports.provisions and .benefits): the MER dashboard's plan
    # figures, the Participatiewet agreement's outflow to work and preventiequote.
    NormTarget(
        "voorzieningen_hbh",
        "Lopende voorzieningen hulp bij het huishouden (stand)",
        "voorzieningen_hbh",
        "lopend",
        "aantal",
        None,
        section="Wmo",
        stock=True,
    ),
    NormTarget(
        "voorzieningen_begeleiding",
        "Lopende voorzieningen begeleiding (stand)",
        "voorzieningen_begeleiding",
        "lopend",
        "aantal",
        None,
        section="Wmo",
        stock=True,
    ),
    NormTarget(
        "uitkeringen",
        "Uitkeringen (uitkeringseenheden, stand)",
        "uitkeringen",
        "lopend",
        "aantal",
        None,
        section="Inkomen",
        stock=True,
    ),
    NormTarget(
        "uitstroom_uitkeringen",
        "Uitstroom uitkeringen",
        "uitkeringen_verloop",
        "uitstroom",
        "aantal",
        None,
        section="Inkomen",
    ),
    NormTarget(
        "uitstroom_werk",
        "Uitstroom naar werk (% van de uitstroom)",
        "uitkeringen_verloop",
        "percentage_werk",
        "procent",
        "hoger",
        section="Werk",
    ),
    NormTarget(
        "preventiequote",
        "Preventiequote (%)",
        "preventiequote",
        "percentage",
        "procent",
        "hoger",
        section="Inkomen",
    ),
    # The service agreement's quality indicators (seeds 001 and 004).
    NormTarget(
        "bezwaren_tijdig",
        "Bezwaren op tijd beslist (%, lopende termijnen meegeteld)",
        "bezwaren_tijdig",
        HEADLINE,
        "procent",
        "hoger",
        section="Bedrijfsvoering",
    ),
    NormTarget(
        "bezwaren_gegrond",
        "Gegronde bezwaren (% van de ingediende)",
        "bezwaren_gegrond",
        "percentage_gegrond",
        "procent",
        "lager",
        section="Bedrijfsvoering",
    ),
    NormTarget(
        "klachten_gegrond",
        "Gegronde klachten (% van de ingediende)",
        "klachten_gegrond",
        "percentage_gegrond",
        "procent",
        "lager",
        section="Bedrijfsvoering",
    ),
    NormTarget(
        "klachten_tijdig",
        "Klachten op tijd afgehandeld (%, lopende termijnen meegeteld)",
        "klachten_tijdig",
        HEADLINE,
        "procent",
        "hoger",
        section="Bedrijfsvoering",
    ),
    NormTarget(
        "clientwaardering",
        "Cliëntwaardering: gemiddeld cijfer",
        "clientwaardering",
        "gemiddeld_cijfer",
        "gemiddelde",
        "hoger",
        section="Bedrijfsvoering",
    ),
    NormTarget(
        "foutscore",
        "Foutscore kwaliteitstoetsing (%)",
        "foutscore",
        "foutscore",
        "procent",
        "lager",
        section="Bedrijfsvoering",
    ),
    # The benchmark's ratios (seed 002), per 1,000 inhabitants or decisions.
    NormTarget(
        "wmo_besluiten_per_1000",
        "Wmo-besluiten per 1.000 inwoners",
        "per_1000_inwoners",
        "besluiten_per_1000",
        "gemiddelde",
        None,
        section="Benchmark",
        flow=True,
    ),
    NormTarget(
        "uitkeringen_per_1000",
        "Uitkeringen per 1.000 inwoners (stand)",
        "per_1000_inwoners",
        "uitkeringen_per_1000",
        "gemiddelde",
        None,
        section="Benchmark",
    ),
    NormTarget(
        "bezwaren_per_besluiten",
        "Bezwaren per 1.000 besluiten",
        "bezwaren_per_besluiten",
        "per_1000",
        "gemiddelde",
        "lager",
        section="Benchmark",
    ),
)


def hand_target(row: DvoIndicator) -> NormTarget:
    return NormTarget(
        row.code,
        row.label,
        "",
        "",
        row.unit,
        row.better,
        section=row.section or "Overig",
        definition=row.definition,
    )


def hand_targets() -> dict[str, NormTarget]:
    rows = db.session.scalars(sa.select(DvoIndicator).order_by(DvoIndicator.code))
    return {row.code: hand_target(row) for row in rows}


def catalogue() -> dict[str, NormTarget]:
    """Every target: the computed ones first, then the hand-entered rows."""
    return TARGETS | hand_targets()
