"""The melding: the day a need first reached the college, carried along the follow-up chain.

A melding has no formal requirements and the front door acts for the college, so a term the law
counts from the melding (Wmo 2015 art. 2.3.2, Wgs art. 4) runs from the first contact, not from
the day a domain case happens to be opened after the centrale toegang and the gebiedsteam
passed it on. The intake's case takes the melding from the intake; every case a transition
opens (`creates`) takes it from the case it comes from. A case opened directly, a plan action's
new case included, is its own first contact.
"""

from dataclasses import dataclass
from datetime import date

from caseflow import clock
from caseflow.models.cases import CHANNELS, Case, Intake
from caseflow.workflow.registry import registry

# Where a case of this domain was the first contact, as in "gemeld bij de centrale toegang".
_PLACES = {"toegang": "bij de centrale toegang", "integraal": "bij het gebiedsteam"}


@dataclass(frozen=True)
class Melding:
    day: date
    # Where it came in, to follow "gemeld": "bij de centrale toegang".
    via: str


def from_intake(intake: Intake) -> Melding:
    """The intake's own moment, or the earlier day a channel acting for the college had it."""
    received = clock.local_date(intake.received_at or clock.now())
    if intake.reported_on is not None and intake.reported_on < received:
        channel = CHANNELS.get(intake.channel, intake.channel).lower()
        return Melding(intake.reported_on, f"bij de gemeente ({channel})")
    return Melding(received, place("toegang", ""))


def handed_on(origin: Case) -> Melding:
    """The melding a follow-up of `origin` inherits: origin's own, or origin's opening."""
    if origin.melding_date is not None:
        return Melding(origin.melding_date, origin.melding_via or "")
    domain = registry().get(origin.case_type).domain
    return Melding(clock.local_date(origin.opened_at), place(domain, origin.reference))


def place(domain: str, reference: str) -> str:
    """Where a case of `domain` took in the need when it was the first contact itself."""
    return _PLACES.get(domain, f"in zaak {reference}")
