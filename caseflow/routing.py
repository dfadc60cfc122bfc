"""Which team gets a new case: the front door, a domain team, or the area team of the address."""

import re

import sqlalchemy as sa

from caseflow.domains import DOMAINS, Routing
from caseflow.extensions import db
from caseflow.models import Area, Municipality, Person, PostcodeRange, Team, TeamKind
from caseflow.models.organisation import team_municipalities
from caseflow.workflow.errors import WorkflowError

POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")


class RoutingError(WorkflowError):
    pass


def postcode_number(postcode: str | None) -> int | None:
    match = POSTCODE.match(postcode or "")
    return int(match.group(1)) if match else None


def area_for(municipality: Municipality, postcode: str | None) -> Area | None:
    number = postcode_number(postcode)
    if number is None:
        return None
    return db.session.scalar(
        sa.select(Area)
        .join(PostcodeRange)
        .where(
            Area.municipality_id == municipality.id,
            PostcodeRange.first <= number,
            PostcodeRange.last >= number,
        )
        .limit(1)
    )


def municipalities_for_postcode(postcode: str | None) -> list[Municipality]:
    """The municipalities with an area that holds this postcode: normally one, none when no
    area covers it (yet)."""
    number = postcode_number(postcode)
    if number is None:
        return []
    return list(
        db.session.scalars(
            sa.select(Municipality)
            .where(
                Municipality.areas.any(
                    Area.postcode_ranges.any(
                        sa.and_(PostcodeRange.first <= number, PostcodeRange.last >= number)
                    )
                )
            )
            .order_by(Municipality.name)
        )
    )


def team_domains(municipality_ids: list[int]) -> dict[int, set[str]]:
    """Per municipality, the domains it has a domain team for: where a case can go."""
    rows = db.session.execute(
        sa.select(team_municipalities.c.municipality_id, Team.domain)
        .join(team_municipalities, team_municipalities.c.team_id == Team.id)
        .where(
            Team.kind == TeamKind.DOMAIN,
            team_municipalities.c.municipality_id.in_(municipality_ids),
        )
        .distinct()
    )
    found: dict[int, set[str]] = {m: set() for m in municipality_ids}
    for municipality_id, domain in rows:
        found[municipality_id].add(domain)
    return found


def _teams(kind: str, municipality: Municipality) -> sa.Select[Team]:
    return (
        sa.select(Team)
        .where(Team.kind == kind, Team.municipalities.any(id=municipality.id))
        .order_by(Team.id)
    )


def route(domain: str, municipality: Municipality, person: Person | None) -> Team:
    """The team for a new case of `domain`; a RoutingError with a Dutch reason when none fits."""
    routing = DOMAINS[domain].routing if domain in DOMAINS else Routing.DOMAIN_TEAM
    if routing is Routing.FRONT_DOOR:
        team = db.session.scalar(_teams(TeamKind.FRONT_DOOR, municipality))
        if team is None:
            raise RoutingError(f"{municipality.name} heeft geen team voor de centrale toegang.")
        return team
    if routing is Routing.AREA:
        area = area_for(municipality, person.postcode if person else None)
        if area is None:
            raise RoutingError(
                "Het adres van de inwoner valt in geen enkel gebied van "
                f"{municipality.name}; controleer de postcode. De hulpvraag blijft bij de toegang."
            )
        team = db.session.scalar(sa.select(Team).where(Team.area_id == area.id).limit(1))
        if team is None:
            raise RoutingError(f"Gebied {area.name} heeft nog geen gebiedsteam.")
        return team
    team = db.session.scalar(_teams(TeamKind.DOMAIN, municipality).where(Team.domain == domain))
    if team is None:
        raise RoutingError(f"{municipality.name} heeft geen team voor het domein '{domain}'.")
    return team


def area_team_named(name: object, municipality_id: int) -> Team | None:
    """The area team of this municipality with this name (a team move names its target)."""
    if not name:
        return None
    return db.session.scalar(
        sa.select(Team).where(
            Team.name == str(name),
            Team.kind == TeamKind.AREA,
            Team.municipalities.any(id=municipality_id),
        )
    )
