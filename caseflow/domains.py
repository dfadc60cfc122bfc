"""The domains of the social domain, once: what they are called, how a case of them is routed,
and which case a single question for them opens (a send-back, an urgent referral, a plan action).

The loader checks every workflow's `domain` against this table; forms, reports, routing and the
plan services read it instead of keeping lists of their own.
"""

from dataclasses import dataclass
from enum import StrEnum


class Routing(StrEnum):
    FRONT_DOOR = "front_door"  # the municipality's centrale toegang
    AREA = "area"  # the area team of the client's postcode
    DOMAIN_TEAM = "domain_team"  # the municipality's team of this domain


@dataclass(frozen=True)
class Domain:
    code: str
    label: str
    routing: Routing
    # The case a single question for this domain opens, when it can be asked for directly.
    case_type: str | None = None


DOMAINS: dict[str, Domain] = {
    d.code: d
    for d in (
        Domain("toegang", "Centrale toegang", Routing.FRONT_DOOR),
        Domain("integraal", "Integraal (gebiedsteam)", Routing.AREA, "gebiedsteam"),
        Domain("wmo", "Wmo", Routing.DOMAIN_TEAM, "wmo_melding"),
        Domain("jeugd", "Jeugd", Routing.DOMAIN_TEAM, "jeugd"),
        Domain("participatie", "Participatie en inkomen", Routing.DOMAIN_TEAM, "pw_aanvraag"),
        Domain("schuldhulp", "Schuldhulpverlening", Routing.DOMAIN_TEAM, "schuldhulp"),
        Domain(
            "bijzondere_bijstand", "Bijzondere bijstand", Routing.DOMAIN_TEAM, "bijzondere_bijstand"
        ),
        Domain("bezwaar", "Bezwaar", Routing.DOMAIN_TEAM),
        Domain("beroep", "Beroep en hoger beroep", Routing.DOMAIN_TEAM),
        Domain("klachten", "Klachten", Routing.DOMAIN_TEAM),
        Domain("onderwijs", "Onderwijs", Routing.DOMAIN_TEAM),
    )
}


def domain_label(code: str) -> str:
    domain = DOMAINS.get(code)
    return domain.label if domain else code


def single_domain_choices() -> list[tuple[str, str]]:
    """The domains a single question can be sent to, each opening its own case."""
    return [
        (d.code, d.label)
        for d in DOMAINS.values()
        if d.routing is Routing.DOMAIN_TEAM and d.case_type is not None
    ]
