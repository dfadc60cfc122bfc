"""Administration of areas: which postcodes belong to which area, and the area's team.

An area is a district or a village (kern) of one municipality; a municipality can split into as
many areas as it has teams. Postcode ranges may not overlap, within a municipality or across
municipalities, so that every address routes to exactly one area team.
"""

import sqlalchemy as sa

from caseflow.extensions import db
from caseflow.models import Area, Municipality, PostcodeRange, Team, TeamKind, User
from caseflow.permissions import ADMINISTER
from caseflow.plans.errors import flushed
from caseflow.routing import area_for
from caseflow.workflow.errors import InvalidData, NotAuthorised


def administered(user: User) -> list[Municipality]:
    if not user.may(ADMINISTER):
        return []
    return sorted(user.municipalities, key=lambda m: m.name)


def _may_administer(user: User, municipality_id: int) -> None:
    if not user.may(ADMINISTER) or not user.serves(municipality_id):
        raise NotAuthorised("Alleen een beheerder van deze gemeente wijzigt de gebieden.")


def _check_range(municipality: Municipality, first: int | None, last: int | None) -> None:
    errors: dict[str, str] = {}
    for name, value in (("first", first), ("last", last)):
        if value is None or not 1000 <= value <= 9999:
            errors[name] = "Vul vier cijfers in, van 1000 tot en met 9999."
    if not errors and (last or 0) < (first or 0):
        errors["last"] = "De laatste postcode ligt niet voor de eerste."
    if errors:
        raise InvalidData(errors)
    # A postcode lies in one municipality: ranges may not overlap, also not across municipalities.
    clash = db.session.execute(
        sa.select(PostcodeRange, Area)
        .join(Area)
        .where(PostcodeRange.first <= last, PostcodeRange.last >= first)
        .order_by(Area.municipality_id != municipality.id)
        .limit(1)
    ).first()
    if clash is not None:
        taken, area = clash
        if area.municipality_id != municipality.id:
            message = f"{first}–{last} overlapt met postcodes van {area.municipality.name}."
        else:
            message = f"{first}–{last} overlapt met {area.name} ({taken.first}–{taken.last})."
        raise InvalidData({"first": message})


def add_area(
    municipality: Municipality, name: str, first: int | None, last: int | None, actor: User
) -> Area:
    _may_administer(actor, municipality.id)
    name = name.strip()
    if not name:
        raise InvalidData({"name": "Vul de naam van het gebied in."})
    if any(a.name.lower() == name.lower() for a in municipality.areas):
        raise InvalidData({"name": f"{municipality.name} heeft al een gebied {name}."})
    _check_range(municipality, first, last)
    with flushed():
        area = Area(municipality=municipality, name=name)
        area.postcode_ranges.append(PostcodeRange(first=first, last=last))
        db.session.add(area)
    return area


def add_range(area: Area, first: int | None, last: int | None, actor: User) -> PostcodeRange:
    _may_administer(actor, area.municipality_id)
    _check_range(area.municipality, first, last)
    with flushed():
        row = PostcodeRange(area=area, first=first, last=last)
        db.session.add(row)
    return row


def remove_range(row: PostcodeRange, actor: User) -> None:
    _may_administer(actor, row.area.municipality_id)
    with flushed():
        db.session.delete(row)


def add_area_team(area: Area, name: str, actor: User) -> Team:
    _may_administer(actor, area.municipality_id)
    name = name.strip()
    if not name:
        raise InvalidData({"team_name": "Vul de naam van het team in."})
    if db.session.scalar(sa.select(Team.id).where(Team.name == name)) is not None:
        raise InvalidData({"team_name": f"Er is al een team met de naam {name}."})
    if area_team(area) is not None:
        raise InvalidData({"team_name": f"{area.name} heeft al een gebiedsteam."})
    with flushed():
        team = Team(
            organisation=area.municipality.organisation,
            name=name,
            kind=TeamKind.AREA,
            area=area,
            municipalities=[area.municipality],
        )
        db.session.add(team)
    return team


def area_team(area: Area) -> Team | None:
    return db.session.scalar(sa.select(Team).where(Team.area_id == area.id).limit(1))


def set_membership(
    team: Team, member: User | None, actor: User, *, present: bool, origin: str | None = None
) -> None:
    """Add someone to an area team, or take them off it, through the rights service."""
    from caseflow.rights.accounts import set_team_membership

    if team.area is None:
        raise InvalidData({"user_id": "Dit is geen gebiedsteam."})
    _may_administer(actor, team.area.municipality_id)
    if member is None or not member.serves(team.area.municipality_id):
        raise InvalidData({"user_id": "Kies een medewerker van deze gemeente."})
    with flushed():
        set_team_membership(actor, member, team, present=present, origin=origin)


def where_is(municipality: Municipality, postcode: str) -> tuple[Area | None, Team | None]:
    """The area and area team a postcode routes to."""
    area = area_for(municipality, postcode)
    return area, area_team(area) if area is not None else None
