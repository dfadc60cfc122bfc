"""A municipality's catalogue, Wmo and Jeugd decisions taken through the engine, and the rows the
decision page sends."""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from caseflow import unit_of_work
from caseflow.extensions import db
from caseflow.models import Case, CaseEvent, Municipality, Product, Provider, Provision, User
from caseflow.workflow.engine import assign, fire, start_case
from tests.factories import grant_row, product, provider
from tests.offices import Office


@dataclass(frozen=True)
class Catalogue:
    household: Product  # HH01 hulp bij het huishouden, hours a week, in natura or pgb
    guidance: Product  # BG01 begeleiding individueel, hours a week
    stairlift: Product  # WA01 woningaanpassing, pieces, in natura only
    youth: Product  # JA01 jeugdhulp ambulant, hours a week
    homecare: Provider
    group: Provider


def catalogue_of(municipality: Municipality) -> Catalogue:
    homecare, group = provider("Thuiszorg Heuvelland"), provider("Zorggroep Maas")
    both = [homecare, group]
    return Catalogue(
        household=product(
            municipality, "HH01", "Hulp bij het huishouden", "hulp_huishouden", providers=both
        ),
        guidance=product(
            municipality,
            "BG01",
            "Begeleiding individueel",
            "begeleiding_individueel",
            providers=[group],
        ),
        stairlift=product(
            municipality,
            "WA01",
            "Traplift",
            "woningaanpassing",
            "stuks",
            providers=[group],
            pgb=False,
        ),
        youth=product(
            municipality, "JA01", "Ambulante jeugdhulp", "jeugdhulp_ambulant", providers=[group]
        ),
        homecare=homecare,
        group=group,
    )


def ready_to_decide(
    office: Office, case_type: str = "wmo_aanvraag", actor: User | None = None
) -> Case:
    """An aanvraag (or jeugd case) of the office's client with its onderzoek recorded."""
    consulent = actor or office.consulent
    team = office.wmo if case_type == "wmo_aanvraag" else office.jeugd
    case = start_case(
        case_type,
        municipality=office.maastricht,
        actor=consulent,
        person=office.client,
        team=team,
    )
    assign(case, consulent, consulent)
    fire(case, "oppakken", consulent)
    report: dict[str, Any] = {"verslag": "Keukentafelgesprek: trap en huishouden lukken niet."}
    if case_type == "jeugd":
        report["gespreksvorm"] = "gezinsgesprek"
    fire(case, "verslag_vastleggen", consulent, report)
    unit_of_work.commit(keep_loaded=True)
    return case


def row(
    item: Product, amount: str, start: str, end: str | None = None, **given: str
) -> dict[str, str]:
    """A product row, in natura by the product's first provider unless said otherwise."""
    return grant_row(item, amount, ingangsdatum=start, einddatum=end or "", **given)


def decide(
    case: Case, rows: list[dict[str, str]], result: str = "toegekend", **extra: Any
) -> CaseEvent:
    assert case.assignee is not None
    data = {"resultaat": result, "motivering": "Past bij wat nodig is.", "producten": rows, **extra}
    event = fire(case, "besluiten", case.assignee, data)
    unit_of_work.commit(keep_loaded=True)
    return event


def provisions() -> list[Provision]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Provision).order_by(Provision.id)))


def page_rows(*rows: dict[str, str]) -> dict[str, str]:
    """Rows as the decision page's fields, numbered from 1."""
    return {
        f"producten-{number}-{name}": value
        for number, given in enumerate(rows, start=1)
        for name, value in given.items()
    }
