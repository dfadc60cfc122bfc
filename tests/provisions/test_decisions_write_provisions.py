"""A decision writes what it grants to the register of provisions, as an effect of its transition:
two products make two provisions, a refusal makes none, and nothing else can make one."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
import time_machine

from caseflow.extensions import db
from caseflow.models import Benefit, Case, CaseEvent, Provision
from caseflow.models.cases import AppendOnlyError
from caseflow.workflow.door import DoorViolation
from caseflow.workflow.errors import InvalidData
from tests.factories import product
from tests.offices import Office
from tests.provisions.helpers import Catalogue, decide, provisions, ready_to_decide, row


def _events(case: Case) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(CaseEvent.trigger).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        )
    )


def test_a_decision_with_two_products_creates_two_provisions_in_its_transition(
    office: Office, catalogue: Catalogue, travel: time_machine.Traveller
) -> None:
    case = ready_to_decide(office)
    event = decide(
        case,
        [
            row(catalogue.household, "3", "2026-03-16", "2027-03-15"),
            row(catalogue.stairlift, "1", "2026-04-01", aanbieder=str(catalogue.group.id)),
        ],
    )

    household, lift = provisions()
    assert (case.state, case.result) == ("besloten", "toegekend")
    assert [(p.case_id, p.person_id, p.municipality_id) for p in (household, lift)] == [
        (case.id, office.client.id, office.maastricht.id)
    ] * 2
    assert (household.product_code, household.kind, household.unit, household.form) == (
        "HH01",
        "hulp_huishouden",
        "uur_per_week",
        "zin",
    )
    assert (household.provider_id, household.amount) == (catalogue.homecare.id, Decimal("3"))
    assert (household.start_date, household.end_date) == (date(2026, 3, 16), date(2027, 3, 15))
    assert (lift.provider_id, lift.end_date, lift.decided_at) == (
        catalogue.group.id,
        None,
        event.occurred_at,
    )
    # The decision's one event records what was granted, with the ids and in words.
    granted = event.data["producten"]
    assert [g["id"] for g in granted] == [household.id, lift.id]
    assert granted[0]["omschrijving"] == (
        "Hulp bij het huishouden, zorg in natura door Thuiszorg Heuvelland, 3 uur per week, "
        "van 16 maart 2026 tot en met 15 maart 2027"
    )
    assert granted[1]["omschrijving"] == (
        "Traplift, zorg in natura door Zorggroep Maas, 1 stuks, vanaf 1 april 2026, "
        "zonder einddatum"
    )
    assert _events(case).count("besluiten") == 1


def test_a_refused_aanvraag_creates_no_provision_and_accepts_no_product(
    office: Office, catalogue: Catalogue
) -> None:
    refused = ready_to_decide(office)
    decide(refused, [], result="afgewezen")
    assert (refused.state, refused.result) == ("besloten", "afgewezen")
    assert provisions() == []

    with_products = ready_to_decide(office)
    with pytest.raises(InvalidData) as refusal:
        decide(with_products, [row(catalogue.household, "3", "2026-03-16")], result="afgewezen")
    assert refusal.value.field_errors == {
        "producten": "Bij dit resultaat wordt niets toegekend: laat de productregels leeg."
    }
    db.session.expire_all()
    assert db.session.get_one(Case, with_products.id).state == "in_behandeling"
    assert "besluiten" not in _events(with_products)
    assert provisions() == []


def test_a_grant_without_a_product_is_refused(office: Office, catalogue: Catalogue) -> None:
    case = ready_to_decide(office)
    with pytest.raises(InvalidData) as refusal:
        decide(case, [])
    assert refusal.value.field_errors == {"producten": "Vul ten minste één toegekend product in."}


def test_a_partial_grant_says_what_was_not_granted(office: Office, catalogue: Catalogue) -> None:
    case = ready_to_decide(office)
    rows = [row(catalogue.household, "2", "2026-03-16", "2026-09-15")]
    with pytest.raises(InvalidData) as refusal:
        decide(case, rows, result="deels_toegekend")
    assert refusal.value.field_errors == {
        "niet_toegekend": "Wat niet is toegekend en waarom is verplicht bij resultaat deels "
        "toegekend."
    }
    event = decide(
        case, rows, result="deels_toegekend", niet_toegekend="Geen traplift: de woning is te smal."
    )
    assert event.data["niet_toegekend"] == "Geen traplift: de woning is te smal."
    assert [(p.product_code, p.amount) for p in provisions()] == [("HH01", Decimal("2"))]


def test_every_bad_field_of_every_row_is_named_and_nothing_is_written(
    office: Office, catalogue: Catalogue
) -> None:
    vaals = product(office.vaals, "HH01", "Hulp bij het huishouden", "hulp_huishouden")
    case = ready_to_decide(office)
    rows = [
        row(catalogue.stairlift, "1,5", "2026-03-16", vorm="pgb", aanbieder=""),
        row(catalogue.household, "drie", "2026-04-01", "2026-03-01"),
        row(catalogue.guidance, "4", "31-02-2026", aanbieder=str(catalogue.homecare.id)),
        row(catalogue.youth, "2", "2026-03-16"),
        row(vaals, "2", "2026-03-16"),
    ]
    with pytest.raises(InvalidData) as refusal:
        decide(case, rows)
    assert refusal.value.field_errors == {
        "producten-1-vorm": "Product 1: Traplift kan als zorg in natura.",
        "producten-1-omvang": "Product 1: een aantal stuks is een heel getal.",
        "producten-2-omvang": (
            "Product 2: vul de omvang in als getal groter dan 0, in uur per week."
        ),
        "producten-2-einddatum": "Product 2: de einddatum ligt vóór de ingangsdatum.",
        "producten-3-aanbieder": (
            "Product 3: kies een aanbieder die voor Begeleiding individueel is gecontracteerd."
        ),
        "producten-3-ingangsdatum": (
            "Product 3, ingangsdatum: vul een geldige datum in, bijvoorbeeld 16-03-2026."
        ),
        # Jeugdhulp is not what a Wmo decision grants; Vaals's catalogue is not Maastricht's.
        "producten-4-product": "Product 4: kies een product uit de catalogus van de gemeente.",
        "producten-5-product": "Product 5: kies een product uit de catalogus van de gemeente.",
    }
    assert provisions() == []
    db.session.expire_all()
    assert db.session.get_one(Case, case.id).state == "in_behandeling"


def test_a_pgb_has_no_provider(office: Office, catalogue: Catalogue) -> None:
    case = ready_to_decide(office)
    decide(case, [row(catalogue.household, "2,5", "2026-03-16", vorm="pgb", aanbieder="")])
    [budget] = provisions()
    assert (budget.form, budget.provider_id, budget.amount) == ("pgb", None, Decimal("2.5"))


def test_a_jeugd_decision_grants_jeugdhulp(office: Office, catalogue: Catalogue) -> None:
    case = ready_to_decide(office, "jeugd")
    with pytest.raises(InvalidData) as refusal:
        decide(case, [row(catalogue.household, "3", "2026-03-16")])
    assert list(refusal.value.field_errors) == ["producten-1-product"]
    decide(case, [row(catalogue.youth, "2", "2026-03-16", "2026-12-31")])
    assert [(p.kind, p.case_id) for p in provisions()] == [("jeugdhulp_ambulant", case.id)]


def test_no_provision_or_benefit_is_written_through_any_other_door(
    office: Office, catalogue: Catalogue
) -> None:
    case = ready_to_decide(office)
    db.session.add(
        Provision(
            case_id=case.id,
            municipality_id=case.municipality_id,
            person_id=office.client.id,
            product=catalogue.household,
            product_code="HH01",
            product_label="Hulp bij het huishouden",
            kind="hulp_huishouden",
            unit="uur_per_week",
            form="zin",
            provider=catalogue.homecare,
            amount=Decimal(3),
            start_date=date(2026, 3, 16),
            decided_at=case.opened_at,
        )
    )
    with pytest.raises(DoorViolation, match="written by its decision only"):
        db.session.flush()
    db.session.rollback()
    db.session.add(
        Benefit(
            case_id=case.id,
            municipality_id=case.municipality_id,
            scheme="pw",
            start_date=date(2026, 3, 16),
            decided_at=case.opened_at,
        )
    )
    with pytest.raises(DoorViolation, match="written by its decision only"):
        db.session.flush()
    db.session.rollback()
    assert provisions() == []


def test_what_was_decided_stays_as_decided(office: Office, catalogue: Catalogue) -> None:
    case = ready_to_decide(office)
    decide(case, [row(catalogue.household, "3", "2026-03-16", "2027-03-15")])
    catalogue.household.label = "Huishoudelijke ondersteuning"
    db.session.commit()
    [provision] = provisions()
    assert provision.product_label == "Hulp bij het huishouden"
    provision.amount = Decimal(6)
    with pytest.raises(AppendOnlyError, match="amount is what was decided"):
        db.session.flush()
    db.session.rollback()
